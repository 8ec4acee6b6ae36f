// Field validators shared by every reader of outside data (seed files, imports), so a slug or a
// date is held to the same rule, with the same message, wherever it comes from.
import { z } from 'zod';
import { DateParseError, parseEdtf } from '../dates/edtf.js';

/** A validation issue's path as a reader writes it: citations[0].source.kind (with an optional prefix). */
export function issuePath(parts: readonly PropertyKey[], prefix?: string): string {
  const all = prefix ? [prefix, ...parts] : [...parts];
  return all.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[') || '(record)';
}

export const slugSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case ASCII slug such as "enrique-pena-nieto"');

export const textSchema = z.string().trim().min(1, 'must not be empty');

/** An EDTF value Chronicle can read; the message says what to write instead. */
export const edtfSchema = z.string().superRefine((value, ctx) => {
  try {
    parseEdtf(value);
  } catch (error) {
    if (!(error instanceof DateParseError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
  }
});
