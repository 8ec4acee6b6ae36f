// Writes timelines, from the one record writer (imports, dumps), after the events they hold: a
// timeline is set to what its record gives, its events included; one that reads the same is left
// untouched, its updatedAt included, so writing the same file twice changes nothing.
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.js';
import { queryRows } from '../db/sql.js';
import { canonicalJson } from '../lib/compare.js';
import { idsOf } from '../records/new-records.js';
import { currentSlugs } from '../records/slug-redirects.js';
import { ImportValidationError } from '../imports/import-problems.js';
import type { TimelineRecord } from './timeline-record.js';

type Tx = Prisma.TransactionClient;

export interface TimelinesWritten {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * The ids of the events a timeline holds: by slug, or by the slug a renamed or merged event has
 * now; an event that is neither is the record's problem.
 */
async function eventIdsOf(tx: Tx, record: TimelineRecord): Promise<string[]> {
  const ids = await idsOf(tx, 'event', record.events);
  const renamed = await currentSlugs(
    tx,
    'event',
    record.events.filter((slug) => !ids.has(slug)),
  );
  const now = await idsOf(tx, 'event', [...renamed.values()]);
  const missing = record.events.filter((slug) => !ids.has(slug) && !now.has(renamed.get(slug) ?? ''));
  if (missing.length)
    throw new ImportValidationError(
      [`timeline "${record.slug}", field events: no event has the slug ${missing.map((s) => `"${s}"`).join(', ')}`],
      missing.length,
    );
  return record.events.map((slug) => ids.get(slug) ?? now.get(renamed.get(slug)!)!);
}

/** A timeline's own columns, as a record gives them. */
const columns = (t: TimelineRecord) => ({
  headline: t.headline ?? null,
  text: t.text ?? null,
  media: t.media ?? null,
  background: t.background ?? null,
  eras: t.eras,
});

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

export async function writeTimelines(tx: Tx, timelines: TimelineRecord[]): Promise<TimelinesWritten> {
  const written: TimelinesWritten = { created: 0, updated: 0, unchanged: 0 };
  for (const record of timelines) {
    const eventIds = await eventIdsOf(tx, record);
    const stored = await tx.timeline.findUnique({ where: { slug: record.slug }, include: { events: { select: { eventId: true } } } });
    const wanted = [...new Set(eventIds)];
    const data = columns(record);
    const stamps = {
      ...(record.createdAt ? { createdAt: new Date(record.createdAt) } : {}),
      updatedAt: record.updatedAt ? new Date(record.updatedAt) : new Date(),
    };
    if (!stored) {
      const created = await tx.timeline.create({ data: { slug: record.slug, ...asJson(data), ...stamps }, select: { id: true } });
      await tx.timelineEvent.createMany({ data: wanted.map((eventId) => ({ timelineId: created.id, eventId })) });
      written.created += 1;
      continue;
    }
    const had = new Set(stored.events.map((e) => e.eventId));
    const added = wanted.filter((id) => !had.has(id));
    const removed = [...had].filter((id) => !wanted.includes(id));
    const own = { headline: stored.headline, text: stored.text, media: stored.media, background: stored.background, eras: stored.eras };
    if (same(own, data) && added.length === 0 && removed.length === 0) {
      written.unchanged += 1;
      continue;
    }
    await tx.timeline.update({ where: { id: stored.id }, data: { ...asJson(data), ...stamps } });
    if (removed.length) await tx.timelineEvent.deleteMany({ where: { timelineId: stored.id, eventId: { in: removed } } });
    if (added.length) await tx.timelineEvent.createMany({ data: added.map((eventId) => ({ timelineId: stored.id, eventId })) });
    written.updated += 1;
  }
  return written;
}

/** JSON columns as Prisma writes them: a null JSON value is the database's NULL. */
function asJson(data: ReturnType<typeof columns>) {
  return { ...data, media: data.media ?? Prisma.DbNull, background: data.background ?? Prisma.DbNull };
}

/** The slugs of the events each timeline holds, by timeline id: for dumps and exports. */
export async function timelineEventSlugs(tx: Tx, timelineIds: string[]): Promise<Map<string, string[]>> {
  const rows = await queryRows(
    tx,
    z.object({ timelineId: z.string(), slug: z.string() }),
    Prisma.sql`SELECT te."timelineId", e.slug FROM "TimelineEvent" te JOIN "Event" e ON e.id = te."eventId"
                WHERE te."timelineId" = ANY(${timelineIds}::uuid[]) ORDER BY te."timelineId", e."sortAt", e.slug`,
  );
  const slugs = new Map<string, string[]>();
  for (const row of rows) slugs.set(row.timelineId, [...(slugs.get(row.timelineId) ?? []), row.slug]);
  return slugs;
}
