// Field validators shared by every reader of outside data (seed files, imports), so a slug or a
// date is held to the same rule, with the same message, wherever it comes from.
import { z } from 'zod';
import { DateParseError, parseEdtf } from '../dates/edtf.js';
import { legacyDate } from '../dates/event-time.js';
import { unsafeCharacter } from './text.js';

/** A validation issue's path as a reader writes it: citations[0].source.kind (with an optional prefix). */
export function issuePath(parts: readonly PropertyKey[], prefix?: string): string {
  const all = prefix ? [prefix, ...parts] : [...parts];
  return (
    all
      .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
      .join('.')
      .replace(/\.\[/g, '[') || '(record)'
  );
}

export const slugSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case ASCII slug such as "enrique-pena-nieto"');

/** A string holding no character that could not be stored as given (lib/text.ts). */
export const safeString = () =>
  z.string().superRefine((value, ctx) => {
    const unsafe = unsafeCharacter(value);
    if (unsafe) ctx.addIssue({ code: 'custom', message: unsafe });
  });

export const textSchema = safeString().trim().min(1, 'must not be empty');

/**
 * A link a reader may follow: http or https only. A javascript: or data: URL would run in the page
 * of whoever opens an export (TimelineJS makes links of them).
 */
export const webUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL such as https://example.org/report' })
  .transform(attributeSafeUrl);

/**
 * A URL with the characters that could end an HTML attribute, or a tag, percent-encoded: a reader
 * that builds markup by concatenation (TimelineJS makes iframes so) can then never be handed an
 * `onload=`. A URL without them is left as it is, byte for byte.
 */
export function attributeSafeUrl(url: string): string {
  return url.replace(/['"<>`\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Plain words, optional: blank is absent. */
export const optionalTextSchema = safeString()
  .trim()
  .nullish()
  .transform((v) => v || undefined);

/** Record time, which dumps carry so that a copy is exact; absent in hand-written files. */
export const instantSchema = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant such as 2017-06-04T12:00:00.000Z' }).optional();

/** An EDTF value Chronicle can read; the message says what to write instead. */
export const edtfSchema = z.string().superRefine((value, ctx) => {
  try {
    parseEdtf(value);
  } catch (error) {
    if (!(error instanceof DateParseError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
  }
});

/**
 * The date of a record that may still give its end apart, as older files did (`end` in seed
 * files, `endDate` in exports): joined into one EDTF interval, or an issue on the end's field.
 */
export function joinedDate(date: string, end: string | null | undefined, endField: string, ctx: z.RefinementCtx): string {
  try {
    return legacyDate(date, end);
  } catch (error) {
    if (!(error instanceof DateParseError)) throw error;
    ctx.addIssue({ code: 'custom', path: [endField], message: error.message });
    return z.NEVER;
  }
}

/** A validation issue's message as a reader needs it: an unknown field is named. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  return issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
}
