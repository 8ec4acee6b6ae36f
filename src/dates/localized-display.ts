// A date for people who read another language: "25 mai 2017", "vers mai 2017", "été 2017",
// "15 mars 44 av. J.-C.". Days, months, years and eras come from Intl (the platform's CLDR data, in
// every locale it has); the few words around them (about, until, between...) from the phrases
// below, English where a language has none yet. English itself is the parser's own display.
import { InputError } from '../lib/errors.js';
import type { Bound, DatePoint, DateValue } from './edtf.js';

/** Words around dates; `day` says a date names a day, where a language words it otherwise (le 4 juin). */
interface Phrases {
  about: (date: string) => string;
  uncertain: (date: string) => string;
  someOf: (span: string) => string;
  interval: (start: string, end: string, day: boolean) => string;
  from: (start: string, ongoing: boolean, day: boolean) => string;
  until: (end: string, openStart: boolean, day: boolean) => string;
  between: (from: string, to: string, day: boolean) => string;
  before: (date: string, day: boolean) => string;
  after: (date: string, day: boolean) => string;
  /** Spring, summer, autumn, winter (of the northern hemisphere, as EDTF's 21 to 24). */
  seasons: [string, string, string, string];
}

const PHRASES: Record<string, Phrases> = {
  en: {
    about: (d) => `about ${d}`,
    uncertain: (d) => `${d} (uncertain)`,
    someOf: (s) => `some time in ${s}`,
    interval: (a, b) => `${a} to ${b}`,
    from: (a, ongoing) => `from ${a}, ${ongoing ? 'ongoing' : 'end unknown'}`,
    until: (b, open) => `until ${b}, ${open ? 'open start' : 'start unknown'}`,
    between: (a, b) => `between ${a} and ${b}`,
    before: (d) => `before ${d}`,
    after: (d) => `after ${d}`,
    seasons: ['Spring', 'Summer', 'Autumn', 'Winter'],
  },
  fr: {
    about: (d) => `vers ${d}`,
    uncertain: (d) => `${d} (incertain)`,
    someOf: (s) => `au cours de ${s}`,
    interval: (a, b, day) => (day ? `du ${a} au ${b}` : `de ${a} à ${b}`),
    from: (a, ongoing, day) => `depuis ${day ? 'le ' : ''}${a}, ${ongoing ? 'en cours' : 'fin inconnue'}`,
    until: (b, open, day) => `jusqu’${day ? 'au' : 'en'} ${b}, ${open ? 'début ouvert' : 'début inconnu'}`,
    between: (a, b, day) => (day ? `entre le ${a} et le ${b}` : `entre ${a} et ${b}`),
    before: (d, day) => `avant ${day ? 'le ' : ''}${d}`,
    after: (d, day) => `après ${day ? 'le ' : ''}${d}`,
    seasons: ['printemps', 'été', 'automne', 'hiver'],
  },
  de: {
    about: (d) => `um ${d}`,
    uncertain: (d) => `${d} (unsicher)`,
    someOf: (s) => `irgendwann ${s}`,
    interval: (a, b) => `${a} bis ${b}`,
    from: (a, ongoing) => `seit ${a}, ${ongoing ? 'andauernd' : 'Ende unbekannt'}`,
    until: (b, open) => `bis ${b}, ${open ? 'offener Beginn' : 'Beginn unbekannt'}`,
    between: (a, b) => `zwischen ${a} und ${b}`,
    before: (d) => `vor ${d}`,
    after: (d) => `nach ${d}`,
    seasons: ['Frühling', 'Sommer', 'Herbst', 'Winter'],
  },
  es: {
    about: (d) => `hacia ${d}`,
    uncertain: (d) => `${d} (incierto)`,
    someOf: (s) => `en algún momento de ${s}`,
    interval: (a, b, day) => (day ? `del ${a} al ${b}` : `de ${a} a ${b}`),
    from: (a, ongoing) => `desde ${a}, ${ongoing ? 'en curso' : 'fin desconocido'}`,
    until: (b, open) => `hasta ${b}, ${open ? 'inicio abierto' : 'inicio desconocido'}`,
    between: (a, b) => `entre ${a} y ${b}`,
    before: (d) => `antes de ${d}`,
    after: (d) => `después de ${d}`,
    seasons: ['primavera', 'verano', 'otoño', 'invierno'],
  },
};

/** The last instant a JavaScript Date holds: a point beyond it keeps its English words. */
const DATE_LIMIT = 8_640_000_000_000_000n;

/** A BCP 47 locale as Intl takes it, or an InputError naming `argument`. */
export function checkedLocale(locale: string, argument: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(locale);
    if (canonical) return canonical;
  } catch {
    // Refused below, in the same words.
  }
  throw new InputError(argument, `"${locale}" is not a language tag: use one such as "fr", "de-CH" or "pt-BR"`);
}

/** The phrases of a locale's language, or English. */
function phrasesOf(locale: string): Phrases {
  return PHRASES[new Intl.Locale(locale).language] ?? PHRASES.en!;
}

/** One point of a date in words of `locale`, from what it means. */
function point(p: DatePoint, locale: string, words: Phrases): string {
  if (p.earliest < -DATE_LIMIT || p.latest > DATE_LIMIT) return p.display;
  const first = new Date(Number(p.earliest));
  const year = first.getUTCFullYear();
  // An era only where it tells something: before year 1 ("44 av. J.-C.").
  const era = year <= 0 ? ({ era: 'short' } as const) : {};
  const format = (options: Intl.DateTimeFormatOptions, at = first) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...era, ...options }).format(at);
  let text: string;
  if (p.unspecified) {
    // Digits left unspecified (19XX, 2017-XX): the whole years, or months, they can be.
    const last = new Date(Number(p.latest));
    const wholeYears = first.getUTCMonth() === 0 && first.getUTCDate() === 1 && last.getUTCMonth() === 11 && last.getUTCDate() === 31;
    const options: Intl.DateTimeFormatOptions = wholeYears ? { year: 'numeric' } : { year: 'numeric', month: 'long' };
    text = words.someOf(new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...era, ...options }).formatRange(first, last));
  } else if (p.precision === 'YEAR') text = format({ year: 'numeric' });
  else if (p.precision === 'SEASON') {
    const season = Number(p.edtf.replace(/[?~%]/g, '').slice(-2)) - 21;
    text = `${words.seasons[season] ?? ''} ${format({ year: 'numeric' })}`.trim();
  } else if (p.precision === 'MONTH') text = format({ year: 'numeric', month: 'long' });
  else if (p.precision === 'DAY') text = format({ year: 'numeric', month: 'long', day: 'numeric' });
  else
    text = `${format({ year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', ...(p.precision === 'SECOND' ? { second: '2-digit' } : {}) })} UTC`;
  if (p.approximate) text = words.about(text);
  if (p.uncertain) text = words.uncertain(text);
  return text;
}

const known = (bound: Bound) => (bound.kind === 'KNOWN' ? bound.point : undefined);

/** A date in words of `locale` (a BCP 47 tag, already checked). */
export function displayIn(value: DateValue, locale: string): string {
  const words = phrasesOf(locale);
  const start = known(value.start);
  const end = known(value.end);
  const say = (p: DatePoint) => point(p, locale, words);
  // Worded as a day when a side given is one, plainly (not "about", nor "some day of").
  const day = [start, end].some((p) => p && !p.approximate && !p.unspecified && ['DAY', 'MINUTE', 'SECOND'].includes(p.precision));
  if (value.form === 'DATE') return say(start!);
  if (value.form === 'INTERVAL') {
    if (start && end) return words.interval(say(start), say(end), day);
    if (start) return words.from(say(start), value.end.kind === 'OPEN', day);
    return words.until(say(end!), value.start.kind === 'OPEN', day);
  }
  if (start && end) return words.between(say(start), say(end), day);
  return start ? words.after(say(start), day) : words.before(say(end!), day);
}
