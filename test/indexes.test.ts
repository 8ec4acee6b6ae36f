// Every selective filter, and the chronological page, is served by an index: checked with EXPLAIN
// on a generated timeline. Sequential scans are priced out (enable_seqscan off), so a plan still
// reading the whole Event table means no index can serve that condition.
import { describe, expect, it } from 'vitest';
import { generateTimeline } from '../bench/generate.js';
import { chronologicalSql } from '../src/events/event-order.js';
import { type EventFilter, resolveEventFilter } from '../src/events/event-filter.js';
import { Prisma } from '../src/generated/prisma/client.js';
import { useTestDatabase } from './helpers/database.js';

const EVENTS = 3_000;
const database = useTestDatabase({ seed: false, prepare: ({ client }) => generateTimeline(client, EVENTS) });

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** The plan of the events `filter` matches, or of a timeline page of them (50, in order). */
async function plan(filter: EventFilter, page = false): Promise<PlanNode[]> {
  const db = database().client;
  const resolved = await resolveEventFilter(db, filter, 'filter');
  const [, rows] = await db.$transaction([
    db.$executeRaw`SET LOCAL enable_seqscan = off`,
    db.$queryRaw<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(
      Prisma.sql`EXPLAIN (FORMAT JSON) SELECT e.id FROM "Event" e WHERE ${resolved.condition}${page ? Prisma.sql` ORDER BY ${chronologicalSql('e')} LIMIT 50` : Prisma.empty}`,
    ),
  ]);
  return nodes(rows[0]!['QUERY PLAN'][0].Plan);
}

async function someSlug(table: 'Actor' | 'Source'): Promise<string> {
  const [row] = await database().client.$queryRawUnsafe<{ slug: string }[]>(`SELECT slug FROM "${table}" ORDER BY slug LIMIT 1`);
  return row!.slug;
}

describe('indexes on a generated timeline', () => {
  it.each<[string, () => Promise<EventFilter>, string]>([
    ['a time window', async () => ({ from: '2001-03', to: '2001-04' }), 'Event_spanStart_spanEnd_idx'],
    ['an actor', async () => ({ actors: [await someSlug('Actor')] }), 'Participation_actorId_eventId_idx'],
    ['a source', async () => ({ sources: [await someSlug('Source')] }), 'Citation_sourceId_idx'],
    ['a kind', async () => ({ kinds: ['LEAK'] }), 'Event_kind_idx'],
    ['a tag', async () => ({ tags: ['generated'] }), 'Event_tags_idx'],
    ['a text search', async () => ({ text: 'harbour' }), 'EventSearch_terms_idx'],
    ['what was known by a date', async () => ({ knownBy: '2001-01-01' }), 'Source_onRecordAt_idx'],
    ['a place', async () => ({ place: 'Brussels' }), 'Event_place_trgm_idx'],
  ])('serves %s from an index', async (_name, filter, index) => {
    const matches = await plan(await filter());
    expect(matches.map((n) => n['Index Name']).filter(Boolean)).toContain(index);
    expect(matches.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'Event')).toBe(false);
  });

  it('serves a point on the map, a box and a timeline from indexes: the places or the timeline first, then their events', async () => {
    const db = database().client;
    const events = await db.event.findMany({ select: { id: true }, take: 20, orderBy: { id: 'asc' } });
    const place = await db.place.create({ data: { slug: 'brussels', name: 'Brussels', latitude: 50.85, longitude: 4.35 } });
    await db.event.updateMany({ where: { id: { in: events.map((e) => e.id) } }, data: { locationId: place.id } });
    await db.timeline.create({ data: { slug: 'twenty', events: { create: events.map((e) => ({ eventId: e.id })) } } });
    await db.$executeRaw`ANALYZE "Event", "Place", "TimelineEvent"`;
    for (const [filter, index] of [
      [{ near: { latitude: 50.85, longitude: 4.35, km: 10 } }, 'Event_locationId_idx'],
      [{ bbox: { west: 4, south: 50, east: 5, north: 51 } }, 'Event_locationId_idx'],
      [{ timelines: ['twenty'] }, 'TimelineEvent_pkey'],
    ] as [EventFilter, string][]) {
      const matches = await plan(filter);
      expect(matches.map((n) => n['Index Name']).filter(Boolean)).toContain(index);
      expect(matches.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'Event')).toBe(false);
    }
  });

  it('reads a page in chronological order from the (sortAt, slug) index, without sorting', async () => {
    const page = await plan({}, true);
    expect(page.map((n) => n['Index Name'])).toContain('Event_sortAt_slug_idx');
    expect(page.some((n) => n['Node Type'] === 'Sort')).toBe(false);
  });
});
