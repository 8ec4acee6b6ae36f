// An event's neighbours in a chronology: the events just before and after its place in time among
// those a filter matches (the event itself need not match), one statement per filter and request.
import type { Context } from '../context.js';
import { loader } from '../lib/loaders.js';
import type { ResolvedEventFilter } from './event-filter.js';
import type { PastTables } from '../history/past-tables.js';
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
        const rows = filter.past
          ? await pastNeighbours(ctx, filter, filter.past, wanted)
          : await queryRows(
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

/**
 * Neighbours among the events as they were at a past moment, from each event's place then: a
 * statement per event, over the tables then (past-tables.ts).
 */
async function pastNeighbours(ctx: Context, filter: ResolvedEventFilter, past: PastTables, ids: string[]) {
  const found: { id: string; previous: string | null; next: string | null }[] = [];
  for (const id of ids) {
    const side = (direction: 'asc' | 'desc') => {
      const beyond = direction === 'asc' ? Prisma.sql`>` : Prisma.sql`<`;
      const nearest = past.both(
        (scope) => Prisma.sql`SELECT e.id, e."sortAt", e.slug FROM "Event" e
          WHERE ${scope} AND ${filter.condition} AND (e."sortAt", e.slug) ${beyond} ${past.positionOf(id)}
          ORDER BY ${chronologicalSql('e', direction)} LIMIT 1`,
      );
      return Prisma.sql`(SELECT n.id FROM (${nearest}) n ORDER BY ${chronologicalSql('n', direction)} LIMIT 1)`;
    };
    const [row] = await queryRows(
      ctx.db,
      z.object({ previous: z.string().nullable(), next: z.string().nullable() }),
      Prisma.sql`SELECT ${side('desc')} AS previous, ${side('asc')} AS next`,
    );
    found.push({ id, previous: row!.previous, next: row!.next });
  }
  return found;
}
