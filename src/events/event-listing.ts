// Reading pages of events for a filter: chronological, reverse, or by relevance to a text. The
// page's ids come from one SQL statement over the filter's condition, walking the (sortAt, slug)
// index from the cursor (keyset), so a page costs the same at any depth; its events, with what
// the query selects of them, come from plugin-prisma's selection by those ids.
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { InputError, NOT_A_CURSOR } from '../lib/errors.js';
import type { ResolvedEventFilter } from './event-filter.js';
import { chronologicalSql } from './event-order.js';
import { markListed } from './listed-event.js';
import { z } from 'zod';
import { queryRow, queryRows } from '../db/sql.js';
import { eventsAsOf } from '../history/event-as-of.js';
import type { PastTables } from '../history/past-tables.js';

export type EventOrder = 'CHRONOLOGICAL' | 'REVERSE_CHRONOLOGICAL' | 'RELEVANCE';

/** Relevance ranks every match at once; beyond this many, narrow the filter or order by date. */
export const MAX_RANKED_MATCHES = 10_000;

/**
 * A condition on an event row `e` narrowing a list beyond its filter: the events of one actor,
 * or those two actors share.
 */
export type EventScope = Prisma.Sql;

/** What plugin-prisma hands a connection resolver: a selection plus cursor paging. */
interface ConnectionQuery {
  take: number;
  skip: number;
  cursor?: { id?: string };
  include?: Prisma.EventInclude;
  select?: Prisma.EventSelect;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filter's condition and the scope's, for WHERE. */
export function eventCondition(filter: ResolvedEventFilter, scope?: EventScope): Prisma.Sql {
  return scope ? Prisma.sql`${filter.condition} AND ${scope}` : filter.condition;
}

/**
 * A page of events matching `filter` (and `scope`), in `order`. The events remember the filter,
 * so their citations (knownBy), snippets (text) and neighbours follow it.
 */
export async function listEvents(
  db: PrismaClient,
  query: ConnectionQuery,
  filter: ResolvedEventFilter,
  order: EventOrder | null | undefined,
  scope?: EventScope,
) {
  const { take, skip, cursor, ...selection } = query;
  if (cursor?.id !== undefined && !UUID.test(cursor.id)) {
    throw new InputError(take >= 0 ? 'after' : 'before', NOT_A_CURSOR);
  }
  const where = eventCondition(filter, scope);
  const page = { take, skip, cursorId: cursor?.id };
  const ids =
    order === 'RELEVANCE' ? await rankedPage(db, where, filter.text, page, filter.past) : await chronologicalPage(db, where, order, page, filter.past);
  if (ids.length === 0) return [];
  const now = await db.event.findMany({ ...selection, where: { id: { in: ids } } });
  const rows = filter.past ? (await eventsAsOf(db, now, selection, filter.past.at)).filter((row) => row !== null) : now;
  const position = new Map(ids.map((id, i) => [id, i]));
  return markListed(
    rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!),
    filter,
  );
}

/** Counts are exact up to this many matches; past it a count says so rather than read them all. */
export const MAX_EXACT_COUNT = 100_000;

/**
 * How many events match, read no further than MAX_EXACT_COUNT + 1 of them whatever the size: a
 * number above MAX_EXACT_COUNT means "more than MAX_EXACT_COUNT" (see countOf). An export, which
 * reads every match anyway, asks for `upTo: 'all'`.
 */
export async function countEvents(db: PrismaClient, filter: ResolvedEventFilter, scope?: EventScope, upTo: 'bounded' | 'all' = 'bounded'): Promise<number> {
  const limit = upTo === 'all' ? Prisma.empty : Prisma.sql` LIMIT ${MAX_EXACT_COUNT + 1}::int`;
  const row = await queryRow(
    db,
    z.object({ n: z.number() }),
    filter.past
      ? Prisma.sql`SELECT coalesce(sum(n), 0)::int AS n FROM (${filter.past.both(
          (unchanged) =>
            Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Event" e WHERE ${eventCondition(filter, scope)} AND ${unchanged}${limit}) matches`,
        )}) parts`
      : Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Event" e WHERE ${eventCondition(filter, scope)}${limit}) matches`,
  );
  return row.n;
}

/** What a bounded count says: the count, or MAX_EXACT_COUNT and not exact. */
export function countOf(bounded: number): { count: number; exact: boolean } {
  return { count: Math.min(bounded, MAX_EXACT_COUNT), exact: bounded <= MAX_EXACT_COUNT };
}

/** Paging as Prisma means it: take > 0 forward, < 0 backward, from the cursor row (skip 1: after it). */
interface Page {
  take: number;
  skip: number;
  cursorId: string | undefined;
}

async function chronologicalPage(db: PrismaClient, where: Prisma.Sql, order: EventOrder | null | undefined, page: Page, past?: PastTables): Promise<string[]> {
  const forward = page.take >= 0;
  // The direction the page walks the chronology: backward paging walks against the order.
  const descending = (order === 'REVERSE_CHRONOLOGICAL') === forward;
  const direction = descending ? 'desc' : 'asc';
  const cursor =
    page.cursorId === undefined
      ? undefined
      : (past?.positionOf(page.cursorId) ?? Prisma.sql`(SELECT c."sortAt", c.slug FROM "Event" c WHERE c.id = ${page.cursorId}::uuid)`);
  const from = cursor ? Prisma.sql` AND (e."sortAt", e.slug) ${Prisma.raw(descending ? '<=' : '>=')} ${cursor}` : Prisma.empty;
  const rows = await queryRows(
    db,
    z.object({ id: z.string() }),
    past
      ? // Each part's first skip + take, then the page from the two.
        Prisma.sql`
        SELECT m.id FROM (${past.both(
          (unchanged) => Prisma.sql`
          SELECT e.id, e."sortAt", e.slug FROM "Event" e WHERE ${where} AND ${unchanged}${from}
           ORDER BY ${chronologicalSql('e', direction)} LIMIT ${Math.abs(page.take) + page.skip}::int`,
        )}) m
         ORDER BY ${chronologicalSql('m', direction)}
         LIMIT ${Math.abs(page.take)}::int OFFSET ${page.skip}::int`
      : Prisma.sql`
        SELECT e.id FROM "Event" e WHERE ${where}${from}
         ORDER BY ${chronologicalSql('e', direction)}
         LIMIT ${Math.abs(page.take)}::int OFFSET ${page.skip}::int`,
  );
  const ids = rows.map((r) => r.id);
  return forward ? ids : ids.reverse();
}

/**
 * Ranks at most MAX_RANKED_MATCHES matches (plus one, to know there are more) by how well they
 * match the text, ties chronological, and returns the page's ids: one statement.
 */
async function rankedPage(db: PrismaClient, where: Prisma.Sql, text: string | undefined, page: Page, past?: PastTables): Promise<string[]> {
  if (!text) throw new InputError('orderBy', 'RELEVANCE needs filter.text: the words to rank by');
  const forward = page.take >= 0;
  const cursorRank = page.cursorId === undefined ? null : Prisma.sql`(SELECT n FROM ranked WHERE id = ${page.cursorId}::uuid)`;
  const window = forward
    ? Prisma.sql`n >= ${cursorRank ?? Prisma.sql`1`} + ${page.skip}::int ORDER BY n LIMIT ${page.take}::int`
    : Prisma.sql`n <= ${cursorRank ?? Prisma.sql`(SELECT count(*) FROM matches)`} - ${page.skip}::int ORDER BY n DESC LIMIT ${-page.take}::int`;
  // Each match with the words it is ranked by.
  const match = (scope: Prisma.Sql) => Prisma.sql`
    SELECT e.id, e.title, e."sortAt", e.slug, s.text FROM "Event" e JOIN "EventSearch" s ON s."eventId" = e.id
     WHERE ${where} AND ${scope} LIMIT ${MAX_RANKED_MATCHES + 1}::int`;
  const rows = await queryRows(
    db,
    z.object({ total: z.number(), id: z.string().nullable() }),
    Prisma.sql`
    WITH matches AS MATERIALIZED (${past ? Prisma.sql`SELECT * FROM (${past.both(match)}) parts LIMIT ${MAX_RANKED_MATCHES + 1}::int` : match(Prisma.sql`TRUE`)}),
         ranked AS (
           SELECT m.id, row_number() OVER (
                    ORDER BY ts_rank_cd(setweight(to_tsvector('english', m.title), 'A') || to_tsvector('english', m.text),
                                        plainto_tsquery('english', ${text})) DESC, ${chronologicalSql('m')}) AS n
             FROM matches m)
    SELECT t.total, p.id FROM (SELECT count(*)::int AS total FROM matches) t
      LEFT JOIN LATERAL (SELECT id, n FROM ranked WHERE ${window}) p ON true`,
  );
  if ((rows[0]?.total ?? 0) > MAX_RANKED_MATCHES) {
    throw new InputError('orderBy', `RELEVANCE ranks at most ${MAX_RANKED_MATCHES} matches and this filter has more: narrow it, or order chronologically`);
  }
  const ids = rows.flatMap((r) => (r.id ? [r.id] : []));
  return forward ? ids : ids.reverse();
}
