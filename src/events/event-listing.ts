// Reading pages of events for a filter: chronological, reverse, or by relevance to a text.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { InputError } from '../lib/errors.js';
import type { ResolvedEventFilter } from './event-filter.js';
import { chronological, chronologicalSql } from './event-order.js';
import { markListed } from './listed-event.js';

export type EventOrder = 'CHRONOLOGICAL' | 'REVERSE_CHRONOLOGICAL' | 'RELEVANCE';

/** Relevance ranks every match at once; beyond this many, narrow the filter or order by date. */
export const MAX_RANKED_MATCHES = 10_000;

/** Chronological (event-order.ts), or reverse. */
export function eventOrderBy(order: EventOrder | null | undefined): Prisma.EventOrderByWithRelationInput[] {
  return chronological(order === 'REVERSE_CHRONOLOGICAL' ? 'desc' : 'asc');
}

/** What plugin-prisma hands a connection resolver: a selection plus cursor paging. */
interface ConnectionQuery {
  take: number;
  skip: number;
  cursor?: Prisma.EventWhereUniqueInput;
  include?: Prisma.EventInclude;
  select?: Prisma.EventSelect;
}

/**
 * A page of events matching `filter` (and `extra`), in `order`. The events remember the filter,
 * so their citations (knownBy), snippets (text) and neighbours follow it.
 */
export async function listEvents(
  db: PrismaClient,
  query: ConnectionQuery,
  filter: ResolvedEventFilter,
  order: EventOrder | null | undefined,
  extra: Prisma.EventWhereInput = {},
) {
  const where = { AND: [filter.where, extra] };
  const rows = order === 'RELEVANCE'
    ? await byRelevance(db, query, where, filter.text)
    : await db.event.findMany({ ...query, where, orderBy: eventOrderBy(order) });
  return markListed(rows, filter);
}

export function countEvents(db: PrismaClient, filter: ResolvedEventFilter, extra: Prisma.EventWhereInput = {}): Promise<number> {
  return db.event.count({ where: { AND: [filter.where, extra] } });
}

async function byRelevance(db: PrismaClient, query: ConnectionQuery, where: Prisma.EventWhereInput, text: string | undefined) {
  if (!text) throw new InputError('orderBy', 'RELEVANCE needs filter.text: the words to rank by');
  const matches = await db.event.findMany({ where, select: { id: true }, take: MAX_RANKED_MATCHES + 1 });
  if (matches.length > MAX_RANKED_MATCHES) {
    throw new InputError('orderBy', `RELEVANCE ranks at most ${MAX_RANKED_MATCHES} matches and this filter has more: narrow it, or order chronologically`);
  }
  const ranked = await db.$queryRaw<{ id: string }[]>`
    SELECT e.id FROM "Event" e JOIN "EventSearch" s ON s."eventId" = e.id
     WHERE e.id = ANY(${matches.map((m) => m.id)}::uuid[])
     ORDER BY ts_rank_cd(setweight(to_tsvector('english', e.title), 'A') || to_tsvector('english', s.text),
                         plainto_tsquery('english', ${text})) DESC, ${chronologicalSql('e')}`;
  const ids = ranked.map((r) => r.id);
  // Page through the ranked ids as plugin-prisma's cursor arguments ask.
  const { take, skip, cursor, ...selection } = query;
  const at = cursor?.id ? ids.indexOf(cursor.id) : -1;
  if (cursor && at < 0) return [];
  const page = take >= 0
    ? ids.slice(cursor ? at + skip : 0, (cursor ? at + skip : 0) + take)
    : ids.slice(Math.max(0, (cursor ? at - skip + 1 : ids.length) + take), cursor ? at - skip + 1 : ids.length);
  const rows = await db.event.findMany({ ...selection, where: { id: { in: page } } });
  const position = new Map(page.map((id, i) => [id, i]));
  return rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
}
