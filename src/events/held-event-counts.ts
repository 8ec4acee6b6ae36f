// How many live events a place or a timeline holds, read no further than MAX_EXACT_COUNT + 1 of
// each, as the events list's totalCount is: a country with millions of events costs what 100,001
// do (a page of 100 such places, 100 times that). One statement for a page of places or timelines.
import { z } from 'zod';
import type { Context } from '../context.js';
import { queryRows } from '../db/sql.js';
import { Prisma } from '../generated/prisma/client.js';
import { loader } from '../lib/loaders.js';
import { countOf, MAX_EXACT_COUNT } from './event-listing.js';

/** The events each holder holds, for the one whose id is `holder.id`. */
const HELD = {
  place: Prisma.sql`SELECT 1 FROM "Event" e WHERE e."locationId" = holder.id AND e."retiredAt" IS NULL`,
  timeline: Prisma.sql`
    SELECT 1 FROM "TimelineEvent" te JOIN "Event" e ON e.id = te."eventId" WHERE te."timelineId" = holder.id AND e."retiredAt" IS NULL`,
};

export const HELD_COUNT_NOTE = `exact up to ${MAX_EXACT_COUNT.toLocaleString('en-US')}; when more, ${MAX_EXACT_COUNT.toLocaleString('en-US')} and eventCountExact is false`;

/** How many live events the place or timeline with this id holds, and whether that is exact. */
export function heldEventCount(ctx: Context, kind: keyof typeof HELD, id: string): Promise<{ count: number; exact: boolean }> {
  const counts = loader<string, number>(ctx, `held events of ${kind}`, async (ids) => {
    const rows = await queryRows(
      ctx.db,
      z.object({ id: z.string(), n: z.number() }),
      Prisma.sql`
      SELECT holder.id::text AS id, (SELECT count(*)::int FROM (${HELD[kind]} LIMIT ${MAX_EXACT_COUNT + 1}::int) held) AS n
        FROM unnest(${[...ids]}::uuid[]) AS holder(id)`,
    );
    const byId = new Map(rows.map((r) => [r.id, r.n]));
    return ids.map((key) => byId.get(key) ?? 0);
  });
  return counts.load(id).then(countOf);
}
