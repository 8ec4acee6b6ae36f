// The one writer of records (seed files, dumps, rich imports): everything in one transaction, all
// or nothing. Records are matched by slug; one that already reads the same is left untouched, its
// updatedAt included, so writing the same data twice changes nothing. What changes is reported
// field by field, which is also what a dry run shows before rolling back, and kept as the records'
// revisions, under one Change saying who wrote, how and why.
import { eventTimeOf } from '../dates/event-time.js';
import { parseEdtf } from '../dates/edtf.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { queryRows } from '../db/sql.js';
import { ImportValidationError, MAX_REPORTED_ERRORS } from '../imports/import-problems.js';
import { z } from 'zod';
import { canonicalJson } from '../lib/compare.js';
import { onRecordAt } from '../sources/source-order.js';
import { citationColumns, eventColumns, idsOf, insertNewActors, knownIds, insertNewEvents, insertNewSources } from './new-records.js';
import { type ChangeAuthor, ChangeLog, differences, type FieldChanges, type RevisionRow } from './change-log.js';
import { endRedirects } from './slug-redirects.js';
import { takeWriteLock } from './write-lock.js';
import { storedCitation, storedEvent } from './stored-records.js';
import { type ActorRecord, type EventRecord, type RecordSet, type RedirectRecord, type SourceRecord, unsourcedRule } from './record-schemas.js';
import { TermCycleError, writeTerms } from '../vocabulary/term-writer.js';
import { writeTimelines } from '../timelines/timeline-writer.js';
import { writePlaces } from '../places/place-writer.js';
import type { PlaceRecord } from '../places/place-record.js';
import { allTermKeys, unknownTermProblem } from '../vocabulary/terms.js';

type Tx = Prisma.TransactionClient;

export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
}

export interface WriteReport {
  actors: Tally;
  sources: Tally;
  events: Tally;
  timelines: Tally;
  /** One line per record created or changed: "actor justin-trudeau: name "Trudeau" -> "Justin Trudeau"". */
  changes: string[];
  /** The records left as they were: "event trump-macron-brussels-meeting". */
  unchanged: string[];
  /** Lines left out of changes and unchanged, past MAX_LISTED each: the counts are always whole. */
  unlisted: number;
  /** What was taken in Chronicle's own way, or left: a dump's history not restored into a database that had records. */
  warnings: string[];
  /** The events created and changed, for live updates: the first MAX_ANNOUNCED; `more` when there were others. */
  changedEvents: { created: string[]; updated: string[]; more: boolean };
}

/** Events a report names at most for live updates; past them, a subscriber is told to read again. */
export const MAX_ANNOUNCED = 1_000;

function noteChangedEvents(report: WriteReport, kind: 'created' | 'updated', ids: string[]): void {
  const { changedEvents } = report;
  const room = MAX_ANNOUNCED - changedEvents.created.length - changedEvents.updated.length;
  changedEvents[kind].push(...ids.slice(0, Math.max(0, room)));
  if (ids.length > room) changedEvents.more = true;
}

/** Lines a report lists at most, of changes and of unchanged records each. */
export const MAX_LISTED = 1_000;

function list(report: WriteReport, lines: string[], more: string[]): void {
  const room = Math.max(0, MAX_LISTED - lines.length);
  for (const line of more.slice(0, room)) lines.push(line);
  report.unlisted += Math.max(0, more.length - room);
}

const tally = (): Tally => ({ created: 0, updated: 0, unchanged: 0 });
const when = (iso: string | undefined) => (iso ? new Date(iso) : undefined);
const stamps = (r: { createdAt?: string; updatedAt?: string }) => ({
  ...(r.createdAt ? { createdAt: new Date(r.createdAt) } : {}),
  ...(r.updatedAt ? { updatedAt: new Date(r.updatedAt) } : {}),
});

/** Changed fields as a report says them: "field old -> new". */
const described = (changes: FieldChanges) =>
  Object.entries(changes).map(([key, { before, after }]) => `${key} ${canonicalJson(before)} -> ${canonicalJson(after)}`);

/** Lists compared as sets of keys: what to add and what to remove. */
function setChanges(current: string[], next: string[]): { added: string[]; removed: string[] } {
  const now = new Set(current);
  const wanted = new Set(next);
  return { added: next.filter((k) => !now.has(k)), removed: current.filter((k) => !wanted.has(k)) };
}

class DryRun extends Error {
  constructor(readonly report: WriteReport) {
    super('dry run');
  }
}

/**
 * What this write did to each actor it wrote: an import's batches may give an actor again, with
 * another spelling of its name found since, and the report counts each actor once.
 */
type ActorsWritten = Map<string, keyof Tally>;

/** Returns the ids of the existing actors it changed, whose events' search text mentions them. */
async function writeActors(tx: Tx, actors: ActorRecord[], report: WriteReport, log: ChangeLog, written: ActorsWritten): Promise<string[]> {
  const changedIds: string[] = [];
  const known = await knownIds(
    tx,
    'actor',
    actors.map((a) => a.slug),
  );
  const existing = new Map(
    (known.length
      ? await tx.actor.findMany({ where: { id: { in: known } }, include: { affiliations: { include: { organisation: { select: { slug: true } } } } } })
      : []
    ).map((a) => [a.slug, a]),
  );
  const fields = (a: ActorRecord) => ({ name: a.name, kind: a.kind, description: a.description ?? null, aliases: a.aliases, externalIds: a.externalIds });
  const missing = actors.filter((a) => !existing.has(a.slug));
  await insertNewActors(tx, missing, log.revisionOf);
  await endRedirects(
    tx,
    'actor',
    missing.map((a) => a.slug),
  );
  for (const a of missing) written.set(a.slug, 'created');
  report.actors.created += missing.length;
  list(
    report,
    report.changes,
    missing.map((a) => `actor ${a.slug}: created`),
  );
  const ids = await idsOf(tx, 'actor', [...actors.map((a) => a.slug), ...actors.flatMap((a) => a.affiliations.map((f) => f.organisation))]);
  await log.created(
    tx,
    'ACTOR',
    missing.map((a) => ids.get(a.slug)!),
  );
  const revisions: RevisionRow[] = [];

  for (const actor of actors) {
    const found = existing.get(actor.slug);
    const actorId = ids.get(actor.slug)!;
    const changed = found ? differences(found, fields(actor)) : {};
    const lines = described(changed);
    // Affiliations: by organisation and role; their dates may change.
    const key = (organisation: string, role: string) => `${organisation} ${role}`;
    const current = new Map((found?.affiliations ?? []).map((f) => [key(f.organisation.slug, f.role), f]));
    const wanted = new Map(actor.affiliations.map((f) => [key(f.organisation, f.role), f]));
    const datesOf = (f: { start?: string | undefined; end?: string | undefined }) => ({
      startEdtf: f.start ? parseEdtf(f.start).edtf : null,
      endEdtf: f.end ? parseEdtf(f.end).edtf : null,
    });
    for (const [k, f] of wanted) {
      const dates = datesOf(f);
      const had = current.get(k);
      if (!had) {
        await tx.affiliation.create({ data: { actorId, organisationId: ids.get(f.organisation)!, role: f.role, ...dates, ...stamps(f) } });
        if (found) lines.push(`affiliation ${k} added`);
      } else if (Object.keys(differences(had, dates)).length) {
        await tx.affiliation.update({ where: { id: had.id }, data: { ...dates, ...(f.updatedAt ? { updatedAt: new Date(f.updatedAt) } : {}) } });
        lines.push(`affiliation ${k}: ${described(differences(had, dates)).join(', ')}`);
      }
    }
    const gone = [...current].filter(([k]) => !wanted.has(k));
    if (gone.length) {
      await tx.affiliation.deleteMany({ where: { id: { in: gone.map(([, f]) => f.id) } } });
      lines.push(...gone.map(([k]) => `affiliation ${k} removed`));
    }
    if (!found) continue;
    const before = written.get(actor.slug);
    if (lines.length === 0) {
      if (before) continue;
      written.set(actor.slug, 'unchanged');
      report.actors.unchanged += 1;
      list(report, report.unchanged, [`actor ${actor.slug}`]);
      continue;
    }
    if (before === 'created') {
      // Created by this change: its creation is the revision, with the record as the change leaves it.
      await tx.actor.update({ where: { id: actorId }, data: fields(actor) });
      changedIds.push(actorId);
      continue;
    }
    if (lines.length > Object.keys(changed).length) {
      changed.affiliations = {
        before: found.affiliations.map((f) => ({ organisation: f.organisation.slug, role: f.role, startEdtf: f.startEdtf, endEdtf: f.endEdtf })),
        after: actor.affiliations.map((f) => ({ organisation: f.organisation, role: f.role, ...datesOf(f) })),
      };
    }
    const { revision } = await tx.actor.update({
      where: { id: actorId },
      data: { ...fields(actor), revision: { increment: 1 }, updatedAt: when(actor.updatedAt) ?? new Date() },
      select: { revision: true },
    });
    revisions.push({ recordId: actorId, number: revision, fields: changed });
    changedIds.push(actorId);
    if (before === 'unchanged') {
      report.actors.unchanged -= 1;
      const listed = report.unchanged.indexOf(`actor ${actor.slug}`);
      if (listed >= 0) report.unchanged.splice(listed, 1);
    }
    if (before !== 'updated') report.actors.updated += 1;
    written.set(actor.slug, 'updated');
    list(report, report.changes, [`actor ${actor.slug}: ${lines.join('; ')}`]);
  }
  await log.updated(tx, 'ACTOR', revisions);
  return changedIds;
}

async function writeSources(tx: Tx, sources: SourceRecord[], report: WriteReport, log: ChangeLog): Promise<void> {
  const known = await knownIds(
    tx,
    'source',
    sources.map((s) => s.slug),
  );
  const existing = new Map(
    (known.length
      ? await tx.source.findMany({ where: { id: { in: known } }, include: { publisher: { select: { slug: true } }, basedOn: { select: { slug: true } } } })
      : []
    ).map((s) => [s.slug, s]),
  );
  const publishers = await idsOf(
    tx,
    'actor',
    sources.flatMap((s) => (s.publisher ? [s.publisher] : [])),
  );
  const fields = (s: SourceRecord) => ({
    kind: s.kind,
    title: s.title,
    author: s.author ?? null,
    url: s.url ?? null,
    reliability: s.reliability,
    notes: s.notes ?? null,
    publishedEdtf: s.published ? parseEdtf(s.published).edtf : null,
    retrievedEdtf: s.retrieved ? parseEdtf(s.retrieved).edtf : null,
  });
  const columns = (s: SourceRecord) => ({
    ...fields(s),
    onRecordAt: onRecordAt(s.published, s.retrieved),
    publisherId: s.publisher ? publishers.get(s.publisher)! : null,
  });
  const missing = sources.filter((s) => !existing.has(s.slug));
  await insertNewSources(
    tx,
    missing.map((s) => ({ slug: s.slug, ...columns(s), createdAt: s.createdAt, updatedAt: s.updatedAt, revision: log.revisionOf(s), retiredAt: s.retiredAt })),
  );
  await endRedirects(
    tx,
    'source',
    missing.map((s) => s.slug),
  );
  report.sources.created += missing.length;
  list(
    report,
    report.changes,
    missing.map((s) => `source ${s.slug}: created`),
  );
  const ids = await idsOf(tx, 'source', [...sources.map((s) => s.slug), ...sources.flatMap((s) => s.basedOn)]);
  await log.created(
    tx,
    'SOURCE',
    missing.map((s) => ids.get(s.slug)!),
  );
  const revisions: RevisionRow[] = [];

  for (const source of sources) {
    const found = existing.get(source.slug);
    const basis = setChanges(found?.basedOn.map((b) => b.slug).sort() ?? [], [...source.basedOn].sort());
    const basedOn = basis.added.length || basis.removed.length ? { basedOn: { set: source.basedOn.map((b) => ({ id: ids.get(b)! })) } } : {};
    if (!found) {
      // A new source's basis can only be linked once every source of the set exists.
      if (source.basedOn.length) await tx.source.update({ where: { id: ids.get(source.slug)! }, data: { ...basedOn, updatedAt: when(source.updatedAt) } });
      continue;
    }
    const changed = differences({ ...found, publisher: found.publisher?.slug }, { ...fields(source), publisher: source.publisher });
    if (basedOn.basedOn) changed.basedOn = { before: found.basedOn.map((b) => b.slug), after: source.basedOn };
    if (Object.keys(changed).length === 0) {
      report.sources.unchanged += 1;
      list(report, report.unchanged, [`source ${source.slug}`]);
      continue;
    }
    const { revision } = await tx.source.update({
      where: { id: found.id },
      data: { ...columns(source), ...basedOn, revision: { increment: 1 }, updatedAt: when(source.updatedAt) ?? new Date() },
      select: { revision: true },
    });
    revisions.push({ recordId: found.id, number: revision, fields: changed });
    report.sources.updated += 1;
    list(report, report.changes, [`source ${source.slug}: ${described(changed).join('; ')}`]);
  }
  await log.updated(tx, 'SOURCE', revisions);
  const relying = sources.filter((s) => s.basedOn.length > 0).map((s) => ids.get(s.slug)!);
  if (relying.length > 0) await refuseBasisCycle(tx, relying);
}

/**
 * A source based, even through others, on itself would let a claim stand as its own evidence.
 * Looked for in the database as written (the set's sources and those already there), from each
 * source the set gives a basis; the transaction then rolls back.
 */
async function refuseBasisCycle(tx: Tx, from: string[]): Promise<void> {
  const [cycle] = await queryRows(
    tx,
    z.object({ slugs: z.array(z.string()) }),
    Prisma.sql`
    WITH RECURSIVE walk(start, at, path) AS (
      SELECT b."A", b."B", ARRAY[b."A", b."B"] FROM "_SourceBasis" b WHERE b."A" = ANY(${from}::uuid[])
      UNION ALL
      SELECT w.start, b."B", w.path || b."B"
        FROM walk w JOIN "_SourceBasis" b ON b."A" = w.at
       WHERE w.at <> w.start AND NOT (b."B" = ANY(w.path[2:]))
    )
    SELECT array(SELECT s.slug FROM unnest(w.path) WITH ORDINALITY AS p(id, n) JOIN "Source" s ON s.id = p.id ORDER BY p.n) AS slugs
      FROM walk w WHERE w.at = w.start LIMIT 1`,
  );
  if (cycle) {
    throw new ImportValidationError(
      [`sources rely on each other in a circle: ${cycle.slugs.join(' -> ')}; a source cannot be based, even through others, on itself`],
      1,
    );
  }
}

/** How the writer reads a record set. */
export type { ChangeAuthor };

export interface WriteOptions {
  change: ChangeAuthor;
  dryRun?: boolean;
  /**
   * The records list only some of each event's participants and citations (an event list, which
   * an export may have filtered with knownBy): those they leave out are kept, never removed.
   */
  additive?: boolean;
  /** Writes of the caller's own after the records', in the same transaction and change (a merge retires the merged record). */
  finish?: (tx: Tx, log: ChangeLog) => Promise<void>;
  /** How long the transaction may run (WRITE_MINUTES by default), and the setting that says so. */
  timeout?: { minutes: number; setting: string };
}

/** How long a write may run by default: an edit, or an import a server takes, needs seconds. */
const WRITE_MINUTES = 30;

/** A write that ran longer than its transaction may: rolled back, nothing written. */
export class WriteTimedOut extends Error {
  constructor(minutes: number, setting: string | undefined) {
    super(
      `the write ran longer than the ${minutes} minutes its transaction may take and was rolled back: nothing was written${setting ? `. Set ${setting} higher (or import into PostgreSQL, which is faster) and run it again` : ''}`,
    );
  }
}

async function writeEvents(tx: Tx, events: EventRecord[], report: WriteReport, additive: boolean, log: ChangeLog): Promise<string[]> {
  const known = await knownIds(
    tx,
    'event',
    events.map((e) => e.slug),
  );
  const existing = new Map((known.length ? await tx.event.findMany({ where: { id: { in: known } }, include: storedEvent }) : []).map((e) => [e.slug, e]));
  const fields = eventColumns;
  const missing = events.filter((e) => !existing.has(e.slug));
  // New events' ids are for the search refresh: every record of theirs is new.
  const touched = await insertNewEvents(tx, missing, log.revisionOf);
  await log.created(tx, 'EVENT', touched);
  noteChangedEvents(report, 'created', touched);
  await endRedirects(
    tx,
    'event',
    missing.map((e) => e.slug),
  );
  report.events.created += missing.length;
  list(
    report,
    report.changes,
    missing.map((e) => `event ${e.slug}: created`),
  );
  const changing = events.filter((e) => existing.has(e.slug));
  const eventIds = await idsOf(tx, 'event', [...changing.map((e) => e.slug), ...changing.flatMap((e) => e.relations.map((r) => r.event))]);
  const actorIds = await idsOf(
    tx,
    'actor',
    changing.flatMap((e) => e.participants.map((p) => p.actor)),
  );
  const sourceIds = await idsOf(
    tx,
    'source',
    changing.flatMap((e) => e.citations.map((c) => c.source)),
  );
  const citationFields = citationColumns;
  const placeIds = await idsOf(
    tx,
    'place',
    changing.flatMap((e) => (e.location ? [e.location] : [])),
  );
  const created = (r: { createdAt?: string }) => (r.createdAt ? { createdAt: new Date(r.createdAt) } : {});
  const revisions: RevisionRow[] = [];

  for (const event of changing) {
    const found = existing.get(event.slug)!;
    const eventId = eventIds.get(event.slug)!;
    const changed = differences(found, fields(event));
    const lines = described(changed);
    // Where it happened, by the place's slug (its id is this database's own).
    const locationBefore = found.location?.slug ?? null;
    const location = event.location ?? null;
    if (locationBefore !== location) {
      changed.location = { before: locationBefore, after: location };
      lines.push(`location ${canonicalJson(locationBefore)} -> ${canonicalJson(location)}`);
    }

    const participantsBefore = found.participants.map((p) => ({ role: p.role, actor: p.actor.slug }));
    const participants = setChanges(
      participantsBefore.map((p) => `${p.role} ${p.actor}`),
      event.participants.map((p) => `${p.role} ${p.actor}`),
    );
    if (additive) participants.removed = [];
    if (participants.removed.length) {
      await tx.participation.deleteMany({
        where: { id: { in: found.participants.filter((p) => participants.removed.includes(`${p.role} ${p.actor.slug}`)).map((p) => p.id) } },
      });
    }
    const newParticipants = event.participants.filter((p) => participants.added.includes(`${p.role} ${p.actor}`));
    if (newParticipants.length) {
      await tx.participation.createMany({ data: newParticipants.map((p) => ({ eventId, actorId: actorIds.get(p.actor)!, role: p.role, ...created(p) })) });
    }
    if (participants.added.length || participants.removed.length) {
      lines.push(`participants +${canonicalJson(participants.added)} -${canonicalJson(participants.removed)}`);
      changed.participants = {
        before: participantsBefore,
        after: [
          ...participantsBefore.filter((p) => !participants.removed.includes(`${p.role} ${p.actor}`)),
          ...newParticipants.map((p) => ({ role: p.role, actor: p.actor })),
        ],
      };
    }

    const citationsBefore = found.citations.map(storedCitation);
    const citationsAfter = new Map(citationsBefore.map((c) => [c.source, c]));
    const currentCitations = new Map(found.citations.map((c) => [c.source.slug, c]));
    for (const citation of event.citations) {
      const had = currentCitations.get(citation.source);
      if (!had) {
        await tx.citation.create({ data: { eventId, sourceId: sourceIds.get(citation.source)!, ...citationFields(citation), ...stamps(citation) } });
        lines.push(`citation of ${citation.source} added`);
      } else if (Object.keys(differences(had, citationFields(citation))).length) {
        lines.push(`citation of ${citation.source}: ${described(differences(had, citationFields(citation))).join(', ')}`);
        await tx.citation.update({ where: { id: had.id }, data: { ...citationFields(citation), updatedAt: when(citation.updatedAt) ?? new Date() } });
      } else {
        continue;
      }
      citationsAfter.set(citation.source, { source: citation.source, ...citationFields(citation) });
    }
    const uncited = additive ? [] : [...currentCitations.values()].filter((c) => !event.citations.some((w) => w.source === c.source.slug));
    if (uncited.length) {
      await tx.citation.deleteMany({ where: { id: { in: uncited.map((c) => c.id) } } });
      lines.push(...uncited.map((c) => `citation of ${c.source.slug} removed`));
      for (const c of uncited) citationsAfter.delete(c.source.slug);
    }
    if (canonicalJson(citationsBefore) !== canonicalJson([...citationsAfter.values()]))
      changed.citations = { before: citationsBefore, after: [...citationsAfter.values()] };

    const relationsBefore = found.relationsFrom.map((r) => ({ kind: r.kind, event: r.to.slug }));
    const relations = setChanges(
      relationsBefore.map((r) => `${r.kind} ${r.event}`),
      event.relations.map((r) => `${r.kind} ${r.event}`),
    );
    if (relations.removed.length) {
      await tx.eventRelation.deleteMany({
        where: { id: { in: found.relationsFrom.filter((r) => relations.removed.includes(`${r.kind} ${r.to.slug}`)).map((r) => r.id) } },
      });
    }
    const newRelations = event.relations.filter((r) => relations.added.includes(`${r.kind} ${r.event}`));
    if (newRelations.length) {
      await tx.eventRelation.createMany({ data: newRelations.map((r) => ({ fromId: eventId, toId: eventIds.get(r.event)!, kind: r.kind, ...created(r) })) });
    }
    if (relations.added.length || relations.removed.length) {
      lines.push(`relations +${canonicalJson(relations.added)} -${canonicalJson(relations.removed)}`);
      changed.relations = { before: relationsBefore, after: event.relations.map((r) => ({ kind: r.kind, event: r.event })) };
    }

    if (lines.length === 0) {
      report.events.unchanged += 1;
      list(report, report.unchanged, [`event ${event.slug}`]);
      continue;
    }
    // A change to an event's participants or citations is a change to the event.
    const { revision } = await tx.event.update({
      where: { id: eventId },
      data: {
        ...fields(event),
        locationId: location ? placeIds.get(location)! : null,
        ...eventTimeOf(event.date),
        revision: { increment: 1 },
        updatedAt: when(event.updatedAt) ?? new Date(),
      },
      select: { revision: true },
    });
    revisions.push({ recordId: eventId, number: revision, fields: changed });
    touched.push(eventId);
    report.events.updated += 1;
    list(report, report.changes, [`event ${event.slug}: ${lines.join('; ')}`]);
  }
  await log.updated(tx, 'EVENT', revisions);
  await checkSourced(
    tx,
    missing,
    revisions.map((r) => r.recordId),
  );
  noteChangedEvents(
    report,
    'updated',
    revisions.map((r) => r.recordId),
  );
  return touched;
}

/** Old slugs of renamed records, pointing at the records now. */
async function writeRedirects(tx: Tx, redirects: RedirectRecord[], report: WriteReport): Promise<void> {
  const model = { EVENT: 'event', ACTOR: 'actor', SOURCE: 'source' } as const;
  for (const kind of ['EVENT', 'ACTOR', 'SOURCE'] as const) {
    const mine = redirects.filter((r) => r.kind === kind);
    const ids = await idsOf(tx, model[kind], [...mine.map((r) => r.target), ...mine.flatMap((r) => (r.mergedFrom ? [r.mergedFrom] : []))]);
    for (const r of mine) {
      const targetId = ids.get(r.target)!;
      const mergedFromId = r.mergedFrom ? ids.get(r.mergedFrom)! : null;
      const found = await tx.slugRedirect.findUnique({ where: { kind_slug: { kind, slug: r.slug } } });
      if (found?.targetId === targetId && found.mergedFromId === mergedFromId) continue;
      await tx.slugRedirect.upsert({
        where: { kind_slug: { kind, slug: r.slug } },
        create: { kind, slug: r.slug, targetId, mergedFromId, ...(r.createdAt ? { createdAt: new Date(r.createdAt) } : {}) },
        update: { targetId, mergedFromId },
      });
      list(report, report.changes, [`redirect ${model[kind]} ${r.slug} -> ${r.target}`]);
    }
  }
}

/**
 * The events written keep unsourcedRule (record-schemas.ts): a new one as its record says; a
 * changed one as it now stands, since an event list adds citations to those the database has.
 */
async function checkSourced(tx: Tx, created: EventRecord[], changedIds: string[]): Promise<void> {
  const problems = created.flatMap((e) => {
    const problem = unsourcedRule(e.unsourced, e.citations.length);
    return problem ? [`event ${e.slug}: ${problem.message}`] : [];
  });
  if (problems.length) throw new ImportValidationError(problems.slice(0, MAX_REPORTED_ERRORS), problems.length);
  if (changedIds.length === 0) return;
  const wrong = await queryRows(
    tx,
    z.object({ slug: z.string(), unsourced: z.boolean(), total: z.coerce.number() }),
    Prisma.sql`
    SELECT e.slug, e.unsourced, count(*) OVER () AS total FROM "Event" e
     WHERE e.id = ANY(${changedIds}::uuid[]) AND e.unsourced = EXISTS (SELECT 1 FROM "Citation" c WHERE c."eventId" = e.id)
     ORDER BY e.slug LIMIT ${MAX_REPORTED_ERRORS}`,
  );
  if (wrong.length) {
    throw new ImportValidationError(
      wrong.map((e) => `event ${e.slug}: ${unsourcedRule(e.unsourced, e.unsourced ? 1 : 0)!.message}`),
      wrong[0]!.total,
    );
  }
}

/** Events written from which the planner's statistics are refreshed (again at each doubling). */
const ANALYZE_AFTER = 1_000;

/** Events with the actors and sources they name first, written before them. */
export interface RecordBatch {
  actors: ActorRecord[];
  sources: SourceRecord[];
  events: EventRecord[];
  /** The places these events are at (an event list's, inline with its events). */
  places?: PlaceRecord[];
}

/**
 * Records to write: the events as one list, or in batches read as they are written, each alone or
 * with the actors and sources it names first.
 */
export interface WritableRecords extends Omit<RecordSet, 'events'> {
  events: EventRecord[] | AsyncIterable<EventRecord[] | RecordBatch>;
}

const asBatch = (events: EventRecord[] | RecordBatch): RecordBatch => (Array.isArray(events) ? { actors: [], sources: [], events } : events);

/**
 * Records of types, or in roles, that no term has: refused before anything is written (the
 * database would refuse them too, in its own words). Imports and edits check earlier, by row or
 * field; this holds for every writer.
 */
function refuseUnknownTerms(terms: Set<string>, records: Pick<RecordSet, 'sources' | 'events'>): void {
  const problems = [
    ...records.sources.map((s) => [`source "${s.slug}", field kind`, unknownTermProblem(terms, 'SOURCE_TYPE', s.kind)] as const),
    ...records.events.flatMap((e) => [
      [`event "${e.slug}", field kind`, unknownTermProblem(terms, 'EVENT_TYPE', e.kind)] as const,
      ...e.participants.map((p) => [`event "${e.slug}", field participants.role`, unknownTermProblem(terms, 'ROLE_TYPE', p.role)] as const),
    ]),
  ].flatMap(([where, problem]) => (problem ? [`${where}: ${problem}`] : []));
  if (problems.length)
    throw new ImportValidationError(problems.slice(0, MAX_REPORTED_ERRORS), problems.length, Math.max(0, problems.length - MAX_REPORTED_ERRORS));
}

/** A vocabulary a file would make circular is one of its problems. */
function asImportProblem(error: unknown): never {
  throw error instanceof TermCycleError ? new ImportValidationError([error.message], 1) : error;
}

async function holdsNoRecords(tx: Tx): Promise<boolean> {
  const [row] = await queryRows(
    tx,
    z.object({ any: z.boolean() }),
    Prisma.sql`SELECT EXISTS (SELECT 1 FROM "Actor") OR EXISTS (SELECT 1 FROM "Source") OR EXISTS (SELECT 1 FROM "Event") AS any`,
  );
  return !row!.any;
}

/**
 * Writes a validated record set in one transaction; with dryRun, reports and rolls back. The set
 * may be made inside the transaction, from what the database holds then.
 */
export async function writeRecords(
  client: PrismaClient,
  records: WritableRecords | ((tx: Tx) => Promise<WritableRecords>),
  options: WriteOptions,
): Promise<WriteReport> {
  const report: WriteReport = {
    actors: tally(),
    sources: tally(),
    events: tally(),
    timelines: tally(),
    changes: [],
    unchanged: [],
    unlisted: 0,
    warnings: [],
    changedEvents: { created: [], updated: [], more: false },
  };
  try {
    await client.$transaction(
      async (tx) => {
        await takeWriteLock(tx);
        // The search triggers would refresh an event once per row written; refresh each once instead.
        await tx.$executeRaw`SELECT set_config('chronicle.defer_search', 'on', true)`;
        let set: WritableRecords | undefined = typeof records === 'function' ? await records(tx) : records;
        const { events, redirects = [], changes = [], revisions = [], timelines = [] } = set;
        // A dump's history is the record of how its records came to be: restored as it was into a
        // database that has no records yet, in place of a change of its own. Into one that has
        // records, their numbering would clash: the import is then one change, like any other.
        const restoring = changes.length > 0 && (await holdsNoRecords(tx));
        if (changes.length > 0 && !restoring) {
          report.warnings.push(
            `the file's revision history (${changes.length} changes) was not restored: the database already held records; the import is kept as one change`,
          );
        }
        const log = restoring ? ChangeLog.none() : await ChangeLog.start(tx, options.change);
        // The terms first: the records may be of types, or in roles, the file adds.
        if (set.terms?.length) await writeTerms(tx, set.terms).catch(asImportProblem);
        const terms = await allTermKeys(tx);
        if (set.places?.length) await writePlaces(tx, set.places, log);
        const actorsWritten: ActorsWritten = new Map();
        const actorsChanged = await writeActors(tx, set.actors, report, log, actorsWritten);
        refuseUnknownTerms(terms, { sources: set.sources, events: [] });
        await writeSources(tx, set.sources, report, log);
        // Written: a large import's events need only their ids, not 100,000 sources held meanwhile.
        set = undefined;
        // Events in batches, each refreshed in the search as it is written: memory follows a batch,
        // not the file.
        let written = 0;
        let analyzedAt = 0;
        for await (const given of Array.isArray(events) ? [events] : events) {
          const batch = asBatch(given);
          refuseUnknownTerms(terms, batch);
          if (batch.places?.length) await writePlaces(tx, batch.places, log);
          if (batch.actors.length) actorsChanged.push(...(await writeActors(tx, batch.actors, report, log, actorsWritten)));
          if (batch.sources.length) await writeSources(tx, batch.sources, report, log);
          if (batch.events.length === 0) continue;
          const touched = await writeEvents(tx, batch.events, report, options.additive ?? false, log);
          written += batch.events.length;
          // Tables grown in this transaction have no statistics the planner can use (autovacuum
          // cannot see them yet): without them, the refresh reads whole tables for each event.
          if (written >= ANALYZE_AFTER && written >= 2 * analyzedAt) {
            await tx.$executeRaw`ANALYZE "Event", "Participation", "Citation", "Actor", "Source"`;
            analyzedAt = written;
          }
          await tx.$executeRaw`SELECT chronicle_refresh_event_searches(${touched}::uuid[])`;
        }
        // Timelines last of the records: they hold events, new ones included.
        if (timelines.length) report.timelines = await writeTimelines(tx, timelines, log);
        await writeRedirects(tx, redirects, report);
        if (restoring) await ChangeLog.restore(tx, changes, revisions);
        // Events that name an actor whose name changed hold that name in their search text.
        await tx.$executeRaw`
        SELECT chronicle_refresh_event_searches(array(SELECT DISTINCT "eventId" FROM "Participation" WHERE "actorId" = ANY(${actorsChanged}::uuid[])))`;
        await tx.$executeRaw`SELECT set_config('chronicle.defer_search', 'off', true)`;
        await options.finish?.(tx, log);
        await log.end(tx);
        if (options.dryRun) throw new DryRun(report);
      },
      { timeout: (options.timeout?.minutes ?? WRITE_MINUTES) * 60_000, maxWait: 60_000 },
    );
  } catch (error) {
    if (error instanceof DryRun) return error.report;
    // Prisma's word for a transaction past its timeout, whatever statement met it.
    if ((error as { code?: string }).code === 'P2028' && /expired transaction/.test((error as Error).message)) {
      throw new WriteTimedOut(options.timeout?.minutes ?? WRITE_MINUTES, options.timeout?.setting);
    }
    throw error;
  }
  return report;
}
