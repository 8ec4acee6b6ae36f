// Per-request DataLoaders for what plugin-prisma cannot fold into its queries (aggregates,
// computed text). Each domain declares its own; they live in the request's context.
import DataLoader from 'dataloader';
export function loader(ctx, name, batch, cacheKey) {
    let found = ctx.loaders.get(name);
    if (!found) {
        found = new DataLoader(batch, cacheKey ? { cacheKeyFn: cacheKey } : {});
        ctx.loaders.set(name, found);
    }
    return found;
}
/** A loader of rows by id, in one findMany per request tick; the rows come back in key order. */
export function rowsById(ctx, name, find) {
    return loader(ctx, name, async (ids) => {
        const byId = new Map((await find([...ids])).map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? new Error(`no row with id ${id}`));
    });
}
//# sourceMappingURL=loaders.js.map