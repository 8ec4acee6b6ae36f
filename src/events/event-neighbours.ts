// An event's neighbours in a chronology: the events just before and after its place in time among
// those a filter matches (the event itself need not match), one statement per filter and request.
import type { Context } from '../context.js';
import { loader } from '../lib/loaders.js';
import type { ResolvedEventFilter } from './event-filter.js';
import { chronologicalSql } from './event-order.js';
import { filterKey } from './listed-event.js';
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.js';
import { queryRows } from '../db/sql.js';

interface NeighbourKey {
  filter: ResolvedEventFilter;
  eventId: string;
}

interface Neighbours {
  previous: string | null;
  next: string | null;
}

export function neighboursLoader(ctx: Context) {
  return loader<NeighbourKey, Neighbours>(
    ctx,
    'event.neighbours',
    async (keys) => {
      const found = new Map<string, Neighbours>();
      for (const filter of new Set(keys.map((k) => k.filter))) {
        const wanted = keys.filter((k) => k.filter === filter).map((k) => k.eventId);
        const rows = await queryRows(
          ctx.db,
          z.object({ id: z.string(), previous: z.string().nullable(), next: z.string().nullable() }),
          Prisma.sql`
        SELECT r.id,
          (SELECT e.id FROM "Event" e
            WHERE ${filter.condition} AND (e."sortAt", e.slug) < (r."sortAt", r.slug)
            ORDER BY ${chronologicalSql('e', 'desc')} LIMIT 1) AS previous,
          (SELECT e.id FROM "Event" e
            WHERE ${filter.condition} AND (e."sortAt", e.slug) > (r."sortAt", r.slug)
            ORDER BY ${chronologicalSql('e')} LIMIT 1) AS next
          FROM "Event" r WHERE r.id = ANY(${wanted}::uuid[])`,
        );
        for (const row of rows) found.set(`${filterKey(filter)}:${row.id}`, { previous: row.previous, next: row.next });
      }
      return keys.map((k) => found.get(`${filterKey(k.filter)}:${k.eventId}`) ?? { previous: null, next: null });
    },
    (key) => `${filterKey(key.filter)}:${key.eventId}`,
  );
}
