import { loader } from '../lib/loaders.js';
import { chronologicalSql } from './event-order.js';
import { filterKey } from './listed-event.js';
export function neighboursLoader(ctx) {
    return loader(ctx, 'event.neighbours', async (keys) => {
        const found = new Map();
        for (const filter of new Set(keys.map((k) => k.filter))) {
            const wanted = keys.filter((k) => k.filter === filter).map((k) => k.eventId);
            const rows = await ctx.db.$queryRaw `
        SELECT r.id,
          (SELECT e.id FROM "Event" e
            WHERE ${filter.condition} AND (e."sortAt", e.slug) < (r."sortAt", r.slug)
            ORDER BY ${chronologicalSql('e', 'desc')} LIMIT 1) AS previous,
          (SELECT e.id FROM "Event" e
            WHERE ${filter.condition} AND (e."sortAt", e.slug) > (r."sortAt", r.slug)
            ORDER BY ${chronologicalSql('e')} LIMIT 1) AS next
          FROM "Event" r WHERE r.id = ANY(${wanted}::uuid[])`;
            for (const row of rows)
                found.set(`${filterKey(filter)}:${row.id}`, { previous: row.previous, next: row.next });
        }
        return keys.map((k) => found.get(`${filterKey(k.filter)}:${k.eventId}`) ?? { previous: null, next: null });
    }, (key) => `${filterKey(key.filter)}:${key.eventId}`);
}
//# sourceMappingURL=event-neighbours.js.map