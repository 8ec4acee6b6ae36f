// Chronicle's open vocabularies (event types, participant roles, source types) as the database
// holds them: the Term table, a few hundred rows at most, read whole when a filter or a write
// needs it. A term's children are narrower: asking for "meeting" finds visits and state visits.
import { z } from 'zod';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { TermScheme } from '../generated/prisma/enums.js';
import { InputError } from '../lib/errors.js';
import { safeString } from '../lib/schemas.js';

/** What each scheme classifies, in messages. */
export const SCHEME_NOUN: Record<TermScheme, string> = { EVENT_TYPE: 'event type', ROLE_TYPE: 'participant role', SOURCE_TYPE: 'source type' };

/**
 * The values of the GraphQL enums these vocabularies were before they were data, in their order;
 * each term falls under one of them (Term.enumValue), or under OTHER.
 */
export const ORIGINAL_VALUES = {
  EVENT_TYPE: ['MEETING', 'PHONE_CALL', 'NUMBER_EXCHANGE', 'REQUEST', 'STATEMENT', 'LEAK', 'REPORT', 'REACTION', 'CRITICISM', 'ANALYSIS', 'PUBLICATION'],
  ROLE_TYPE: ['INITIATOR', 'RECIPIENT', 'PARTICIPANT', 'SUBJECT', 'SPEAKER', 'LEAK_SOURCE', 'CRITIC', 'REPORTER'],
  SOURCE_TYPE: ['NEWS_REPORT', 'WIRE_REPORT', 'OFFICIAL_STATEMENT', 'TRANSCRIPT', 'ANALYSIS', 'SOCIAL_MEDIA', 'ANONYMOUS_SOURCES'],
} as const satisfies Record<TermScheme, readonly string[]>;

/** The enum value of a term that falls under none of the original ones. */
export const OTHER = 'OTHER';

/** The value a term answers as in its deprecated GraphQL enum: the original one it falls under, or OTHER. */
export const enumValueOf = (term: { enumValue: string | null }) => (term.enumValue ?? OTHER) as never;

/**
 * A term's slug as people write it: "phone-call", the enum's "PHONE_CALL" or the label's "Phone
 * call" all name the same term.
 */
export const termSlugSchema = safeString()
  .trim()
  .min(1, 'must not be empty')
  .transform((value) => value.toLowerCase().replace(/[\s_]+/g, '-'))
  .pipe(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a type\'s slug such as "phone-call" (or its label, "Phone call")'));

/** Slugs for a message: the first 40. */
const shown = (slugs: string[]) => (slugs.length > 40 ? `${slugs.slice(0, 40).join(', ')}, …` : slugs.join(', '));

/** A term's key in the sets of terms that references are checked against: "EVENT_TYPE meeting". */
export const termKey = (scheme: TermScheme, slug: string) => `${scheme} ${slug}`;

/** The keys (termKey) of every term the database holds. */
export async function allTermKeys(db: PrismaClient | Prisma.TransactionClient): Promise<Set<string>> {
  const rows = await db.term.findMany({ select: { scheme: true, slug: true }, orderBy: [{ scheme: 'asc' }, { slug: 'asc' }] });
  return new Set(rows.map((t) => termKey(t.scheme, t.slug)));
}

/** Which of these keys (termKey) name terms the database holds. */
export async function existingTerms(db: PrismaClient | Prisma.TransactionClient, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const all = await allTermKeys(db);
  return new Set(keys.filter((key) => all.has(key)));
}

/** The problem with a slug no term of `scheme` among `keys` has, listing the slugs there are; undefined if one has it. */
export function unknownTermProblem(keys: Set<string>, scheme: TermScheme, slug: string): string | undefined {
  if (keys.has(termKey(scheme, slug))) return undefined;
  const known = [...keys].filter((k) => k.startsWith(`${scheme} `)).map((k) => k.slice(scheme.length + 1));
  return `no ${SCHEME_NOUN[scheme]} has the slug "${slug}": use one of ${shown(known)}, or add it (\`chronicle terms add\`, or a term line in a records file)`;
}

interface TermRow {
  slug: string;
  label: string;
  parentSlug: string | null;
  enumValue: string | null;
}

/** Every term of a scheme, by slug. */
async function vocabulary(db: PrismaClient | Prisma.TransactionClient, scheme: TermScheme): Promise<Map<string, TermRow>> {
  const rows = await db.term.findMany({ where: { scheme }, select: { slug: true, label: true, parentSlug: true, enumValue: true }, orderBy: { slug: 'asc' } });
  return new Map(rows.map((row) => [row.slug, row]));
}

/** The slugs of `slugs` and of every term under them. */
function withNarrower(terms: Map<string, TermRow>, slugs: Iterable<string>): string[] {
  const found = new Set(slugs);
  // Terms are few and shallow: sweep until no child is added.
  for (let grew = true; grew; ) {
    grew = false;
    for (const term of terms.values()) {
      if (term.parentSlug && found.has(term.parentSlug) && !found.has(term.slug)) {
        found.add(term.slug);
        grew = true;
      }
    }
  }
  return [...found].sort();
}

/** An InputError for slugs no term of the scheme has, listing the ones it has. */
function unknownTerms(scheme: TermScheme, missing: string[], terms: Map<string, TermRow>, argument: string): InputError {
  return new InputError(
    argument,
    `no ${SCHEME_NOUN[scheme]} has the slug ${missing.map((s) => `"${s}"`).join(', ')}; the ${SCHEME_NOUN[scheme]}s are ${shown([...terms.keys()])} (terms(scheme: ${scheme}) lists them)`,
  );
}

/**
 * The terms a list argument selects, by their slugs (`types`: each with the terms under it) and
 * by the original enum's values (`kinds`: the terms that fall under them); both given, the terms
 * in both. Undefined when neither is given. `argument` names the slugs in an error.
 */
export async function selectedTerms(
  db: PrismaClient,
  scheme: TermScheme,
  given: { slugs?: readonly string[] | null | undefined; values?: readonly string[] | null | undefined },
  argument: string,
): Promise<string[] | undefined> {
  if (!given.slugs?.length && !given.values?.length) return undefined;
  const terms = await vocabulary(db, scheme);
  let selected: string[] | undefined;
  if (given.slugs?.length) {
    const missing = given.slugs.filter((s) => !terms.has(s));
    if (missing.length) throw unknownTerms(scheme, missing, terms, argument);
    selected = withNarrower(terms, given.slugs);
  }
  if (given.values?.length) {
    const values = given.values;
    const underValues = [...terms.values()].filter((t) => values.includes(t.enumValue ?? OTHER)).map((t) => t.slug);
    selected = selected ? selected.filter((slug) => underValues.includes(slug)) : underValues;
  }
  return selected;
}
