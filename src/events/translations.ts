// An event's title and summary in several languages: the record's own, in `language` (a BCP 47
// tag, or unsaid), and translations by tag. A reader asks for languages in order of preference
// (GraphQL's `lang`, an export's Accept-Language) and gets the first Chronicle has, matched
// exactly or by its language alone ("fr-CA" finds "fr", "fr" finds "fr-CA"), else the record's own.
import { z } from 'zod';
import { safeString, textSchema } from '../lib/schemas.js';
import { resolvedSummary } from './summary.js';

/** BCP 47 "undetermined": the key of a record's own words when its language is not said. */
export const UNDETERMINED = 'und';

/** A language tag, canonical ("fr-ca" is "fr-CA"), or an issue saying what to write. */
export const languageSchema = z.string().transform((tag, ctx) => {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.trim());
    if (canonical) return canonical;
  } catch {
    // Reported below.
  }
  ctx.addIssue({ code: 'custom', message: `"${tag}" is not a language tag: use one such as "fr", "de-CH" or "pt-BR"` });
  return z.NEVER;
});

const version = z
  .strictObject({ title: textSchema, summary: safeString().nullish(), summaryHtml: safeString().nullish() })
  .transform(({ title, summary, summaryHtml }, ctx) => {
    const resolved = resolvedSummary(summary, summaryHtml);
    if ('problem' in resolved) {
      ctx.addIssue({ code: 'custom', path: ['summaryHtml'], message: resolved.problem });
      return z.NEVER;
    }
    return { title, ...(resolved.summary ? { summary: resolved.summary } : {}), ...(resolved.summaryHtml ? { summaryHtml: resolved.summaryHtml } : {}) };
  });

export type Version = z.output<typeof version>;
export type Translations = Record<string, Version>;

/** Translations by tag, their tags canonical, their HTML cleaned. */
export const translationsSchema = z.record(z.string(), version).transform((all, ctx) => {
  const out: Translations = {};
  for (const [tag, value] of Object.entries(all)) {
    const parsed = languageSchema.safeParse(tag);
    if (!parsed.success) ctx.addIssue({ code: 'custom', path: [tag], message: parsed.error.issues[0]!.message });
    else out[parsed.data] = value;
  }
  return out;
});

export interface Multilingual {
  title: string;
  summary: string | null;
  summaryHtml: string | null;
  language: string | null;
  translations: Translations;
}

const primary = (tag: string) => tag.split('-')[0]!.toLowerCase();

/** The tag among `have` that best answers `wanted`, in its order of preference: exactly, then by language alone. */
function bestTag(wanted: string[], have: string[]): string | undefined {
  const lower = have.map((tag) => tag.toLowerCase());
  for (const tag of wanted) {
    const exact = lower.indexOf(tag.toLowerCase());
    if (exact !== -1) return have[exact];
    const alike = lower.findIndex((t) => primary(t) === primary(tag));
    if (alike !== -1) return have[alike];
  }
  return undefined;
}

/**
 * The event as read in the first of `wanted` it has: its title, summary and language then, and
 * every other version as translations, its own included (under its language, or "und"), so that
 * nothing is lost when what is read is written back.
 */
export function readIn<E extends Multilingual>(event: E, wanted: string[]): E {
  const own = event.language ?? UNDETERMINED;
  const versions: Translations = { ...event.translations };
  const chosen = bestTag(wanted, [own, ...Object.keys(versions)]);
  if (!chosen || chosen === own) return event;
  const { [chosen]: read, ...others } = versions;
  const mine: Version = {
    title: event.title,
    ...(event.summary ? { summary: event.summary } : {}),
    ...(event.summaryHtml ? { summaryHtml: event.summaryHtml } : {}),
  };
  return {
    ...event,
    title: read!.title,
    summary: read!.summary ?? null,
    summaryHtml: read!.summaryHtml ?? null,
    language: chosen,
    translations: { ...others, [own]: mine },
  };
}
