// Writes timelines, from the one record writer (imports, dumps), after the events they hold: a
// timeline is set to what its record gives, its events included; one that reads the same is left
// untouched, its updatedAt included, so writing the same file twice changes nothing. Each timeline
// created or changed gets its revision in the history, its events given by slug on each side.
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.js';
import { queryRows } from '../db/sql.js';
import { canonicalJson } from '../lib/compare.js';
import { idsOf } from '../records/new-records.js';
import { currentSlugs } from '../records/slug-redirects.js';
import { ImportValidationError } from '../imports/import-problems.js';
import type { TimelineRecord } from './timeline-record.js';
import { type ChangeLog, differences, type FieldChange, type RevisionRow } from '../records/change-log.js';

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

export async function writeTimelines(tx: Tx, timelines: TimelineRecord[], log: ChangeLog): Promise<TimelinesWritten> {
  const written: TimelinesWritten = { created: 0, updated: 0, unchanged: 0 };
  const created: string[] = [];
  const revisions: RevisionRow[] = [];
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
      const { id } = await tx.timeline.create({
        data: { slug: record.slug, ...asJson(data), revision: log.revisionOf(record), ...stamps },
        select: { id: true },
      });
      await tx.timelineEvent.createMany({ data: wanted.map((eventId) => ({ timelineId: id, eventId })) });
      created.push(id);
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
    const fields = differences(own, data);
    if (added.length || removed.length) fields.events = await eventsChange(tx, [...had], wanted);
    const revision = log.changeId === null ? (record.revision ?? stored.revision) : stored.revision + 1;
    await tx.timeline.update({ where: { id: stored.id }, data: { ...asJson(data), revision, ...stamps } });
    if (removed.length) await tx.timelineEvent.deleteMany({ where: { timelineId: stored.id, eventId: { in: removed } } });
    if (added.length) await tx.timelineEvent.createMany({ data: added.map((eventId) => ({ timelineId: stored.id, eventId })) });
    revisions.push({ recordId: stored.id, number: revision, fields });
    written.updated += 1;
  }
  await log.created(tx, 'TIMELINE', created);
  await log.updated(tx, 'TIMELINE', revisions);
  return written;
}

/** The events a timeline held and holds, as a revision gives them: their slugs, sorted. */
async function eventsChange(tx: Tx, before: string[], after: string[]): Promise<FieldChange> {
  const slugs = new Map(
    (await tx.event.findMany({ where: { id: { in: [...before, ...after] } }, select: { id: true, slug: true } })).map((e) => [e.id, e.slug]),
  );
  const sorted = (ids: string[]) => ids.map((id) => slugs.get(id)!).sort();
  return { before: sorted(before), after: sorted(after) };
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
