// The filter language for event lists, one implementation for GraphQL, HTTP export and the CLI.
// It validates plain input (from any of the three) and compiles it once into a parameterised SQL
// condition on an event row, which every query over events (pages, counts, histograms, graph
// walks, exports) uses as it is: no list of matching ids ever travels through JavaScript.
// docs/filters.md describes it for users; docs/dates.md the time rules.
import { z } from 'zod';
import { AFTER_ALL } from '../dates/calendar.js';
import { DateParseError, parseEdtf, type DateValue } from '../dates/edtf.js';
import type { PastTables } from '../history/past-tables.js';
import { EventStatus, Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { InputError } from '../lib/errors.js';
import { issueMessage, issuePath, safeString } from '../lib/schemas.js';
import { redirectedIds } from '../records/slug-redirects.js';
import { queryRow } from '../db/sql.js';
import { ORIGINAL_VALUES, OTHER, selectedTerms, termSlugSchema } from '../vocabulary/terms.js';
import { bboxCondition, bboxSchema, nearCondition, nearSchema } from '../places/place-filter.js';

const slugList = z.array(safeString().trim().min(1, 'must not be empty')).max(100, 'at most 100 values');
const enumList = (values: readonly string[]) =>
  z
    .array(z.enum(values as [string, ...string[]], { error: `must be one of ${values.join(', ')}` }))
    .max(100, 'at most 100 values')
    .nullish();
const termList = z.array(termSlugSchema).max(100, 'at most 100 values').nullish();

export const eventFilterSchema = z
  .object({
    from: safeString().trim().nullish(),
    to: safeString().trim().nullish(),
    timeMatch: z.enum(['OVERLAP', 'WITHIN'], { error: 'must be OVERLAP or WITHIN' }).nullish(),
    actors: slugList.nullish(),
    actorsMatch: z.enum(['ANY', 'ALL'], { error: 'must be ANY or ALL' }).nullish(),
    roles: enumList([...ORIGINAL_VALUES.ROLE_TYPE, OTHER]),
    roleTypes: termList,
    kinds: enumList([...ORIGINAL_VALUES.EVENT_TYPE, OTHER]),
    types: termList,
    status: enumList(Object.values(EventStatus)),
    tags: z.array(safeString().trim().min(1, 'must not be empty')).max(100, 'at most 100 values').nullish(),
    sources: slugList.nullish(),
    timelines: slugList.nullish(),
    disputed: z.boolean({ error: 'must be true or false' }).nullish(),
    text: safeString().trim().min(1, 'must not be empty').max(500, 'at most 500 characters').nullish(),
    place: safeString().trim().min(1, 'must not be empty').max(200, 'at most 200 characters').nullish(),
    near: nearSchema.nullish(),
    bbox: bboxSchema.nullish(),
    knownBy: safeString().trim().nullish(),
    retired: z.enum(['EXCLUDE', 'INCLUDE', 'ONLY'], { error: 'must be EXCLUDE, INCLUDE or ONLY' }).nullish(),
  })
  .strict();

export type EventFilter = z.input<typeof eventFilterSchema>;

export interface ResolvedEventFilter {
  /** The condition on an event row named `e`; TRUE when the filter has none. */
  condition: Prisma.Sql;
  /** The words searched for, when the filter has text: relevance order and snippets use them. */
  text?: string;
  /** The end of the knownBy day: sources on the record only later are off it. */
  knownBy?: bigint;
  /** The time window: the first instant of from and the last of to. */
  window: { from?: bigint; to?: bigint };
  /** Nothing but an OVERLAP window (or nothing at all): histograms can read the summary. */
  windowOnly: boolean;
  /** A list as Chronicle had it at a moment of record time: how a statement reads the tables then. */
  past?: PastTables;
}

/** A plain date's first and last instants. */
export interface PlainDate {
  earliest: bigint;
  latest: bigint;
}

/**
 * A plain date of any precision (2017, 2017-05, 2017-05-25, -0043 for 44 BC, Y-170000), or an
 * InputError naming `argument`.
 */
export function plainDateArg(value: string, argument: string): PlainDate {
  let date: DateValue;
  try {
    date = parseEdtf(value);
  } catch (error) {
    if (error instanceof DateParseError) throw new InputError(argument, error.message);
    throw error;
  }
  if (date.form !== 'DATE' || date.approximate || date.uncertain || date.unspecified || !['YEAR', 'MONTH', 'DAY'].includes(date.precision)) {
    throw new InputError(argument, `"${value}" is not a plain date: use 2017, 2017-05 or 2017-05-25 (-0043 for 44 BC)`);
  }
  return { earliest: date.earliestMs!, latest: date.latestMs! };
}

/** Ids for slugs, in the order given, or an InputError naming `argument` and the unknown slugs. */
export async function idsForSlugs(db: PrismaClient, model: 'actor' | 'source' | 'timeline', slugs: string[], argument: string): Promise<string[]> {
  const find = { where: { slug: { in: slugs } }, select: { id: true, slug: true } };
  const rows = model === 'actor' ? await db.actor.findMany(find) : model === 'source' ? await db.source.findMany(find) : await db.timeline.findMany(find);
  const bySlug = new Map(rows.map((r) => [r.slug, r.id]));
  // Old slugs of renamed records still name them (timelines are not renamed).
  if (model !== 'timeline')
    for (const [slug, id] of await redirectedIds(
      db,
      model,
      slugs.filter((s) => !bySlug.has(s)),
    ))
      bySlug.set(slug, id);
  const missing = slugs.filter((s) => !bySlug.has(s));
  if (missing.length > 0) {
    throw new InputError(argument, `no ${model} has the slug ${missing.map((s) => `"${s}"`).join(', ')}; look it up with ${model}s(...)`);
  }
  return [...new Set(slugs)].map((s) => bySlug.get(s)!);
}

/** The English lexemes of a search text, as the search triggers store them. */
async function searchTerms(db: PrismaClient, text: string, argument: string): Promise<string[]> {
  const row = await queryRow(db, z.object({ terms: z.array(z.string()) }), Prisma.sql`SELECT tsvector_to_array(to_tsvector('english', ${text})) AS terms`);
  if (!row.terms.length) throw new InputError(argument, `"${text}" has no words to search for (only punctuation or very common words)`);
  return row.terms;
}

function zodToInput(error: z.ZodError, argument: string): InputError {
  const issue = error.issues[0]!;
  return new InputError(issuePath(issue.path, argument), issueMessage(issue));
}

/** `text` as a LIKE pattern's literal part: its wildcards and the escape character escaped. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Validates a filter and compiles its condition; `argument` names it in error messages. */
export async function resolveEventFilter(db: PrismaClient, input: unknown, argument = 'filter'): Promise<ResolvedEventFilter> {
  const parsed = eventFilterSchema.safeParse(input ?? {});
  if (!parsed.success) throw zodToInput(parsed.error, argument);
  const filter = parsed.data;
  const and: Prisma.Sql[] = [];
  const resolved: ResolvedEventFilter = { condition: Prisma.sql`TRUE`, window: {}, windowOnly: false };

  const from = filter.from ? plainDateArg(filter.from, `${argument}.from`) : undefined;
  const to = filter.to ? plainDateArg(filter.to, `${argument}.to`) : undefined;
  if (from && to && to.latest < from.earliest) {
    throw new InputError(`${argument}.to`, `"${filter.to}" is before from "${filter.from}"`);
  }
  resolved.window = { from: from?.earliest, to: to?.latest };
  if (filter.timeMatch === 'WITHIN') {
    // The whole span the event can have taken lies in the window; an open or unknown side never does.
    if (from) and.push(Prisma.sql`e."startEarliest" >= ${from.earliest}`);
    if (to) and.push(Prisma.sql`e."endLatest" <= ${to.latest}`);
  } else {
    // The span it can have taken overlaps the window (see EventTime.spanStart): an event with no
    // known end runs on to now, and no further.
    if (from) and.push(Prisma.sql`e."spanEnd" >= ${from.earliest}`);
    if (to) and.push(Prisma.sql`e."spanStart" <= ${to.latest}`);
    if (from && from.earliest > BigInt(Date.now())) and.push(Prisma.sql`e."spanEnd" < ${AFTER_ALL}`);
  }

  // Retired events are kept, and left out unless asked for; the histogram summary leaves them out
  // too, so leaving them out keeps a window-only filter window-only.
  const retired = filter.retired ?? 'EXCLUDE';
  if (retired === 'EXCLUDE') and.push(Prisma.sql`e."retiredAt" IS NULL`);
  if (retired === 'ONLY') and.push(Prisma.sql`e."retiredAt" IS NOT NULL`);
  const windowConditions = retired === 'EXCLUDE' ? and.length : -1;

  const roleSlugs = await selectedTerms(db, 'ROLE_TYPE', { values: filter.roles, slugs: filter.roleTypes }, `${argument}.roleTypes`);
  const roles = roleSlugs ? Prisma.sql` AND p.role = ANY(${roleSlugs}::text[])` : Prisma.empty;
  const tookPart = (actors: Prisma.Sql) => Prisma.sql`EXISTS (SELECT 1 FROM "Participation" p WHERE p."eventId" = e.id${actors}${roles})`;
  if (filter.actors?.length) {
    const ids = await idsForSlugs(db, 'actor', filter.actors, `${argument}.actors`);
    if (filter.actorsMatch === 'ALL') {
      for (const actorId of ids) and.push(tookPart(Prisma.sql` AND p."actorId" = ${actorId}::uuid`));
    } else {
      and.push(tookPart(Prisma.sql` AND p."actorId" = ANY(${ids}::uuid[])`));
    }
  } else if (roleSlugs) {
    and.push(tookPart(Prisma.empty));
  }
  if (filter.sources?.length) {
    const ids = await idsForSlugs(db, 'source', filter.sources, `${argument}.sources`);
    and.push(Prisma.sql`EXISTS (SELECT 1 FROM "Citation" c WHERE c."eventId" = e.id AND c."sourceId" = ANY(${ids}::uuid[]))`);
  }
  if (filter.timelines?.length) {
    const ids = await idsForSlugs(db, 'timeline', filter.timelines, `${argument}.timelines`);
    // The timeline's events first, by its key, then those events by theirs: a page reads them, not every event.
    and.push(Prisma.sql`e.id = ANY(ARRAY(SELECT te."eventId" FROM "TimelineEvent" te WHERE te."timelineId" = ANY(${ids}::uuid[])))`);
  }
  const kindSlugs = await selectedTerms(db, 'EVENT_TYPE', { values: filter.kinds, slugs: filter.types }, `${argument}.types`);
  if (kindSlugs) and.push(Prisma.sql`e.kind = ANY(${kindSlugs}::text[])`);
  if (filter.status?.length) and.push(Prisma.sql`e.status = ANY(${filter.status}::text[]::"EventStatus"[])`);
  if (filter.tags?.length) and.push(Prisma.sql`e.tags && ${filter.tags}::text[]`);
  if (filter.place) and.push(Prisma.sql`e.place ILIKE ${`%${escapeLike(filter.place)}%`}`);
  if (filter.near) and.push(nearCondition(filter.near));
  if (filter.bbox) and.push(bboxCondition(filter.bbox));

  // What was on the public record by the end of that day: cited by a source published by then.
  let onRecord = Prisma.empty;
  if (filter.knownBy) {
    resolved.knownBy = plainDateArg(filter.knownBy, `${argument}.knownBy`).latest;
    onRecord = Prisma.sql` AND c."sourceId" IN (SELECT s.id FROM "Source" s WHERE s."onRecordAt" <= ${resolved.knownBy})`;
    and.push(Prisma.sql`EXISTS (SELECT 1 FROM "Citation" c WHERE c."eventId" = e.id${onRecord})`);
  }
  if (filter.disputed != null) {
    const disputing = Prisma.sql`EXISTS (SELECT 1 FROM "Citation" c WHERE c."eventId" = e.id AND c.stance = 'DISPUTES'${onRecord})`;
    and.push(filter.disputed ? disputing : Prisma.sql`NOT ${disputing}`);
  }
  if (filter.text) {
    resolved.text = filter.text;
    const terms = await searchTerms(db, filter.text, `${argument}.text`);
    and.push(Prisma.sql`EXISTS (SELECT 1 FROM "EventSearch" t WHERE t."eventId" = e.id AND t.terms @> ${terms}::text[])`);
  }
  if (and.length > 0) resolved.condition = Prisma.join(and, ' AND ', '(', ')');
  resolved.windowOnly = and.length === windowConditions && filter.timeMatch !== 'WITHIN';
  return resolved;
}
