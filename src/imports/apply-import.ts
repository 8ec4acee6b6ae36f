// Writes a validated plan in one transaction: everything, or nothing if anything fails (or the
// process dies). Records are matched by slug; a record that already reads the same is left
// untouched, so importing a file twice changes nothing. A dry run does it all, counts, and rolls back.
import { eventTimeOf } from '../dates/event-time.js';
import { onRecordAt } from '../sources/source-order.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { ImportActor, ImportEvent, ImportSource } from './import-record.js';
import type { ImportPlan } from './plan-import.js';

type Tx = Prisma.TransactionClient;

export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportCounts {
  events: Tally;
  actors: Tally;
  sources: Tally;
}

// Small enough that a chunk of events with many citations stays under PostgreSQL's 32,767 bind parameters.
const CHUNK = 250;
const tally = (): Tally => ({ created: 0, updated: 0, unchanged: 0 });

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

class DryRun extends Error {
  constructor(readonly counts: ImportCounts) {
    super('dry run');
  }
}

/** Ids of the actors and events an import changed, whose search text it refreshes at the end. */
interface Touched {
  actors: string[];
  events: string[];
}

async function importActors(tx: Tx, actors: ImportActor[], counts: Tally, touched: Touched): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const group of chunks(actors)) {
    const existing = new Map((await tx.actor.findMany({ where: { slug: { in: group.map((a) => a.slug) } } })).map((a) => [a.slug, a]));
    const missing = group.filter((a) => !existing.has(a.slug));
    for (const row of await tx.actor.createManyAndReturn({ data: missing, select: { id: true, slug: true } })) ids.set(row.slug, row.id);
    counts.created += missing.length;
    for (const actor of group.filter((a) => existing.has(a.slug))) {
      const found = existing.get(actor.slug)!;
      ids.set(actor.slug, found.id);
      if (found.name === actor.name && found.kind === actor.kind) {
        counts.unchanged += 1;
      } else {
        await tx.actor.update({ where: { id: found.id }, data: { name: actor.name, kind: actor.kind } });
        touched.actors.push(found.id);
        counts.updated += 1;
      }
    }
  }
  return ids;
}

function sourceFields(source: ImportSource, actorIds: Map<string, string>) {
  return {
    kind: source.kind, title: source.title, author: source.author, url: source.url,
    publishedEdtf: source.published, retrievedEdtf: source.retrieved, onRecordAt: onRecordAt(source.published, source.retrieved),
    publisherId: source.publisher ? actorIds.get(source.publisher.slug)! : null,
  };
}

async function importSources(tx: Tx, sources: ImportSource[], actorIds: Map<string, string>, counts: Tally): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const group of chunks(sources)) {
    const existing = new Map((await tx.source.findMany({ where: { slug: { in: group.map((s) => s.slug) } } })).map((s) => [s.slug, s]));
    const missing = group.filter((s) => !existing.has(s.slug));
    const created = await tx.source.createManyAndReturn({ data: missing.map((s) => ({ slug: s.slug, ...sourceFields(s, actorIds) })), select: { id: true, slug: true } });
    for (const row of created) ids.set(row.slug, row.id);
    counts.created += missing.length;
    for (const source of group.filter((s) => existing.has(s.slug))) {
      const found = existing.get(source.slug)!;
      ids.set(source.slug, found.id);
      const fields = sourceFields(source, actorIds);
      const same = found.kind === fields.kind && found.title === fields.title && found.author === fields.author && found.url === fields.url
        && found.publishedEdtf === fields.publishedEdtf && found.retrievedEdtf === fields.retrievedEdtf && found.publisherId === fields.publisherId;
      if (same) {
        counts.unchanged += 1;
      } else {
        await tx.source.update({ where: { id: found.id }, data: fields });
        counts.updated += 1;
      }
    }
  }
  return ids;
}

function eventFields(event: ImportEvent) {

  return {
    title: event.title, summary: event.summary, kind: event.kind, status: event.status, place: event.place, tags: event.tags,
    ...eventTimeOf(event.date),
  };
}

const storedEvent = {
  participants: { select: { role: true, actor: { select: { slug: true } } } },
  citations: { select: { stance: true, quote: true, attribution: true, confidence: true, note: true, source: { select: { slug: true } } } },
} satisfies Prisma.EventInclude;

/** An event as a comparable text: the fields an import sets, lists in a fixed order. */
function fingerprint(e: {
  title: string; summary: string | null; kind: string; status: string; place: string | null; tags: string[]; date: string;
  participants: { role: string; actor: { slug: string } }[];
  citations: { stance: string; quote: string | null; attribution: string | null; confidence: string | null; note: string | null; source: { slug: string } }[];
}): string {
  return JSON.stringify([
    e.title, e.summary, e.kind, e.status, e.place, e.tags, e.date,
    e.participants.map((p) => `${p.role} ${p.actor.slug}`).sort(),
    e.citations.map((c) => JSON.stringify([c.source.slug, c.stance, c.quote, c.attribution, c.confidence, c.note])).sort(),
  ]);
}

async function importEvents(
  tx: Tx,
  events: ImportEvent[],
  actorIds: Map<string, string>,
  sourceIds: Map<string, string>,
  counts: Tally,
  touched: Touched,
): Promise<void> {
  const children = (eventId: string, event: ImportEvent) => ({
    participants: event.participants.map((p) => ({ eventId, actorId: actorIds.get(p.actor.slug)!, role: p.role })),
    citations: event.citations.map((c) => ({
      eventId, sourceId: sourceIds.get(c.source.slug)!, stance: c.stance, quote: c.quote, attribution: c.attribution, confidence: c.confidence, note: c.note,
    })),
  });
  for (const group of chunks(events)) {
    const existing = new Map((await tx.event.findMany({ where: { slug: { in: group.map((e) => e.slug) } }, include: storedEvent })).map((e) => [e.slug, e]));
    const missing = group.filter((e) => !existing.has(e.slug));
    const created = await tx.event.createManyAndReturn({ data: missing.map((e) => ({ slug: e.slug, ...eventFields(e) })), select: { id: true, slug: true } });
    const createdIds = new Map(created.map((r) => [r.slug, r.id]));
    touched.events.push(...createdIds.values());
    const parts = missing.map((e) => children(createdIds.get(e.slug)!, e));
    await tx.participation.createMany({ data: parts.flatMap((p) => p.participants) });
    await tx.citation.createMany({ data: parts.flatMap((p) => p.citations) });
    counts.created += missing.length;

    for (const event of group.filter((e) => existing.has(e.slug))) {
      const found = existing.get(event.slug)!;
      if (fingerprint(found) === fingerprint(event)) {
        counts.unchanged += 1;
        continue;
      }
      await tx.event.update({ where: { id: found.id }, data: eventFields(event) });
      touched.events.push(found.id);
      await tx.participation.deleteMany({ where: { eventId: found.id } });
      await tx.citation.deleteMany({ where: { eventId: found.id } });
      const { participants, citations } = children(found.id, event);
      await tx.participation.createMany({ data: participants });
      await tx.citation.createMany({ data: citations });
      counts.updated += 1;
    }
  }
}

export async function applyImport(client: PrismaClient, plan: ImportPlan, options: { dryRun?: boolean } = {}): Promise<ImportCounts> {
  const counts: ImportCounts = { events: tally(), actors: tally(), sources: tally() };
  try {
    await client.$transaction(async (tx) => {
      // The search triggers would refresh an event once per row written; refresh each once instead.
      await tx.$executeRaw`SELECT set_config('chronicle.defer_search', 'on', true)`;
      const touched: Touched = { actors: [], events: [] };
      const actorIds = await importActors(tx, [...plan.actors.values()], counts.actors, touched);
      const sourceIds = await importSources(tx, [...plan.sources.values()], actorIds, counts.sources);
      await importEvents(tx, plan.events, actorIds, sourceIds, counts.events, touched);
      await tx.$executeRaw`
        SELECT chronicle_refresh_event_search(id) FROM "Event"
         WHERE id = ANY(${touched.events}::uuid[])
            OR id IN (SELECT "eventId" FROM "Participation" WHERE "actorId" = ANY(${touched.actors}::uuid[]))`;
      await tx.$executeRaw`SELECT set_config('chronicle.defer_search', 'off', true)`;
      if (options.dryRun) throw new DryRun(counts);
    }, { timeout: 30 * 60_000, maxWait: 60_000 });
  } catch (error) {
    if (error instanceof DryRun) return error.counts;
    throw error;
  }
  return counts;
}
