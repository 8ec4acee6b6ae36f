// Merging two actors (or two sources) that turn out to be the same: every record that names the
// merged one names the survivor instead, the survivor takes what only the merged one said (its
// name as an alias, external ids, a description...), and the merged record is retired under a
// slug of its own while its old slug redirects to the survivor. All of it is one change, written
// by the one record writer, so each record it touched has a revision; unmergeRecord undoes it.
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { queryRows } from '../db/sql.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { ChangeAuthor, ChangeLog, FieldChanges } from './change-log.js';
import { InvalidInput } from './edit-errors.js';
import { asRecordValue, freeSlug, parsedRecord, readAtRevision, recordOf, slugTaken, type Stored, storedByIds, writeEdit } from './record-edits.js';
import type { ActorRecord, EventRecord, SourceRecord } from './record-schemas.js';
import type { WritableRecords, WriteReport } from './record-writer.js';
import { retiredReferences } from './retirement.js';
import { RECORD_KIND } from './slug-redirects.js';
import { storedActor, storedEvent, storedSource } from './stored-records.js';

type Tx = Prisma.TransactionClient;
export type MergeableModel = 'actor' | 'source';

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
        // A membership of both keeps the survivor's entry (its dates), listed first.
        affiliations: firstBy(
          [...record.affiliations.filter((x) => x.organisation !== from), ...record.affiliations.filter((x) => x.organisation === from)]
            .map((x) => (x.organisation === from ? { ...x, organisation: into } : x))
            .filter((x) => x.organisation !== record.slug),
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
      // Its own memberships stay with it (the survivor has copies): a retired record may name live ones.
      (await tx.affiliation.count({ where: { organisationId: id } }))
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
    const retiredSlug = await unusedSlug(tx, model, `${record.slug}-merged`);
    const retiredAt = new Date();
    const { revision } = await (tx[model] as unknown as Delegate).update({
      where: { id: record.id },
      data: { slug: retiredSlug, retiredAt, revision: { increment: 1 } },
      select: { revision: true },
    });
    // Its old slugs lead to the survivor now, each remembering whose it was (a rename's: this
    // record's; an earlier merge's: that record's), so that unmerging puts each back.
    const kind = RECORD_KIND[model];
    const moved = await tx.slugRedirect.findMany({ where: { kind, targetId: record.id }, select: { slug: true, mergedFromId: true } });
    await tx.slugRedirect.updateMany({ where: { kind, targetId: record.id, mergedFromId: null }, data: { targetId: target.id, mergedFromId: record.id } });
    await tx.slugRedirect.updateMany({ where: { kind, targetId: record.id }, data: { targetId: target.id } });
    await tx.slugRedirect.create({ data: { kind, slug: record.slug, targetId: target.id, mergedFromId: record.id } });
    const fields: MergeFields = {
      slug: { before: record.slug, after: retiredSlug },
      retiredAt: { before: null, after: retiredAt.toISOString() },
      mergedInto: { before: null, after: target.slug },
      redirects: { before: moved.map((r) => ({ slug: r.slug, merged: r.mergedFromId !== null })), after: null },
    };
    await log.updated(tx, kind, [{ recordId: record.id, number: revision, fields: fields as unknown as FieldChanges }], 'MERGED');
  };
  return writeEdit(db, records, author, finish);
}

/** The first of slug, slug-2... that neither a record nor a redirect of the model has. */
async function unusedSlug(tx: Tx, model: MergeableModel, slug: string): Promise<string> {
  for (let candidate = slug, n = 2; ; candidate = `${slug}-${n++}`) {
    const free = await freeSlug(tx, model, candidate);
    if (free === candidate && !(await tx.slugRedirect.findUnique({ where: { kind_slug: { kind: RECORD_KIND[model], slug: candidate } } }))) return candidate;
  }
}

/** What a MERGED revision keeps: how to put the merged record, and the redirects it moved, back. */
interface MergeFields {
  slug: { before: string; after: string };
  retiredAt: { before: null; after: string };
  mergedInto: { before: null; after: string };
  /** The redirects that led to the merged record, and whether each came from an earlier merge into it. */
  redirects: { before: { slug: string; merged: boolean }[]; after: null };
}

/**
 * Undoes a merge: the merged record back under its slug, and every record the merge changed back
 * as it was before it, as a new change. Refused when one of them has changed since (their later
 * changes would be lost), when another record has taken the slug, or when the merged record names
 * records retired since.
 */
export async function unmergeRecord(db: PrismaClient, model: MergeableModel, author: ChangeAuthor, id: string, basedOnRevision: number): Promise<WriteReport> {
  const kind = RECORD_KIND[model];
  let unmerged: { revision: number; fields: FieldChanges } | undefined;
  const records = async (tx: Tx): Promise<WritableRecords> => {
    const stored = await readAtRevision(tx, model, id, basedOnRevision);
    const last = await tx.revision.findUnique({ where: { recordKind_recordId_number: { recordKind: kind, recordId: id, number: stored.revision } } });
    if (last?.action !== 'MERGED') {
      throw new InvalidInput([
        { field: 'id', message: `this ${model} was not merged into another, or has changed since: only a merge's last state can be undone` },
      ]);
    }
    const merge = last.fields as unknown as MergeFields;
    if (await slugTaken(tx, model, merge.slug.before))
      throw new InvalidInput([{ field: 'id', message: `another ${model} has the slug "${merge.slug.before}" now: rename it first` }]);
    const changedSince = await changedAfter(tx, last.changeId, id);
    if (changedSince.length) {
      throw new InvalidInput([
        {
          field: 'id',
          message: `changed since the merge: ${changedSince.join(', ')}; undoing it would undo those changes too: edit the records by hand (restoreRevision puts one back as it was)`,
        },
      ]);
    }
    const named = await retiredReferences(tx, model, id);
    if (named.length)
      throw new InvalidInput([{ field: 'id', message: `this ${model} names records retired since the merge (${named.join(', ')}): reinstate them first` }]);
    // Back under its slug first: the records restored below name it.
    const { revision } = await (tx[model] as unknown as Delegate).update({
      where: { id },
      data: { slug: merge.slug.before, retiredAt: null, revision: { increment: 1 } },
      select: { revision: true },
    });
    unmerged = {
      revision,
      fields: {
        slug: { before: merge.slug.after, after: merge.slug.before },
        retiredAt: { before: merge.retiredAt.after, after: null },
        mergedInto: { before: merge.mergedInto.after, after: null },
      },
    };
    await tx.slugRedirect.deleteMany({ where: { kind, slug: merge.slug.before, mergedFromId: id } });
    for (const redirect of merge.redirects.before) {
      await tx.slugRedirect.update({
        where: { kind_slug: { kind, slug: redirect.slug } },
        data: { targetId: id, ...(redirect.merged ? {} : { mergedFromId: null }) },
      });
    }
    return restoredRecords(tx, last.changeId, id);
  };
  const finish = async (tx: Tx, log: ChangeLog) => {
    await log.updated(tx, kind, [{ recordId: id, number: unmerged!.revision, fields: unmerged!.fields }], 'UNMERGED');
  };
  return writeEdit(db, records, author, finish);
}

/** The records a change revised (but `except`), each as it was before it: read a batch at a time. */
async function restoredRecords(tx: Tx, changeId: string, except: string): Promise<WritableRecords> {
  const models = { ACTOR: 'actor', SOURCE: 'source', EVENT: 'event' } as const;
  async function* batches(recordKind: keyof typeof models): AsyncGenerator<unknown[]> {
    const model = models[recordKind];
    let after: string | undefined;
    for (;;) {
      const rows = await tx.revision.findMany({
        where: { changeId, recordKind, NOT: { recordId: except }, ...(after ? { id: { gt: after } } : {}) },
        orderBy: { id: 'asc' },
        take: BATCH,
      });
      if (rows.length === 0) return;
      after = rows.at(-1)!.id;
      const stored = await storedByIds(
        tx,
        model,
        rows.map((r) => r.recordId),
      );
      yield rows.map((row) => {
        const record = recordOf(model, stored.get(row.recordId));
        for (const [field, change] of Object.entries(row.fields as Record<string, { before: unknown }>)) record[field] = asRecordValue(change.before);
        return parsedRecord(model, record);
      });
    }
  }
  const all = async (recordKind: 'ACTOR' | 'SOURCE') => {
    const out: unknown[] = [];
    for await (const batch of batches(recordKind)) out.push(...batch);
    return out;
  };
  // Actors and sources are few beside events (a merge's survivor, the records naming the merged
  // one); the writer takes them whole, before the events.
  return {
    actors: (await all('ACTOR')) as ActorRecord[],
    sources: (await all('SOURCE')) as SourceRecord[],
    events: batches('EVENT') as AsyncIterable<EventRecord[]>,
  };
}

/**
 * Records a change revised (but `except`) that have changed since in a field it wrote, as "event
 * trump-macron-brussels-meeting": five at most. Undoing the change puts back only the fields it
 * wrote, so a later change of another field is kept, and one undone since loses nothing; a
 * record's own merge and unmerge since (a chain of merges undone last first) do not count either.
 */
async function changedAfter(tx: Tx, changeId: string, except: string): Promise<string[]> {
  const candidates = await queryRows(
    tx,
    z.object({ kind: z.enum(['EVENT', 'ACTOR', 'SOURCE']), id: z.string(), fields: z.record(z.string(), z.object({ after: z.unknown() })) }),
    Prisma.sql`
    SELECT r."recordKind"::text AS kind, r."recordId" AS id, r.fields
      FROM "Revision" r
     WHERE r."changeId" = ${changeId}::uuid AND r."recordId" <> ${except}::uuid
       AND EXISTS (SELECT 1 FROM "Revision" later
                    WHERE later."recordKind" = r."recordKind" AND later."recordId" = r."recordId" AND later.number > r.number
                      AND later.action NOT IN ('MERGED', 'UNMERGED'))`,
  );
  const models = { EVENT: 'event', ACTOR: 'actor', SOURCE: 'source' } as const;
  const changed: string[] = [];
  for (const kind of ['ACTOR', 'EVENT', 'SOURCE'] as const) {
    const mine = candidates.filter((c) => c.kind === kind);
    if (mine.length === 0) continue;
    const stored = await storedByIds(
      tx,
      models[kind],
      mine.map((c) => c.id),
    );
    for (const { id, fields } of mine) {
      const now = recordOf(models[kind], stored.get(id));
      const differs = Object.entries(fields).some(([field, { after }]) => !isDeepStrictEqual(asRecordValue(after), asRecordValue(now[field])));
      if (differs) changed.push(`${models[kind]} ${now.slug}`);
    }
  }
  return changed.sort().slice(0, 5);
}
