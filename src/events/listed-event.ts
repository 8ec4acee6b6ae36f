// An event as a filtered list found it. Its citations, disputed flag, snippet and neighbours follow
// that list's filter (knownBy, text, the chronology), which travels with the event value itself:
// whoever lists events, a connection, associates, a path or a network, sets it explicitly.
import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { eventsAsOf } from '../history/event-as-of.js';
import { rowsById } from '../lib/loaders.js';
import type { ResolvedEventFilter } from './event-filter.js';

export interface Listed {
  listedBy?: ResolvedEventFilter;
}

/** The filter that listed an event, if a filtered list did. */
export function listedBy(event: object): ResolvedEventFilter | undefined {
  return (event as Listed).listedBy;
}

/** Marks rows just read for this list (fresh objects: they are marked in place). */
export function markListed<T extends object>(rows: T[], filter: ResolvedEventFilter): (T & Listed)[] {
  for (const row of rows) (row as T & Listed).listedBy = filter;
  return rows;
}

const filterNumbers = new WeakMap<ResolvedEventFilter, number>();
let lastNumber = 0;

/** A number per resolved filter (which lives as long as its request), for cache keys. */
export function filterKey(filter: ResolvedEventFilter): number {
  let n = filterNumbers.get(filter);
  if (n === undefined) {
    lastNumber += 1;
    n = lastNumber;
    filterNumbers.set(filter, n);
  }
  return n;
}

/**
 * Events by id, as `filter` listed them (as they were at its moment, for a list asOf one), loaded with everything the query selects of them
 * (plugin-prisma's queryFromInfo: their citations and participants come in the same statement),
 * batched per filter and selection, and in the order of `ids`. `path` leads from the field to the
 * events, as ['edges', 'node'] for a connection.
 */
export async function listedEventsById(ctx: Context, info: GraphQLResolveInfo, filter: ResolvedEventFilter, ids: string[], path: string[] = []) {
  const query = queryFromInfo({ context: ctx, info, typeName: 'Event', path });
  const loader = rowsById(ctx, `event.listed:${filterKey(filter)}:${JSON.stringify(query)}`, async (keys) => {
    const now = await ctx.db.event.findMany({ ...query, where: { id: { in: keys } } });
    // A list asOf a moment gives its events as they were then.
    const rows = filter.past ? (await eventsAsOf(ctx.db, now, query, filter.past.at)).filter((row) => row !== null) : now;
    return markListed(rows, filter);
  });
  return (await loader.loadMany(ids)).map((row) => {
    if (row instanceof Error) throw row;
    return row as typeof row & Listed;
  });
}
