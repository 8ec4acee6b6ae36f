// Per-request DataLoaders for what plugin-prisma cannot fold into its queries (aggregates,
// computed text). Each domain declares its own; they live in the request's context.
import DataLoader from 'dataloader';
import type { Context } from '../context.js';

export function loader<K, V>(
  ctx: Context,
  name: string,
  batch: (keys: readonly K[]) => Promise<V[]>,
  cacheKey?: (key: K) => string,
): DataLoader<K, V, unknown> {
  let found = ctx.loaders.get(name) as DataLoader<K, V, unknown> | undefined;
  if (!found) {
    found = new DataLoader<K, V, unknown>(batch, cacheKey ? { cacheKeyFn: cacheKey } : {});
    ctx.loaders.set(name, found as DataLoader<unknown, unknown>);
  }
  return found;
}

/** A loader of rows by id, in one findMany per request tick; the rows come back in key order. */
export function rowsById<T extends { id: string }>(ctx: Context, name: string, find: (ids: string[]) => Promise<T[]>): DataLoader<string, T, unknown> {
  return loader<string, T>(ctx, name, async (ids) => {
    const byId = new Map((await find([...ids])).map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? new Error(`no row with id ${id}`)) as T[];
  });
}
