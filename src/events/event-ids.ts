// The events a filter matches, as ids, for the queries that run as SQL (graph walks, aggregates,
// neighbours) rather than through Prisma's where clauses.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { ResolvedEventFilter } from './event-filter.js';

const matching = new WeakMap<ResolvedEventFilter, Promise<string[] | null>>();

/**
 * Ids of the events a filter matches, or null for "every event" when it has no conditions.
 * Memoized on the resolved filter, which lives as long as its request.
 */
export function matchingEventIds(db: PrismaClient, filter: ResolvedEventFilter): Promise<string[] | null> {
  let ids = matching.get(filter);
  if (!ids) {
    ids = Object.keys(filter.where).length === 0
      ? Promise.resolve(null)
      : db.event.findMany({ where: filter.where, select: { id: true } }).then((rows) => rows.map((r) => r.id));
    matching.set(filter, ids);
  }
  return ids;
}
