// Honest dates: a value is stored as given, in the Extended Date/Time Format (EDTF, ISO 8601-2,
// Library of Congress), levels 0 and 1 and the "one of" ranges of level 2. The `edtf` package
// checks the grammar; Chronicle turns a value into the instants it can mean and into words.
//
//   2017   2017-05   2017-05-25   2017-05-09T17:40:00-04:00      a year, month, day, instant
//   -0043-03-15 (44 BC)   Y-170000   Y170000002                  years before 1 and beyond 9999
//   2017-22 (summer 2017)   19XX   2017-XX   2017-05~   2017?   2017-?05   2017-05%
//   2016-07-31/..   2017-05-25/2017-06-04   /2017-06-04   ../2017-06-04       intervals
//   [..2017-06-04]   [2017-05-08..]   [2017-06-01..2017-06-02]               one day of a range
//
// Older Chronicle values are still read: "..2017-06-04" is "[..2017-06-04]", "2017-05-08.." is
// "[2017-05-08..]".
import { parse, type EdtfNode } from 'edtf';
import { BoundedCache } from '../lib/bounded-cache.js';
import { daysInMonth, instant, MAX_YEAR, MONTHS, showYear, toDate } from './calendar.js';

export type Precision = 'YEAR' | 'SEASON' | 'MONTH' | 'DAY' | 'MINUTE' | 'SECOND';

/** One calendar date or instant: a single value, an interval's start or end, or a range's bound. */
export interface DatePoint {
  edtf: string;
  precision: Precision;
  approximate: boolean;
  uncertain: boolean;
  /** Some digits are written X: "19XX", "2017-XX". */
  unspecified: boolean;
  /** The first and last instants it can mean, in milliseconds since 1970 (BigInt: any year). */
  earliest: bigint;
  latest: bigint;
  display: string;
}

/** A side of an interval or range: a date, open (".."), or unknown (empty). */
export type Bound = { kind: 'KNOWN'; point: DatePoint } | { kind: 'OPEN' } | { kind: 'UNKNOWN' };

export type DateForm = 'DATE' | 'INTERVAL' | 'ONE_OF';

export interface DateValue {
  /** The value in EDTF, as given (older Chronicle forms rewritten). */
  edtf: string;
  /** DATE: one date; INTERVAL: from a start to an end; ONE_OF: a single date somewhere in a range. */
  form: DateForm;
  start: Bound;
  end: Bound;
  /** The unit the value is known to; for an interval or range, its coarser known side's. */
  precision: Precision;
  approximate: boolean;
  uncertain: boolean;
  unspecified: boolean;
  /** First instant the value can mean; null when its start is open or unknown. */
  earliestMs: bigint | null;
  /** Last instant the value can mean; null when its end is open or unknown. */
  latestMs: bigint | null;
  /** The same as Dates, null also beyond the years a JavaScript Date can hold (271,821 BC). */
  earliest: Date | null;
  latest: Date | null;
  display: string;
}

export class DateParseError extends Error {}

const PRECISION_RANK: Record<Precision, number> = { YEAR: 0, SEASON: 1, MONTH: 2, DAY: 3, MINUTE: 4, SECOND: 5 };
const SEASONS: Record<number, { name: string; months: [number, number] }> = {
  21: { name: 'Spring', months: [3, 5] },
  22: { name: 'Summer', months: [6, 8] },
  23: { name: 'Autumn', months: [9, 11] },
  24: { name: 'Winter', months: [12, 14] }, // December to the next February
};
const FORMS =
  'write a date as 2017, 2017-05, 2017-05-25 or 2017-05-25T17:40:00-04:00 (with ~ about, ? uncertain, % both), ' +
  'an interval as 2017-05-25/2017-06-04 (../ or /.. open, an empty side unknown), or one day of a range as [..2017-06-04], [2017-05-08..] or [2017-06-01..2017-06-02]; see docs/dates.md';

/** Older Chronicle forms, rewritten in EDTF: "..2017-06-04", "2017-05-08.." and "2017-06-01..2017-06-02". */
function fromOlderForm(text: string): string {
  if (/^\.\.[^./]+$/.test(text) || /^[^./[]+\.\.$/.test(text) || /^[^./[]+\.\.[^./\]]+$/.test(text)) return `[${text}]`;
  return text;
}

/** A specific message for the mistakes people make, where the grammar's own would be cryptic. */
function diagnose(text: string, whole: string): string | undefined {
  for (const part of text
    .replace(/[[\]{}]/g, '')
    .split(/\/|\.\./)
    .filter(Boolean)) {
    const date = /^(-?)(\d+)(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?[?~%]?$/.exec(part.replace(/[?~%](?=-)/g, ''));
    if (!date) continue;
    const [, sign, digits, m, d] = date;
    if (digits!.length !== 4) {
      return digits!.length < 4
        ? `"${whole}" has the year ${sign}${digits}: write years with four digits (0201 for the year 201, -0043 for 44 BC), or Y and the year beyond 9999`
        : `"${whole}" has the year ${sign}${digits}: write a year beyond 9999 as Y${sign}${digits}`;
    }
    const month = m === undefined ? undefined : Number(m);
    if (month !== undefined && (month < 1 || month > 12) && !(d === undefined && month >= 21 && month <= 24)) {
      return `"${whole}" has month ${m}; months run from 01 to 12 (21 to 24 are the seasons spring to winter)`;
    }
    if (month !== undefined && month <= 12 && d !== undefined) {
      const year = Number(`${sign}${digits}`);
      const days = daysInMonth(year, month);
      if (Number(d) < 1 || Number(d) > days) return `"${whole}" has day ${d}; ${MONTHS[month - 1]} ${showYear(year)} has ${days} days`;
    }
  }
  const time = /T(\d{2}):(\d{2})/.exec(text);
  if (time && (Number(time[1]) > 23 || Number(time[2]) > 59))
    return `"${whole}" has the time ${time[1]}:${time[2]}; hours run from 00 to 23, minutes from 00 to 59`;
  return undefined;
}

/** Which parts a qualifier applies to: the whole value, or digits (year 0-3, month 4-5, day 6-7). */
function qualified(flag: boolean | number | undefined): { any: boolean; parts: string[] } {
  if (flag === true) return { any: true, parts: [] };
  if (!flag) return { any: false, parts: [] };
  const parts = [];
  if (flag & 0b1111) parts.push('year');
  if (flag & 0b110000) parts.push('month');
  if (flag & 0b11000000) parts.push('day');
  return { any: true, parts };
}

/** The smallest and largest numbers a field written with X digits can be, within [min, max]. */
function digitRange(text: string, min: number, max: number): [number, number] {
  if (!text.includes('X')) return [Number(text), Number(text)];
  const low = Math.max(min, Number(text.replace(/X/g, '0')));
  const high = Math.min(max, Number(text.replace(/X/g, '9')));
  if (low > high) throw new DateParseError(`"${text}" cannot be filled in to a number from ${min} to ${max}`);
  return [low, high];
}

function timeText(hour: number, minute: number, second: number | undefined, offset: string | undefined): string {
  const clock = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}${second === undefined ? '' : `:${String(second).padStart(2, '0')}`}`;
  if (!offset) return clock;
  return `${clock} (UTC${offset === 'Z' ? '' : offset.replace('-', '\u2212')})`;
}

/** Minutes east of UTC of an offset as written: Z, +05:30, -04, -0400. */
function offsetMinutes(offset: string | undefined): number {
  if (!offset || offset === 'Z') return 0;
  const [, sign, h, m] = /^([+-])(\d{2}):?(\d{2})?$/.exec(offset)!;
  return (sign === '-' ? -1 : 1) * (Number(h) * 60 + Number(m ?? 0));
}

function withQualifiers(base: string, node: EdtfNode): { display: string; approximate: boolean; uncertain: boolean } {
  const approximate = qualified(node.approximate);
  const uncertain = qualified(node.uncertain);
  const notes = [...uncertain.parts.map((p) => `${p} uncertain`), ...approximate.parts.map((p) => `${p} approximate`)];
  let display = base;
  if (approximate.any && approximate.parts.length === 0) display = `about ${display}`;
  if (uncertain.any && uncertain.parts.length === 0) notes.unshift('uncertain');
  if (notes.length) display = `${display} (${notes.join(', ')})`;
  return { display, approximate: approximate.any, uncertain: uncertain.any };
}

function pointOf(node: EdtfNode, text: string, whole: string): DatePoint {
  const edtf = text;
  if (node.type === 'Year') {
    const year = node.values[0] as number;
    if (Math.abs(year) > MAX_YEAR) throw new DateParseError(`"${whole}" is beyond the ${MAX_YEAR.toLocaleString('en-US')} years Chronicle can place in time`);
    return {
      edtf,
      precision: 'YEAR',
      approximate: false,
      uncertain: false,
      unspecified: false,
      earliest: instant(year),
      latest: instant(year + 1) - 1n,
      display: showYear(year),
    };
  }
  if (node.type === 'Season') {
    const [year, code] = node.values as [number, number];
    const season = SEASONS[code];
    if (!season)
      throw new DateParseError(
        `"${whole}" has season ${code}: Chronicle reads the seasons 21 (spring) to 24 (winter); write other periods as an interval of months`,
      );
    const [first, last] = season.months;
    const lastYear = year + (last > 12 ? 1 : 0);
    const lastMonth = last > 12 ? last - 12 : last;
    const end = lastMonth === 12 ? instant(lastYear + 1) : instant(lastYear, lastMonth + 1);
    const base = code === 24 ? `Winter ${showYear(year)}\u2013${showYear(year + 1)}` : `${season.name} ${showYear(year)}`;
    return {
      edtf,
      precision: 'SEASON',
      unspecified: false,
      earliest: instant(year, first),
      latest: end - 1n,
      ...withQualifiers(base, node),
    };
  }
  if (node.type !== 'Date') throw new DateParseError(`"${whole}" is not a date Chronicle can read: ${FORMS}`);

  // The digits as written: the syntax tree keeps X digits only as a bitmask.
  const written = /^(-?)([\dX]{4})(?:-([\dX]{2}))?(?:-([\dX]{2}))?(?:T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/.exec(
    text.replace(/[?~%]/g, ''),
  );
  if (!written) throw new DateParseError(`"${whole}" is not a date Chronicle can read: ${FORMS}`);
  const [, sign, y, m, d, hh, mm, ss, offset] = written;
  const [yearLow, yearHigh] = digitRange(y!, 0, 9999)
    .map((n) => (sign ? -n : n))
    .sort((a, b) => a - b) as [number, number];
  const unspecified = /X/.test(text);
  if (hh !== undefined) {
    const [hour, minute, second] = [Number(hh), Number(mm), ss === undefined ? undefined : Number(ss)];
    const at = instant(yearLow, Number(m), Number(d), hour, minute, second ?? 0, offsetMinutes(offset));
    const base = `${Number(d)} ${MONTHS[Number(m) - 1]} ${showYear(yearLow)}, ${timeText(hour, minute, second, offset)}`;
    return {
      edtf,
      precision: second === undefined ? 'MINUTE' : 'SECOND',
      unspecified,
      earliest: at,
      latest: at + (second === undefined ? 60_000n : 1_000n) - 1n,
      ...withQualifiers(base, node),
    };
  }
  const [monthLow, monthHigh] = m === undefined ? [1, 12] : digitRange(m, 1, 12);
  const [dayLow, dayHigh] = d === undefined ? [1, 31] : digitRange(d, 1, 31);
  const earliest = instant(yearLow, monthLow, dayLow);
  const lastDay = Math.min(dayHigh, daysInMonth(yearHigh, monthHigh));
  const latest =
    (d === undefined ? (monthHigh === 12 ? instant(yearHigh + 1) : instant(yearHigh, monthHigh + 1)) : instant(yearHigh, monthHigh, lastDay) + 86_400_000n) -
    1n;
  const precision: Precision = d !== undefined ? 'DAY' : m !== undefined ? 'MONTH' : 'YEAR';
  const year = yearLow === yearHigh ? showYear(yearLow) : `${showYear(yearLow)}\u2013${showYear(yearHigh)}`;
  let base: string;
  if (precision === 'YEAR') base = yearLow === yearHigh ? year : `some year in ${year}`;
  else if (m!.includes('X') && monthLow !== monthHigh) base = precision === 'DAY' ? `some day of ${year}` : `some month of ${year}`;
  else if (precision === 'MONTH') base = `${MONTHS[monthLow - 1]} ${year}`;
  else if (dayLow === dayHigh) base = `${dayLow} ${MONTHS[monthLow - 1]} ${year}`;
  else base = `some day of ${dayLow === 1 && lastDay === daysInMonth(yearHigh, monthHigh) ? '' : `${dayLow}\u2013${lastDay} `}${MONTHS[monthLow - 1]} ${year}`;
  return { edtf, precision, unspecified, earliest, latest, ...withQualifiers(base, node) };
}

function coarser(a: Precision, b: Precision): Precision {
  return PRECISION_RANK[a] <= PRECISION_RANK[b] ? a : b;
}

function known(point: DatePoint): Bound {
  return { kind: 'KNOWN', point };
}

function dateValue(edtf: string, form: DateForm, start: Bound, end: Bound, display: string): DateValue {
  const points = [start, end].flatMap((b) => (b.kind === 'KNOWN' ? [b.point] : []));
  const earliestMs = start.kind === 'KNOWN' ? start.point.earliest : null;
  const latestMs = end.kind === 'KNOWN' ? end.point.latest : null;
  return {
    edtf,
    form,
    start,
    end,
    display,
    precision: points.map((p) => p.precision).reduce(coarser),
    approximate: points.some((p) => p.approximate),
    uncertain: points.some((p) => p.uncertain),
    unspecified: points.some((p) => p.unspecified),
    earliestMs,
    latestMs,
    earliest: earliestMs === null ? null : toDate(earliestMs),
    latest: latestMs === null ? null : toDate(latestMs),
  };
}

function ordered(start: DatePoint, end: DatePoint, whole: string): void {
  if (end.latest < start.earliest) throw new DateParseError(`"${whole}" ends before it starts`);
}

/**
 * Values already read, by their text: a timeline shows the same dates again and again. About 400
 * bytes each: at 50,000, a fifth of a large import's heap; 10,000 dates are 27 years of days.
 */
const parsed = new BoundedCache<string, DateValue>(10_000);

/**
 * Reads a date (EDTF, or an older Chronicle form) into what it means, or throws a DateParseError
 * saying what to fix. The value is frozen and shared: the same text gives the same object.
 */
export function parseEdtf(input: string): DateValue {
  const seen = parsed.get(input);
  if (seen) return seen;
  const value = Object.freeze(readEdtf(input));
  // The least recently used go first, so a long export or import keeps memory bounded.
  parsed.set(input, value);
  return value;
}

const PLAIN_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The syntax tree of a plain year, month or day ("2017", "2017-05", "2017-05-25"), if valid. */
function plainDateNode(text: string): EdtfNode | undefined {
  const match = PLAIN_DATE.exec(text);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const values = [Number(y)];
  if (m !== undefined) {
    const month = Number(m);
    if (month < 1 || month > 12) return undefined;
    values.push(month - 1);
    if (d !== undefined) {
      const day = Number(d);
      if (day < 1 || day > daysInMonth(values[0]!, month)) return undefined;
      values.push(day);
    }
  }
  return { type: 'Date', level: 0, values } as EdtfNode;
}

/**
 * Most stored dates are plain days, months and years, or intervals of them. Reading those without
 * the grammar (nearley, ~100 µs a value) keeps a large export at database speed; anything else,
 * and any mistake, goes through the grammar and its messages.
 */
export function plainNode(text: string): EdtfNode | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return plainDateNode(text);
  const side = (part: string): EdtfNode | number | null | undefined => (part === '..' ? Infinity : part === '' ? null : plainDateNode(part));
  const start = side(text.slice(0, slash));
  const end = side(text.slice(slash + 1));
  if (start === undefined || end === undefined || text.indexOf('/', slash + 1) >= 0) return undefined;
  const isDate = (v: unknown) => typeof v === 'object' && v !== null;
  if (!isDate(start) && !isDate(end)) return undefined; // "/", "../..": the grammar says what is wrong
  return { type: 'Interval', level: 1, values: [start, end] } as EdtfNode;
}

function readEdtf(input: string): DateValue {
  const edtf = fromOlderForm(input.trim());
  let node = plainNode(edtf);
  if (!node) {
    try {
      node = parse(edtf, { level: 2 });
    } catch {
      throw new DateParseError(diagnose(edtf, edtf) ?? `"${edtf}" is not a date Chronicle can read: ${FORMS}`);
    }
    const problem = diagnose(edtf, edtf);
    if (problem) throw new DateParseError(problem);
  }

  if (node.type === 'Interval') {
    const [startText, endText] = edtf.split('/') as [string, string];
    // The parser gives a side as a date, as ±Infinity when open (".."), or as null when unknown.
    const side = (value: unknown, text: string): Bound =>
      value === null ? { kind: 'UNKNOWN' } : typeof value === 'object' ? known(pointOf(value as EdtfNode, text, edtf)) : { kind: 'OPEN' };
    const start = side(node.values[0], startText);
    const end = side(node.values[1], endText);
    if (start.kind !== 'KNOWN' && end.kind !== 'KNOWN') throw new DateParseError(`"${edtf}" has no date on either side of "/"`);
    if (start.kind === 'KNOWN' && end.kind === 'KNOWN') ordered(start.point, end.point, edtf);
    const display =
      start.kind === 'KNOWN' && end.kind === 'KNOWN'
        ? `${start.point.display} to ${end.point.display}`
        : start.kind === 'KNOWN'
          ? `from ${start.point.display}, ${end.kind === 'OPEN' ? 'ongoing' : 'end unknown'}`
          : `until ${(end as { point: DatePoint }).point.display}, ${start.kind === 'OPEN' ? 'open start' : 'start unknown'}`;
    return dateValue(edtf, 'INTERVAL', start, end, display);
  }

  if (node.type === 'Set') {
    const inner = edtf.slice(1, -1);
    const [fromText, toText] = inner.split('..') as [string, string | undefined];
    if (toText === undefined || node.values.length !== 1) {
      throw new DateParseError(
        `"${edtf}": Chronicle reads one range of dates in brackets, [..2017-06-04], [2017-05-08..] or [2017-06-01..2017-06-02]; record one event per date of a list`,
      );
    }
    const member = node.values[0] as EdtfNode | [EdtfNode, EdtfNode];
    if (Array.isArray(member)) {
      const from = pointOf(member[0], fromText, edtf);
      const to = pointOf(member[1], toText, edtf);
      ordered(from, to, edtf);
      return dateValue(edtf, 'ONE_OF', known(from), known(to), `between ${from.display} and ${to.display}`);
    }
    if (node.earlier) {
      const to = pointOf(member, toText, edtf);
      return dateValue(edtf, 'ONE_OF', { kind: 'OPEN' }, known(to), `before ${to.display}`);
    }
    const from = pointOf(member, fromText, edtf);
    return dateValue(edtf, 'ONE_OF', known(from), { kind: 'OPEN' }, `after ${from.display}`);
  }

  if (node.type === 'Decade' || node.type === 'Century' || node.type === 'List') {
    throw new DateParseError(diagnose(`${edtf}-01`, edtf) ?? `"${edtf}" is not a date Chronicle can read: ${FORMS}`);
  }
  const point = pointOf(node, edtf, edtf);
  return dateValue(edtf, 'DATE', known(point), known(point), point.display);
}
