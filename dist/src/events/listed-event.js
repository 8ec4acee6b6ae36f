// An event as a filtered list found it. Its citations, disputed flag, snippet and neighbours follow
// that list's filter (knownBy, text, the chronology), which travels with the event value itself:
// whoever lists events, a connection, associates, a path or a network, sets it explicitly.
import { queryFromInfo } from '@pothos/plugin-prisma';
import { rowsById } from '../lib/loaders.js';
/** The filter that listed an event, if a filtered list did. */
export function listedBy(event) {
    return event.listedBy;
}
/** Marks rows just read for this list (fresh objects: they are marked in place). */
export function markListed(rows, filter) {
    for (const row of rows)
        row.listedBy = filter;
    return rows;
}
const filterNumbers = new WeakMap();
let lastNumber = 0;
/** A number per resolved filter (which lives as long as its request), for cache keys. */
export function filterKey(filter) {
    let n = filterNumbers.get(filter);
    if (n === undefined)
        filterNumbers.set(filter, (n = ++lastNumber));
    return n;
}
/**
 * Events by id, as `filter` listed them, loaded with everything the query selects of them
 * (plugin-prisma's queryFromInfo: their citations and participants come in the same statement),
 * batched per filter and selection, and in the order of `ids`. `path` leads from the field to the
 * events, as ['edges', 'node'] for a connection.
 */
export async function listedEventsById(ctx, info, filter, ids, path = []) {
    const query = queryFromInfo({ context: ctx, info, typeName: 'Event', path });
    const loader = rowsById(ctx, `event.listed:${filterKey(filter)}:${JSON.stringify(query)}`, async (keys) => markListed(await ctx.db.event.findMany({ ...query, where: { id: { in: keys } } }), filter));
    return (await loader.loadMany(ids)).map((row) => {
        if (row instanceof Error)
            throw row;
        return row;
    });
}
//# sourceMappingURL=listed-event.js.map