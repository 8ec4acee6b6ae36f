// An event's languages in GraphQL: the `lang` argument of its title and summary, and its
// translations.
import { builder } from '../builder.js';
import { checkedLocale } from '../dates/localized-display.js';
import { type Multilingual, readIn, type Translations, type Version } from './translations.js';

export const LANG = 'A language tag ("fr", "de-CH"): its translation, matched exactly or by language, else the record\'s own words.';
export const MULTILINGUAL = { title: true, summary: true, summaryHtml: true, language: true, translations: true } as const;

/** The event read in the language a `lang` argument asks for (refused unless a language tag), or as it is. */
export function readEvent<E extends Omit<Multilingual, 'translations'> & { translations: unknown }>(event: E, lang: string | null | undefined) {
  return readIn({ ...event, translations: event.translations as Translations }, lang ? [checkedLocale(lang, 'lang')] : []);
}

export const TranslationRef = builder.objectRef<Version & { lang: string }>('Translation').implement({
  description: "An event's title and summary in another language.",
  fields: (t) => ({
    lang: t.exposeString('lang', { description: 'BCP 47: "fr", "pt-BR".' }),
    title: t.exposeString('title'),
    summary: t.string({ nullable: true, resolve: (v) => v.summary ?? null }),
    summaryHtml: t.string({ nullable: true, description: 'As HTML, cleaned by an allow-list.', resolve: (v) => v.summaryHtml ?? null }),
  }),
});
