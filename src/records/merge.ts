// Merging two actors (or two sources) that turn out to be the same: every record that names the
// merged one names the survivor instead, the survivor takes what only the merged one said (its
// name as an alias, external ids, a description...), and the merged record is retired under a
// slug of its own while its old slug redirects to the survivor. All of it is one change, written
// by the one record writer, so each record it touched has a revision; unmergeRecord undoes it.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { ChangeAuthor, ChangeLog } from './change-log.js';
import { InvalidInput } from './edit-errors.js';
import { asRecordValue, type EditableModel, freeSlug, parsedRecord, readAtRevision, recordOf, type Stored, writeEdit } from './record-edits.js';
import type { ActorRecord, EventRecord, SourceRecord } from './record-schemas.js';
import type { WritableRecords, WriteReport } from './record-writer.js';
import { storedActor, storedEvent, storedSource } from './stored-records.js';

type Tx = Prisma.TransactionClient;
export type MergeableModel = 'actor' | 'source';

const KIND = { event: 'EVENT', actor: 'ACTOR', source: 'SOURCE' } as const;
/** Events rewritten (or restored) at a time: an actor may take part in thousands. */
const BATCH = 500;

const unique = <T>(values: T[]) => [...new Set(values)];
/** The first of each key, in order. */
const firstBy = <T>(values: T[], key: (value: T) => string) => {
  const seen = new Map<string, T>();
  for (const v of values) if (!seen.has(key(v))) seen.set(key(v), v);
  return [...seen.values()];
};

/** One side of a merge: the record, and the revision the editor read it at. */
export interface MergeSide {
  id: string;
  basedOnRevision: number;
}

/** Events that name a record, read in batches by id (retired ones too: reinstated, they must name the survivor). */
async function* eventsNaming(tx: Tx, model: MergeableModel, id: string): AsyncGenerator<Prisma.EventGetPayload<{ include: typeof storedEvent }>[]> {
  const where = model === 'actor' ? { participants: { some: { actorId: id } } } : { citations: { some: { sourceId: id } } };
  let after: string | undefined;
  for (;;) {
    const batch = await tx.event.findMany({
      where: { ...where, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: 'asc' },
      take: BATCH,
      include: storedEvent,
    });
    if (batch.length === 0) return;
    yield batch;
    after = batch.at(-1)!.id;
  }
}

/** An event as it reads with `from` replaced by `into`: a participant or citation named twice is kept once, the survivor's first. */
function eventNaming(model: MergeableModel, event: EventRecord, from: string, into: string): EventRecord {
  if (model === 'actor') {
    const participants = event.participants.map((p) => (p.actor === from ? { ...p, actor: into } : p));
    return { ...event, participants: firstBy(participants, (p) => `${p.actor} ${p.role}`) };
  }
  const kept = event.citations.find((c) => c.source === into);
  const moved = event.citations.find((c) => c.source === from)!;
  // Both cited: the survivor's citation stays, its gaps filled from the merged one's.
  const citations = kept
    ? event.citations
        .filter((c) => c.source !== from)
        .map((c) => (c === kept ? { ...moved, ...Object.fromEntries(Object.entries(kept).filter(([, v]) => v !== undefined)), source: into } : c))
    : event.citations.map((c) => (c.source === from ? { ...c, source: into } : c));
  return { ...event, citations };
}

/** The survivor as it reads after the merge: what only the merged record said is kept. */
function survivorOf(model: MergeableModel, into: Record<string, unknown>, from: Record<string, unknown>): Record<string, unknown> {
  const filled = Object.fromEntries(Object.entries(from).filter(([key]) => into[key] === undefined));
  if (model === 'actor') {
    const a = into as ActorRecord;
    const f = from as ActorRecord;
    return {
      ...filled,
      ...into,
      aliases: unique([...(a.aliases ?? []), f.name, ...(f.aliases ?? [])]).filter((alias) => alias !== a.name),
      externalIds: { ...(f.externalIds ?? {}), ...(a.externalIds ?? {}) },
      affiliations: firstBy(
        [...(a.affiliations ?? []), ...(f.affiliations ?? [])]
          .map((x) => (x.organisation === f.slug ? { ...x, organisation: a.slug } : x))
          .filter((x) => x.organisation !== a.slug),
        (x) => `${x.organisation} ${x.role}`,
      ),
    };
  }
  const s = into as SourceRecord;
  const f = from as SourceRecord;
  return {
    ...filled,
    ...into,
    slug: s.slug,
    basedOn: unique([...(s.basedOn ?? []), ...(f.basedOn ?? [])]).filter((b) => b !== s.slug && b !== f.slug),
  };
}

/** The actors and sources other than the two that name the merged one, as they read after it. */
async function othersNaming(tx: Tx, model: MergeableModel, fromId: string, from: string, into: string, skip: string[]) {
  const actors: Record<string, unknown>[] = [];
  const sources: Record<string, unknown>[] = [];
  const not = { id: { notIn: skip } };
  if (model === 'actor') {
    for (const a of await tx.actor.findMany({ where: { ...not, affiliations: { some: { organisationId: fromId } } }, include: storedActor })) {
      const record = recordOf('actor', a) as ActorRecord;
      actors.push({
        ...record,
        affiliations: firstBy(
          record.affiliations.map((x) => (x.organisation === from ? { ...x, organisation: into } : x)).filter((x) => x.organisation !== record.slug),
          (x) => `${x.organisation} ${x.role}`,
        ),
      });
    }
    for (const s of await tx.source.findMany({ where: { ...not, publisherId: fromId }, include: storedSource })) {
      sources.push({ ...recordOf('source', s), publisher: into });
    }
  } else {
    for (const s of await tx.source.findMany({ where: { ...not, basedOn: { some: { id: fromId } } }, include: storedSource })) {
      const record = recordOf('source', s) as SourceRecord;
      sources.push({ ...record, basedOn: unique(record.basedOn.map((b) => (b === from ? into : b))).filter((b) => b !== record.slug) });
    }
  }
  return { actors, sources };
}

/** Records of the model that still name `id`: none may, once a merge has moved them. */
async function stillNaming(tx: Tx, model: MergeableModel, id: string): Promise<number> {
  if (model === 'actor') {
    return (
      (await tx.participation.count({ where: { actorId: id } })) +
      (await tx.source.count({ where: { publisherId: id } })) +
      (await tx.affiliation.count({ where: { OR: [{ organisationId: id }, { actorId: id }] } }))
    );
  }
  return (await tx.citation.count({ where: { sourceId: id } })) + (await tx.source.count({ where: { basedOn: { some: { id } } } }));
}

type Delegate = {
  update(args: { where: { id: string }; data: object; select: { revision: true } }): Promise<{ revision: number }>;
};

/**
 * Merges `from` into `into`, both at the revisions the editor read. The merged record keeps its
 * history, retired under `<slug>-merged`; its slug (and any it was renamed from) leads to the survivor.
 */
export async function mergeRecords(db: PrismaClient, model: MergeableModel, author: ChangeAuthor, from: MergeSide, into: MergeSide): Promise<WriteReport> {
  if (from.id === into.id) throw new InvalidInput([{ field: 'from', message: `is the ${model} to merge into; name two different ${model}s` }]);
  let merged: Stored | undefined;
  let survivor: Stored | undefined;
  const records = async (tx: Tx): Promise<WritableRecords> => {
    merged = await readAtRevision(tx, model, from.id, from.basedOnRevision);
    survivor = await readAtRevision(tx, model, into.id, into.basedOnRevision);
    for (const [field, record] of [
      ['from', merged],
      ['into', survivor],
    ] as const) {
      if (record.retiredAt) throw new InvalidInput([{ field, message: `the ${model} "${record.slug}" is retired: reinstate it first` }]);
    }
    const fromRecord = recordOf(model, merged);
    const intoRecord = recordOf(model, survivor);
    if (model === 'actor' && fromRecord.kind !== intoRecord.kind) {
      throw new InvalidInput([
        { field: 'from', message: `is a ${String(fromRecord.kind)} and "${survivor.slug}" a ${String(intoRecord.kind)}: change the kind of one first` },
      ]);
    }
    const others = await othersNaming(tx, model, merged.id, merged.slug, survivor.slug, [merged.id, survivor.id]);
    const mergedSlug = merged.slug;
    const survivorSlug = survivor.slug;
    const self = parsedRecord(model, survivorOf(model, intoRecord, fromRecord));
    return {
      actors: [...(model === 'actor' ? [self] : []), ...others.actors.map((a) => parsedRecord('actor', a))] as ActorRecord[],
      sources: [...(model === 'source' ? [self] : []), ...others.sources.map((s) => parsedRecord('source', s))] as SourceRecord[],
      events: (async function* () {
        for await (const batch of eventsNaming(tx, model, merged!.id)) {
          yield batch.map((e) => eventNaming(model, parsedRecord('event', recordOf('event', e)) as EventRecord, mergedSlug, survivorSlug));
        }
      })(),
    };
  };
  const finish = async (tx: Tx, log: ChangeLog) => {
    const record = merged!;
    const target = survivor!;
    const left = await stillNaming(tx, model, record.id);
    if (left > 0) throw new Error(`${left} references to the merged ${model} were not moved`);
    const retiredSlug = await freeSlug(tx, model, `${record.slug}-merged`);
    const retiredAt = new Date();
    const { revision } = await (tx[model] as unknown as Delegate).update({
      where: { id: record.id },
      data: { slug: retiredSlug, retiredAt, revision: { increment: 1 } },
      select: { revision: true },
    });
    const fields = {
      slug: { before: record.slug, after: retiredSlug },
      retiredAt: { before: null, after: retiredAt.toISOString() },
      mergedInto: { before: null, after: target.slug },
    };
    await log.updated(tx, KIND[model], [{ recordId: record.id, number: revision, fields }], 'MERGED');
    // Its old slugs, and the one it had, lead to the survivor now.
    await tx.slugRedirect.updateMany({ where: { kind: KIND[model], targetId: record.id }, data: { targetId: target.id, mergedFromId: record.id } });
    await tx.slugRedirect.create({ data: { kind: KIND[model], slug: record.slug, targetId: target.id, mergedFromId: record.id } });
  };
  return writeEdit(db, records, author, finish);
}

interface MergeFields {
  slug: { before: string; after: string };
  mergedInto: { before: null; after: string };
}

/**
 * Undoes a merge: the merged record back under its slug, and every record the merge changed back
 * as it was before it, as a new change. Refused when one of them has changed since (undo that
 * first, or edit by hand), or when another record has taken the slug.
 */
export async function unmergeRecord(db: PrismaClient, model: MergeableModel, author: ChangeAuthor, id: string, basedOnRevision: number): Promise<WriteReport> {
  let merge: { slug: string; retiredSlug: string; into: string; changeId: string } | undefined;
  const records = async (tx: Tx): Promise<WritableRecords> => {
    const stored = await readAtRevision(tx, model, id, basedOnRevision);
    const last = await tx.revision.findUnique({ where: { recordKind_recordId_number: { recordKind: KIND[model], recordId: id, number: stored.revision } } });
    if (last?.action !== 'MERGED') {
      throw new InvalidInput([
        { field: 'id', message: `this ${model} was not merged into another, or has changed since: only a merge's last state can be undone` },
      ]);
    }
    const fields = last.fields as unknown as MergeFields;
    merge = { slug: fields.slug.before, retiredSlug: fields.slug.after, into: fields.mergedInto.after, changeId: last.changeId };
    const taken = await (tx[model] as unknown as { findUnique(a: object): Promise<{ id: string } | null> }).findUnique({
      where: { slug: merge.slug },
      select: { id: true },
    });
    if (taken) throw new InvalidInput([{ field: 'id', message: `another ${model} has the slug "${merge.slug}" now: rename it first` }]);
    const revised = await tx.revision.findMany({ where: { changeId: merge.changeId, NOT: { recordId: id } }, orderBy: { id: 'asc' } });
    const changedSince = await changedAfter(tx, revised);
    if (changedSince.length) {
      throw new InvalidInput([
        { field: 'id', message: `changed since the merge: ${changedSince.join(', ')}; undo or restore those changes first, then undo the merge` },
      ]);
    }
    // Back under its slug first: the records restored below name it.
    await (tx[model] as unknown as Delegate).update({
      where: { id },
      data: { slug: merge.slug, retiredAt: null, revision: { increment: 1 } },
      select: { revision: true },
    });
    await tx.slugRedirect.deleteMany({ where: { kind: KIND[model], slug: merge.slug, mergedFromId: id } });
    await tx.slugRedirect.updateMany({ where: { kind: KIND[model], mergedFromId: id }, data: { targetId: id, mergedFromId: null } });
    const before = async <M extends EditableModel>(kind: M, rows: typeof revised) => {
      const out: unknown[] = [];
      for (const row of rows) {
        const read = (await readAtRevision(tx, kind, row.recordId, row.number)) as unknown;
        const record = recordOf(kind, read);
        for (const [field, change] of Object.entries(row.fields as Record<string, { before: unknown }>)) record[field] = asRecordValue(change.before);
        out.push(parsedRecord(kind, record));
      }
      return out;
    };
    const of = (kind: 'EVENT' | 'ACTOR' | 'SOURCE') => revised.filter((r) => r.recordKind === kind);
    const actors = (await before('actor', of('ACTOR'))) as ActorRecord[];
    const sources = (await before('source', of('SOURCE'))) as SourceRecord[];
    const events = of('EVENT');
    return {
      actors,
      sources,
      events: (async function* () {
        for (let i = 0; i < events.length; i += BATCH) yield (await before('event', events.slice(i, i + BATCH))) as EventRecord[];
      })(),
    };
  };
  const finish = async (tx: Tx, log: ChangeLog) => {
    const { revision } = await (tx[model] as unknown as { findUniqueOrThrow(a: object): Promise<{ revision: number }> }).findUniqueOrThrow({
      where: { id },
      select: { revision: true },
    });
    const fields = {
      slug: { before: merge!.retiredSlug, after: merge!.slug },
      retiredAt: { before: 'merged', after: null },
      mergedInto: { before: merge!.into, after: null },
    };
    await log.updated(tx, KIND[model], [{ recordId: id, number: revision, fields }], 'UNMERGED');
  };
  return writeEdit(db, records, author, finish);
}

/** The records a change revised that have a later revision now, as "event trump-macron-brussels-meeting". */
async function changedAfter(tx: Tx, revised: { recordKind: 'EVENT' | 'ACTOR' | 'SOURCE'; recordId: string; number: number }[]): Promise<string[]> {
  const later = await tx.revision.findMany({
    where: { OR: revised.map((r) => ({ recordKind: r.recordKind, recordId: r.recordId, number: { gt: r.number } })) },
    select: { recordKind: true, recordId: true },
    distinct: ['recordKind', 'recordId'],
    take: 5,
  });
  if (later.length === 0) return [];
  const slugs = async (kind: 'EVENT' | 'ACTOR' | 'SOURCE', model: EditableModel) => {
    const ids = later.filter((l) => l.recordKind === kind).map((l) => l.recordId);
    if (ids.length === 0) return [];
    const rows = await (tx[model] as unknown as { findMany(a: object): Promise<{ slug: string }[]> }).findMany({
      where: { id: { in: ids } },
      select: { slug: true },
    });
    return rows.map((r) => `${model} ${r.slug}`);
  };
  return [...(await slugs('EVENT', 'event')), ...(await slugs('ACTOR', 'actor')), ...(await slugs('SOURCE', 'source'))];
}
