// The actor-event graph: actors are linked through the events they share. These are graph walks
// and aggregates, so they run as SQL over the events a filter matches (`matching`: the filter's
// condition on an event row `e`); each costs a fixed number of statements whatever the page size.
import { chronologicalSql } from '../events/event-order.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { InputError } from '../lib/errors.js';
import { z } from 'zod';
import { queryRow, queryRows } from '../db/sql.js';

/** How many shared events an associate row keeps for paging through `sharedEvents`. */
export const SHARED_EVENTS_KEPT = 100;

const associateRow = z.object({
  actorId: z.string(),
  sharedEventCount: z.number(),
  /** The shared events in chronological order, at most SHARED_EVENTS_KEPT of them. */
  sharedEventIds: z.array(z.string()),
  lastSharedId: z.string(),
  total: z.number(),
});
export type AssociateRow = z.output<typeof associateRow>;

/** The actors who share events with `actorId`, most shared events first, then by name. */
export async function associatesOf(db: PrismaClient, actorId: string, matching: Prisma.Sql, limit: number, offset: number): Promise<AssociateRow[]> {
  return queryRows(
    db,
    associateRow,
    Prisma.sql`
    WITH shared AS (
      SELECT DISTINCT other."actorId" AS actor_id, e.id AS event_id, e."sortAt", e.slug
        FROM "Participation" me
        JOIN "Participation" other ON other."eventId" = me."eventId" AND other."actorId" <> me."actorId"
        JOIN "Event" e ON e.id = me."eventId"
       WHERE me."actorId" = ${actorId}::uuid AND ${matching}
    )
    SELECT s.actor_id AS "actorId",
           count(*)::int AS "sharedEventCount",
           (array_agg(s.event_id ORDER BY ${chronologicalSql('s')}))[1:${SHARED_EVENTS_KEPT}] AS "sharedEventIds",
           (array_agg(s.event_id ORDER BY ${chronologicalSql('s', 'desc')}))[1] AS "lastSharedId",
           (count(*) OVER ())::int AS total
      FROM shared s JOIN "Actor" a ON a.id = s.actor_id
     GROUP BY s.actor_id, a.name, a.slug
     ORDER BY count(*) DESC, a.name, a.slug
     LIMIT ${limit} OFFSET ${offset}`,
  );
}

export async function associateCount(db: PrismaClient, actorId: string, matching: Prisma.Sql): Promise<number> {
  const row = await queryRow(
    db,
    z.object({ count: z.number() }),
    Prisma.sql`
    SELECT count(DISTINCT other."actorId")::int AS count
      FROM "Participation" me
      JOIN "Participation" other ON other."eventId" = me."eventId" AND other."actorId" <> me."actorId"
      JOIN "Event" e ON e.id = me."eventId"
     WHERE me."actorId" = ${actorId}::uuid AND ${matching}`,
  );
  return row.count;
}

export const MAX_HOPS = 6;

export interface PathStep {
  actorId: string;
  /** The event linking this actor to the previous one; null for the first actor. */
  viaEventId: string | null;
}

/**
 * The shortest chain actor - event - actor ... from one actor to another, breadth-first, one
 * statement per hop. Among equally short chains, each hop takes the earliest linking event.
 * Returns null when there is none within maxHops.
 */
export async function shortestPath(db: PrismaClient, fromId: string, toId: string, maxHops: number, matching: Prisma.Sql): Promise<PathStep[] | null> {
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_HOPS) {
    throw new InputError('maxHops', `must be a whole number from 1 to ${MAX_HOPS}, not ${maxHops}`);
  }
  if (fromId === toId) return [{ actorId: fromId, viaEventId: null }];
  const reachedBy = new Map<string, { prev: string; via: string }>();
  const visited = [fromId];
  let frontier = [fromId];
  for (let hop = 0; hop < maxHops && frontier.length > 0 && !reachedBy.has(toId); hop += 1) {
    const found = await queryRows(
      db,
      z.object({ actor: z.string(), prev: z.string(), via: z.string() }),
      Prisma.sql`
      SELECT DISTINCT ON (p2."actorId") p2."actorId" AS actor, p1."actorId" AS prev, e.id AS via
        FROM "Participation" p1
        JOIN "Participation" p2 ON p2."eventId" = p1."eventId"
        JOIN "Event" e ON e.id = p1."eventId"
        JOIN "Actor" a ON a.id = p1."actorId"
       WHERE p1."actorId" = ANY(${frontier}::uuid[])
         -- An anti-join, hashed: NOT (= ANY(array)) compares each row with every visited actor.
         AND NOT EXISTS (SELECT FROM unnest(${visited}::uuid[]) AS v(id) WHERE v.id = p2."actorId")
         AND ${matching}
       ORDER BY p2."actorId", ${chronologicalSql('e')}, a.slug`,
    );
    frontier = [];
    for (const row of found) {
      reachedBy.set(row.actor, { prev: row.prev, via: row.via });
      visited.push(row.actor);
      frontier.push(row.actor);
    }
  }
  if (!reachedBy.has(toId)) return null;
  const steps: PathStep[] = [];
  for (let at = toId; at !== fromId; ) {
    const { prev, via } = reachedBy.get(at)!;
    steps.unshift({ actorId: at, viaEventId: via });
    at = prev;
  }
  steps.unshift({ actorId: fromId, viaEventId: null });
  return steps;
}

export const MAX_NETWORK_EDGES = 500;
/** How many of an edge's shared events the network keeps, earliest first. */
export const EDGE_EVENTS_KEPT = 20;

const networkEdgeRow = z.object({ sourceId: z.string(), targetId: z.string(), weight: z.number(), eventIds: z.array(z.string()) });
export type NetworkEdgeRow = z.output<typeof networkEdgeRow>;

/** Pairs of actors weighted by the events they share, heaviest first; each pair once. */
export async function networkEdges(db: PrismaClient, matching: Prisma.Sql, minWeight: number, limit: number): Promise<NetworkEdgeRow[]> {
  if (!Number.isInteger(minWeight) || minWeight < 1) throw new InputError('minWeight', `must be a whole number of at least 1, not ${minWeight}`);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_NETWORK_EDGES) {
    throw new InputError('limit', `must be a whole number from 1 to ${MAX_NETWORK_EDGES}, not ${limit}`);
  }
  return queryRows(
    db,
    networkEdgeRow,
    Prisma.sql`
    WITH parts AS MATERIALIZED (
      -- Each matching event's participants by index (OFFSET 0 keeps the lookup per event, so the
      -- cost follows the matches, never a scan of every participation), with the event's order
      -- keys, so the pairs need not look the events up again.
      SELECT DISTINCT p."eventId", p."actorId", a.slug, e."sortAt", e.slug AS event_slug
        FROM "Event" e
        CROSS JOIN LATERAL (SELECT p."eventId", p."actorId" FROM "Participation" p WHERE p."eventId" = e.id OFFSET 0) p
        JOIN "Actor" a ON a.id = p."actorId"
       WHERE ${matching}
    )
    SELECT s."actorId" AS "sourceId", t."actorId" AS "targetId", count(*)::int AS weight,
           (array_agg(s."eventId" ORDER BY s."sortAt", s.event_slug))[1:${EDGE_EVENTS_KEPT}] AS "eventIds",
           s.slug AS source_slug, t.slug AS target_slug
      FROM parts s
      JOIN parts t ON t."eventId" = s."eventId" AND s.slug < t.slug
     GROUP BY s."actorId", t."actorId", s.slug, t.slug
    HAVING count(*) >= ${minWeight}
     ORDER BY count(*) DESC, s.slug, t.slug
     LIMIT ${limit}`,
  );
}

/** How many of the matching events each actor took part in. */
export async function eventCounts(db: PrismaClient, actorIds: string[], matching: Prisma.Sql): Promise<Map<string, number>> {
  const rows = await queryRows(
    db,
    z.object({ actorId: z.string(), count: z.number() }),
    Prisma.sql`
    SELECT p."actorId", count(DISTINCT p."eventId")::int AS count
      FROM "Participation" p JOIN "Event" e ON e.id = p."eventId"
     WHERE p."actorId" = ANY(${actorIds}::uuid[]) AND ${matching}
     GROUP BY p."actorId"`,
  );
  return new Map(rows.map((r) => [r.actorId, r.count]));
}
