// Changes to one record at a time, as the API makes them: the record as stored, read in the
// writing transaction, changed as an editor would change its file, checked by the same schema and
// reference rules as imports, and written by the one record writer (with its revision kept).
import { slugFrom } from '../lib/slugs.js';
import type { z } from 'zod';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { ImportValidationError } from '../imports/import-problems.js';
import { uniqueBy } from '../lib/compare.js';
import { issueMessage, issuePath } from '../lib/schemas.js';
import type { ChangeAuthor } from './change-log.js';
import { InvalidInput, RecordNotFound, StaleRevision } from './edit-errors.js';
import { currentSlugs, findBySlug, RECORD_KIND } from './slug-redirects.js';
import { existingTerms } from '../vocabulary/terms.js';
import { actorRecord, eventRecord, namedSlugs, referenceIssues, sourceRecord, type RecordSet } from './record-schemas.js';
import { type WritableRecords, type WriteOptions, type WriteReport, writeRecords } from './record-writer.js';
import { actorRecordOf, eventRecordOf, sourceRecordOf, storedActor, storedEvent, storedSource } from './stored-records.js';

type Tx = Prisma.TransactionClient;

export type EditableModel = 'event' | 'actor' | 'source';

export interface Stored {
  id: string;
  slug: string;
  revision: number;
  retiredAt: Date | null;
}

/** What editing needs of each kind of record: its schema, how it is read, and where it goes in a set. */
const KINDS = {
  event: {
    schema: eventRecord,
    read: (tx: Tx, id: string) => tx.event.findUnique({ where: { id }, include: storedEvent }),
    readMany: (tx: Tx, ids: string[]) => tx.event.findMany({ where: { id: { in: ids } }, include: storedEvent }),
    recordOf: (stored: unknown) => eventRecordOf(stored as Parameters<typeof eventRecordOf>[0], 'dropped'),
    setOf: (record: unknown): RecordSet => ({ actors: [], sources: [], events: [record as RecordSet['events'][number]] }),
    slugSource: 'title',
  },
  actor: {
    schema: actorRecord,
    read: (tx: Tx, id: string) => tx.actor.findUnique({ where: { id }, include: storedActor }),
    readMany: (tx: Tx, ids: string[]) => tx.actor.findMany({ where: { id: { in: ids } }, include: storedActor }),
    recordOf: (stored: unknown) => actorRecordOf(stored as Parameters<typeof actorRecordOf>[0], 'dropped'),
    setOf: (record: unknown): RecordSet => ({ actors: [record as RecordSet['actors'][number]], sources: [], events: [] }),
    slugSource: 'name',
  },
  source: {
    schema: sourceRecord,
    read: (tx: Tx, id: string) => tx.source.findUnique({ where: { id }, include: storedSource }),
    readMany: (tx: Tx, ids: string[]) => tx.source.findMany({ where: { id: { in: ids } }, include: storedSource }),
    recordOf: (stored: unknown) => sourceRecordOf(stored as Parameters<typeof sourceRecordOf>[0], 'dropped'),
    setOf: (record: unknown): RecordSet => ({ actors: [], sources: [record as RecordSet['sources'][number]], events: [] }),
    slugSource: 'title',
  },
} as const;

/** Reads slugs of one model, whatever its delegate's exact type. */
type SlugDelegate = {
  findMany(args: { where: { slug: { startsWith: string } }; select: { slug: true } }): Promise<{ slug: string }[]>;
  findUnique(args: { where: { slug: string }; select: { id: true } }): Promise<{ id: string } | null>;
};
const delegate = (tx: Tx, model: EditableModel) => tx[model] as unknown as SlugDelegate;

/** The id of the record a slug names now or named before a rename, or null. */
export async function recordIdBySlug(db: PrismaClient, model: EditableModel, slug: string): Promise<string | null> {
  const find = (where: { slug: string } | { id: string }) =>
    (db[model] as unknown as { findUnique(args: { where: object; select: { id: true } }): Promise<{ id: string } | null> }).findUnique({
      where,
      select: { id: true },
    });
  return (await findBySlug(db, model, slug, find))?.id ?? null;
}

/** The first of slug, slug-2, slug-3... that no record of the model has. */
export async function freeSlug(tx: Tx, model: EditableModel, slug: string): Promise<string> {
  const taken = new Set((await delegate(tx, model).findMany({ where: { slug: { startsWith: slug } }, select: { slug: true } })).map((r) => r.slug));
  let candidate = slug;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${slug}-${n}`;
  return candidate;
}

/** A candidate record read with its kind's schema (defaults filled in); the problems name the input's fields. */
export function parsedRecord(model: EditableModel, candidate: unknown): unknown {
  const parsed = KINDS[model].schema.safeParse(candidate);
  if (!parsed.success) {
    throw new InvalidInput(parsed.error.issues.map((issue: z.core.$ZodIssue) => ({ field: issuePath(issue.path), message: issueMessage(issue) })));
  }
  return parsed.data;
}

/** A candidate record checked as an import checks one; the problems name the input's fields. */
async function checkedSet(tx: Tx, model: EditableModel, candidate: unknown): Promise<RecordSet> {
  const set = KINDS[model].setOf(parsedRecord(model, candidate));
  const named = namedSlugs(set);
  const live = {
    actors: await liveSlugs(tx, 'actor', named.actors),
    sources: await liveSlugs(tx, 'source', named.sources),
    events: await liveSlugs(tx, 'event', named.events),
    terms: await existingTerms(tx, named.terms),
    places: new Set((await tx.place.findMany({ where: { slug: { in: named.places } }, select: { slug: true } })).map((p) => p.slug)),
  };
  const issues = referenceIssues(set, live);
  if (issues.length)
    throw new InvalidInput(
      await Promise.all(issues.map(async (issue) => ({ field: issue.field, message: await retiredOrUnknown(tx, issue.field, issue.message) }))),
    );
  return set;
}

/** The slugs of live (not retired) records among these. */
async function liveSlugs(tx: Tx, model: EditableModel, slugs: string[]): Promise<Set<string>> {
  if (slugs.length === 0) return new Set();
  const found = await (tx[model] as unknown as SlugLookup).findMany({ where: { slug: { in: [...new Set(slugs)] }, retiredAt: null }, select: { slug: true } });
  return new Set(found.map((r) => r.slug));
}
type SlugLookup = { findMany(args: { where: object; select: { slug: true } }): Promise<{ slug: string }[]> };

/**
 * The references a record holds, by field: what they name, and what makes one entry of a list
 * the same as another (one citation per source, one participation per actor and role...).
 */
const REFERENCES: { field: string; slugOf?: string; model: EditableModel; sameAs?: (entry: Record<string, unknown>) => string }[] = [
  { field: 'participants', slugOf: 'actor', model: 'actor', sameAs: (p) => `${p.actor} ${p.role}` },
  { field: 'affiliations', slugOf: 'organisation', model: 'actor', sameAs: (f) => `${f.organisation} ${f.role}` },
  { field: 'citations', slugOf: 'source', model: 'source', sameAs: (c) => String(c.source) },
  { field: 'relations', slugOf: 'event', model: 'event', sameAs: (r) => `${r.kind} ${r.event}` },
  { field: 'publisher', model: 'actor' },
  { field: 'basedOn', model: 'source' },
];

/**
 * A record as an earlier revision had it names records by the slugs they had then: one renamed
 * since, or merged into another, is named by where its old slug leads now, as every lookup by
 * slug does. Two entries of a list that now name the same record become one.
 */
async function followRedirects(tx: Tx, record: Record<string, unknown>): Promise<void> {
  for (const { field, slugOf, model, sameAs } of REFERENCES) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    const entries = (Array.isArray(value) ? value : [value]) as unknown[];
    const slugs = entries.map((entry) => (slugOf ? (entry as Record<string, unknown>)[slugOf] : entry) as string);
    const now = await currentSlugs(tx, model, slugs);
    if (now.size === 0) continue;
    const moved = entries.map((entry, i) => {
      const slug = now.get(slugs[i]!) ?? slugs[i]!;
      return slugOf ? { ...(entry as Record<string, unknown>), [slugOf]: slug } : slug;
    });
    record[field] = Array.isArray(value) ? uniqueBy(moved, (entry) => (sameAs ? sameAs(entry as Record<string, unknown>) : String(entry))) : moved[0];
  }
}

/** The kind of record each reference field names, as a problem names the field ("participants.actor"). */
const NAMED_BY: Record<string, EditableModel> = Object.fromEntries(REFERENCES.map((r) => [r.slugOf ? `${r.field}.${r.slugOf}` : r.field, r.model]));

/** An "unknown slug" that names a retired record says so: a live record cannot name a hidden one. */
async function retiredOrUnknown(tx: Tx, field: string, message: string): Promise<string> {
  const slug = /^unknown slug "(.+)"$/.exec(message)?.[1];
  const model = NAMED_BY[field];
  if (!slug || !model) return message;
  const found = await (tx[model] as unknown as SlugLookup).findMany({ where: { slug, retiredAt: { not: null } }, select: { slug: true } });
  return found.length ? `the ${model} "${slug}" is retired: reinstate it, or name another` : message;
}

/**
 * Writes an edit through the one record writer; its refusals (a source based on itself, through
 * others) come back as the input's problems. `finish` writes what the records do not say (a
 * merge's retirement) in the same transaction and change.
 */
export async function writeEdit(
  db: PrismaClient,
  records: (tx: Tx) => Promise<WritableRecords>,
  author: ChangeAuthor,
  finish?: WriteOptions['finish'],
): Promise<WriteReport> {
  try {
    return await writeRecords(db, records, { change: author, finish });
  } catch (error) {
    if (error instanceof ImportValidationError) throw new InvalidInput(error.problems.map((message) => ({ field: 'basedOn', message })));
    throw error;
  }
}

/**
 * A field as a revision keeps it, as a record's field: the column names that end in Edtf
 * (publishedEdtf, an affiliation's startEdtf) are the records' published and start, and a null
 * is a field left out.
 */
export function asRecordValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asRecordValue);
  if (value === null || typeof value !== 'object') return value ?? undefined;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([key, v]) => [key.replace(/Edtf$/, ''), asRecordValue(v)]),
  );
}

/**
 * Fields of a revision that restoring leaves: the slug (a rename is undone by renaming back, which
 * keeps the redirects right), retirement (undone by reinstating), and a merge's own bookkeeping
 * (undone by unmerging).
 */
const NOT_RESTORED = new Set(['slug', 'retiredAt', 'mergedInto', 'redirects']);

/** The record as stored, if it is still at the revision a change was based on. */
export async function readAtRevision(tx: Tx, model: EditableModel, id: string, basedOnRevision: number): Promise<Stored> {
  const stored = (await KINDS[model].read(tx, id)) as Stored | null;
  if (!stored) throw new RecordNotFound(id);
  if (stored.revision !== basedOnRevision) throw new StaleRevision(basedOnRevision, stored.revision, `the ${model} "${stored.slug}"`);
  return stored;
}

/** Stored records of a model by id, as editing reads them, in one statement. */
export async function storedByIds(tx: Tx, model: EditableModel, ids: string[]): Promise<Map<string, unknown>> {
  const rows: { id: string }[] = await KINDS[model].readMany(tx, ids);
  return new Map(rows.map((r) => [r.id, r]));
}

/** Whether a record of the model has the slug now. */
export async function slugTaken(tx: Tx, model: EditableModel, slug: string): Promise<boolean> {
  return (await delegate(tx, model).findUnique({ where: { slug }, select: { id: true } })) !== null;
}

/** A stored record (as KINDS' read gives it) in the seed's shape, record time left for the writer. */
export const recordOf = (model: EditableModel, stored: unknown) => KINDS[model].recordOf(stored) as Record<string, unknown>;

/**
 * Puts a record back as it was at revision `number`, as a new revision: its later revisions are
 * undone, newest first, each field to what it was before. A slug stays as it is (a rename is
 * undone by renaming back, which keeps the redirects right), and so does retirement (undone by
 * reinstating); the records it names are named as they are now (followRedirects).
 */
export async function restoreRecord(
  db: PrismaClient,
  model: EditableModel,
  author: ChangeAuthor,
  id: string,
  number: number,
  basedOnRevision: number,
): Promise<WriteReport> {
  return writeEdit(
    db,
    async (tx) => {
      const stored = await readAtRevision(tx, model, id, basedOnRevision);
      if (number < 1 || number > stored.revision) {
        throw new InvalidInput([{ field: 'number', message: `must be a revision of this ${model}: 1 to ${stored.revision}` }]);
      }
      const later = await tx.revision.findMany({
        where: { recordKind: RECORD_KIND[model], recordId: id, number: { gt: number } },
        orderBy: { number: 'desc' },
      });
      const record = recordOf(model, stored);
      for (const revision of later) {
        for (const [field, { before }] of Object.entries(revision.fields as Record<string, { before: unknown }>)) {
          if (!NOT_RESTORED.has(field)) record[field] = asRecordValue(before);
        }
      }
      await followRedirects(tx, record);
      return checkedSet(tx, model, record);
    },
    author,
  );
}

/** Creates a record; returns its id and what was written. Without a slug, one is made from its name or title. */
export async function createRecord(
  db: PrismaClient,
  model: EditableModel,
  author: ChangeAuthor,
  input: Record<string, unknown>,
): Promise<{ id: string; report: WriteReport }> {
  let slug = '';
  let id = '';
  const report = await writeEdit(
    db,
    async (tx) => {
      const given = typeof input.slug === 'string' ? input.slug : undefined;
      if (given && (await slugTaken(tx, model, given))) {
        throw new InvalidInput([{ field: 'slug', message: `another ${model} has the slug "${given}": choose another, or update that ${model}` }]);
      }
      slug = given ?? (await freeSlug(tx, model, slugFrom(String(input[KINDS[model].slugSource] ?? ''))));
      return checkedSet(tx, model, { ...input, slug });
    },
    author,
    // Read in the transaction that wrote it: after it, another write could have renamed it.
    async (tx) => {
      id = (await delegate(tx, model).findUnique({ where: { slug }, select: { id: true } }))!.id;
    },
  );
  return { id, report };
}

/**
 * Changes a record: the fields given replace the record's (a list, such as citations, whole; a
 * null clears an optional field). Refused as stale unless based on the record's revision.
 */
export async function updateRecord(
  db: PrismaClient,
  model: EditableModel,
  author: ChangeAuthor,
  id: string,
  basedOnRevision: number,
  changes: Record<string, unknown>,
): Promise<WriteReport> {
  return writeEdit(
    db,
    async (tx) => {
      const stored = await readAtRevision(tx, model, id, basedOnRevision);
      const given = Object.fromEntries(
        Object.entries(changes)
          .filter(([, value]) => value !== undefined)
          .map(([key, value]) => [key, value ?? undefined]),
      );
      return checkedSet(tx, model, { ...KINDS[model].recordOf(stored), ...given });
    },
    author,
  );
}
