// totalCount and totalCountExact on every connection of events: one bounded count per connection,
// asked once however many of the two fields a query selects.
import type { BuilderTypes } from '../builder.js';
import type { Context } from '../context.js';
import { countEvents, countOf, MAX_EXACT_COUNT, type EventScope } from './event-listing.js';
import type { ResolvedEventFilter } from './event-filter.js';

/** Counts asked for in a request, by the SQL they count; they die with the request's context. */
const counts = new WeakMap<Context, Map<string, Promise<number>>>();

/** The bounded count (countEvents) of a filter and scope, once per request. */
export function countOnce(ctx: Context, filter: ResolvedEventFilter, scope?: EventScope): Promise<number> {
  const where = scope ? [filter.condition, scope] : [filter.condition];
  // The moment of a list asOf counts too: the same filter then is another count.
  const key = JSON.stringify([filter.past?.at ?? null, ...where.map((sql) => [sql.sql, sql.values])], (_k, v: unknown) =>
    typeof v === 'bigint' ? `${v}n` : v,
  );
  let known = counts.get(ctx);
  if (!known) {
    known = new Map();
    counts.set(ctx, known);
  }
  let count = known.get(key);
  if (!count) {
    count = countEvents(ctx.db, filter, scope);
    known.set(key, count);
  }
  return count;
}

export const TOTAL_COUNT_DESCRIPTION = `How many events match: exact up to ${MAX_EXACT_COUNT.toLocaleString('en-US')}; when more match, ${MAX_EXACT_COUNT.toLocaleString('en-US')} and totalCountExact is false (histogram's total counts any number exactly).`;

/** The connection's fields over the bounded count its totalCount option gives. */
export function eventCountFields<T extends object>(t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, T>) {
  // plugin-prisma hands the option's count to the connection object as an untyped totalCount().
  const count = async (parent: T) => countOf(await (parent as { totalCount: () => Promise<number> }).totalCount());
  // The extension tells plugin-prisma that a query asking only for counts needs no page read.
  const countOnly = { pothosPrismaTotalCount: true };
  return {
    totalCount: t.int({ description: TOTAL_COUNT_DESCRIPTION, extensions: countOnly, resolve: async (parent) => (await count(parent)).count }),
    totalCountExact: t.boolean({
      extensions: countOnly,
      description: `False when more than ${MAX_EXACT_COUNT.toLocaleString('en-US')} events match and totalCount stops there.`,
      resolve: async (parent) => (await count(parent)).exact,
    }),
  };
}
