// `chronicle dump`: the whole database as NDJSON, one typed record a line, in the shapes the seed
// files use (docs/records.md), with record time, so `chronicle import` of a dump into an empty
// database recreates it exactly, revision history included. Read in keyset batches: memory stays
// flat at any size. Version 2 added the history (change and revision lines); version 1 dumps
// still import, their records each at revision 1 of a new change. Version 3 added unsourced events
// and the redirects of merged records. Version 4 added the vocabularies' terms, and gives types
// and roles as slugs ("phone-call"; older dumps' "PHONE_CALL" still reads). Version 5 added
// timelines and places, and events' HTML summaries, presentation and location. A dump of a later version is refused,
// naming it.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { RecordKind } from '../generated/prisma/enums.js';
import { ImportValidationError, MAX_REPORTED_ERRORS } from '../imports/import-problems.js';
import { issueMessage, issuePath } from '../lib/schemas.js';
import {
  actorRecord,
  changeRecord,
  eventRecord,
  namedSlugs,
  redirectRecord,
  referenceProblems,
  revisionRecord,
  sourceRecord,
  termRecord,
  type RecordSet,
  type RevisionRecord,
} from './record-schemas.js';
import { termSlugSchema } from '../vocabulary/terms.js';
import { timelineRecord, timelineRecordOf } from '../timelines/timeline-record.js';
import { placeRecord, placeRecordOf } from '../places/place-record.js';
import { timelineEventSlugs } from '../timelines/timeline-writer.js';
import { actorRecordOf, eventRecordOf, sourceRecordOf, storedActor, storedEvent, storedSource } from './stored-records.js';

export const DUMP_FORMAT = { type: 'chronicle-dump', version: 5 } as const;
const BATCH = 500;

const iso = (d: Date) => d.toISOString();

/** Rows of a model in slug order, BATCH at a time. */
async function* bySlug<R extends { slug: string }>(find: (after: string | undefined) => Promise<R[]>): AsyncGenerator<R> {
  let after: string | undefined;
  for (;;) {
    const rows = await find(after);
    yield* rows;
    if (rows.length < BATCH) return;
    after = rows.at(-1)!.slug;
  }
}

const page = (after: string | undefined) => ({ take: BATCH, orderBy: { slug: 'asc' as const }, ...(after ? { where: { slug: { gt: after } } } : {}) });

/** Rows by id, BATCH at a time: the history, in the order it was written. */
async function* byId<R extends { id: string }>(find: (after: string | undefined) => Promise<R[]>): AsyncGenerator<R[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await find(after);
    if (rows.length) yield rows;
    if (rows.length < BATCH) return;
    after = rows.at(-1)!.id;
  }
}

const pageById = (after: string | undefined) => ({ take: BATCH, orderBy: { id: 'asc' as const }, ...(after ? { where: { id: { gt: after } } } : {}) });

/** The slugs of records by id, of each kind. */
async function slugsOf(client: Prisma.TransactionClient, ids: Record<RecordKind, string[]>): Promise<Map<string, string>> {
  const select = { id: true, slug: true } as const;
  const rows = [
    ...(ids.EVENT.length ? await client.event.findMany({ where: { id: { in: ids.EVENT } }, select }) : []),
    ...(ids.ACTOR.length ? await client.actor.findMany({ where: { id: { in: ids.ACTOR } }, select }) : []),
    ...(ids.SOURCE.length ? await client.source.findMany({ where: { id: { in: ids.SOURCE } }, select }) : []),
    ...(ids.PLACE.length ? await client.place.findMany({ where: { id: { in: ids.PLACE } }, select }) : []),
    ...(ids.TIMELINE.length ? await client.timeline.findMany({ where: { id: { in: ids.TIMELINE } }, select }) : []),
  ];
  return new Map(rows.map((r) => [r.id, r.slug]));
}

/** A dump's transaction may last as long as writing a large database out takes. */
const DUMP_TIMEOUT_MS = 24 * 60 * 60_000;

/**
 * The dump, written line by line through `write`, all read from one snapshot of the database (a
 * repeatable-read transaction): a write that commits meanwhile is in none of it, rather than its
 * events in the dump without the sources they cite. Returns how many lines were written.
 */
export async function dumpDatabase(client: PrismaClient, write: (line: string) => Promise<void> | void): Promise<number> {
  let lines = 0;
  await client.$transaction(
    async (tx) => {
      for await (const line of dumpLines(tx)) {
        lines += 1;
        await write(line);
      }
    },
    { isolationLevel: 'RepeatableRead', timeout: DUMP_TIMEOUT_MS, maxWait: 60_000 },
  );
  return lines;
}

/** The dump, line by line (each ends in a newline): the format line, then terms, actors, sources, events, redirects, changes, revisions. */
async function* dumpLines(client: Prisma.TransactionClient): AsyncGenerator<string> {
  const line = (type: string, record: object) => `${JSON.stringify({ type, ...record })}\n`;
  yield `${JSON.stringify(DUMP_FORMAT)}\n`;
  // The vocabularies: a few hundred terms at most, read at once.
  for (const t of await client.term.findMany({ orderBy: [{ scheme: 'asc' }, { slug: 'asc' }] })) {
    yield line('term', {
      scheme: t.scheme,
      slug: t.slug,
      label: t.label,
      ...(t.description ? { description: t.description } : {}),
      ...(t.parentSlug ? { parent: t.parentSlug } : {}),
      createdAt: iso(t.createdAt),
      updatedAt: iso(t.updatedAt),
    });
  }
  for await (const p of bySlug((after) => client.place.findMany(page(after)))) yield line('place', placeRecordOf(p, true));
  for await (const a of bySlug((after) => client.actor.findMany({ ...page(after), include: storedActor }))) yield line('actor', actorRecordOf(a, 'kept'));
  for await (const s of bySlug((after) => client.source.findMany({ ...page(after), include: storedSource }))) yield line('source', sourceRecordOf(s, 'kept'));
  for await (const e of bySlug((after) => client.event.findMany({ ...page(after), include: storedEvent }))) yield line('event', eventRecordOf(e, 'kept'));
  for await (const t of bySlug((after) => client.timeline.findMany(page(after)))) {
    const events = (await timelineEventSlugs(client, [t.id])).get(t.id) ?? [];
    yield line('timeline', timelineRecordOf(t, events));
  }
  const targets: Record<RecordKind, (ids: string[]) => Promise<{ id: string; slug: string }[]>> = {
    EVENT: (ids) => client.event.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true } }),
    ACTOR: (ids) => client.actor.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true } }),
    SOURCE: (ids) => client.source.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true } }),
    PLACE: (ids) => client.place.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true } }),
    TIMELINE: (ids) => client.timeline.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true } }),
  };
  // Old slugs of renamed records: few, read at once.
  const redirects = await client.slugRedirect.findMany({ orderBy: [{ kind: 'asc' }, { slug: 'asc' }] });
  const slugs = new Map<string, string>();
  for (const kind of ['EVENT', 'ACTOR', 'SOURCE'] as const) {
    const mine = redirects.filter((x) => x.kind === kind);
    for (const t of await targets[kind]([...mine.map((x) => x.targetId), ...mine.flatMap((x) => (x.mergedFromId ? [x.mergedFromId] : []))])) {
      slugs.set(t.id, t.slug);
    }
  }
  for (const r of redirects) {
    if (!slugs.has(r.targetId)) continue;
    const mergedFrom = r.mergedFromId ? { mergedFrom: slugs.get(r.mergedFromId)! } : {};
    yield line('redirect', { kind: r.kind, slug: r.slug, target: slugs.get(r.targetId)!, ...mergedFrom, createdAt: iso(r.createdAt) });
  }
  for await (const changes of byId((after) => client.change.findMany(pageById(after)))) {
    for (const c of changes) yield line('change', { id: c.id, via: c.via, by: c.by, ...(c.note ? { note: c.note } : {}), at: iso(c.at) });
  }
  for await (const revisions of byId((after) => client.revision.findMany(pageById(after)))) {
    const ids: Record<RecordKind, string[]> = { EVENT: [], ACTOR: [], SOURCE: [], PLACE: [], TIMELINE: [] };
    for (const r of revisions) ids[r.recordKind].push(r.recordId);
    const recordSlugs = await slugsOf(client, ids);
    for (const r of revisions) {
      const fields = r.fields as Record<string, unknown>;
      yield line('revision', {
        id: r.id,
        change: r.changeId,
        kind: r.recordKind,
        record: recordSlugs.get(r.recordId)!,
        number: r.number,
        action: r.action,
        ...(Object.keys(fields).length ? { fields } : {}),
      });
    }
  }
}

const TYPES = ['term', 'place', 'actor', 'source', 'event', 'timeline', 'redirect', 'change', 'revision'];

/** The values of an NDJSON or JSON text, each with where it is, or null when it is not JSON. */
function values(text: string, format: 'ndjson' | 'json'): { at: string; value: unknown }[] | null {
  try {
    if (format === 'json') {
      const parsed = JSON.parse(text) as unknown;
      return Array.isArray(parsed) ? parsed.map((value, index) => ({ at: `record ${index + 1}`, value })) : null;
    }
    return text.split('\n').flatMap((line, index) => (line.trim() ? [{ at: `line ${index + 1}`, value: JSON.parse(line) as unknown }] : []));
  } catch {
    return null;
  }
}

/**
 * Whether a file holds typed records (a dump, or records written by hand in the seed's shapes:
 * {"type": "actor", ...}) rather than an event list as `chronicle export` writes it.
 */
export function holdsTypedRecords(text: string, format: 'ndjson' | 'json'): boolean {
  const head = format === 'ndjson' ? text.slice(0, text.indexOf('\n') + 1 || undefined) : text;
  const first = values(head, format)?.[0]?.value as { type?: unknown } | undefined;
  return first?.type === DUMP_FORMAT.type || TYPES.includes(first?.type as string);
}

/** The slugs of each kind a database already has, of those asked for. */
export type ExistingSlugs = (kind: 'actors' | 'sources' | 'events' | 'terms' | 'places', slugs: string[]) => Promise<Set<string>>;

/** A slug of a term as a dump of before version 4 gave it in a revision ("PHONE_CALL"), as now. */
const termSlug = (value: unknown) => (typeof value === 'string' ? termSlugSchema.catch(value).parse(value) : value);

/** A revision's fields with the types and roles they name as slugs, whichever version wrote them. */
function withTermSlugs(revision: RevisionRecord): RevisionRecord {
  const fields = { ...revision.fields };
  const sides = (field: string, map: (value: unknown) => unknown) => {
    const change = fields[field];
    if (change) fields[field] = { before: map(change.before), after: map(change.after) };
  };
  if (revision.kind !== 'ACTOR') sides('kind', termSlug);
  if (revision.kind === 'EVENT') {
    sides('participants', (list) => (Array.isArray(list) ? list.map((p: Record<string, unknown>) => ({ ...p, role: termSlug(p.role) })) : list));
  }
  return { ...revision, fields };
}

/**
 * Reads and validates typed records, references included: a record may name another in the file
 * or, through `existing`, one the database already has. Every problem is reported with its line
 * (or position) and field.
 */
export async function readTypedRecords(text: string, name: string, format: 'ndjson' | 'json', existing?: ExistingSlugs): Promise<RecordSet> {
  const set: Required<RecordSet> = { terms: [], places: [], actors: [], sources: [], events: [], redirects: [], changes: [], revisions: [], timelines: [] };
  const where: Record<keyof RecordSet, string[]> = {
    terms: [],
    places: [],
    actors: [],
    sources: [],
    events: [],
    redirects: [],
    changes: [],
    revisions: [],
    timelines: [],
  };
  const problems: string[] = [];
  const schemas = {
    term: ['terms', termRecord],
    place: ['places', placeRecord],
    actor: ['actors', actorRecord],
    source: ['sources', sourceRecord],
    event: ['events', eventRecord],
    redirect: ['redirects', redirectRecord],
    change: ['changes', changeRecord],
    revision: ['revisions', revisionRecord.transform(withTermSlugs)],
    timeline: ['timelines', timelineRecord],
  } as const;
  const all = values(text, format);
  if (!all) throw new ImportValidationError([`${name}: is not valid ${format === 'json' ? 'JSON' : 'NDJSON (one JSON object a line)'}`], 1);
  for (const { at, value } of all) {
    const { type, ...record } = (value ?? {}) as { type?: string } & Record<string, unknown>;
    if (type === DUMP_FORMAT.type) {
      const { version } = record as { version?: unknown };
      if (typeof version === 'number' && version > DUMP_FORMAT.version) {
        problems.push(`${name}: ${at}: a dump of version ${version}, from a later Chronicle; this one reads versions up to ${DUMP_FORMAT.version}: upgrade it`);
      }
      continue;
    }
    const schema = schemas[type as keyof typeof schemas];
    if (!schema) {
      problems.push(`${name}: ${at}, field type: must be one of ${TYPES.join(', ')}`);
      continue;
    }
    const parsed = schema[1].safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(`${name}: ${at}, field ${issuePath(issue.path)}: ${issueMessage(issue)}`);
      }
      continue;
    }
    (set[schema[0]] as unknown[]).push(parsed.data);
    where[schema[0]].push(at);
  }
  const named = namedSlugs(set);
  const inDatabase = existing
    ? {
        actors: await existing('actors', named.actors),
        sources: await existing('sources', named.sources),
        events: await existing('events', named.events),
        terms: await existing('terms', named.terms),
        places: await existing('places', named.places),
      }
    : {};
  problems.push(...referenceProblems(set, (kind, index) => `${name}: ${where[kind][index]}`, inDatabase));
  if (problems.length)
    throw new ImportValidationError(problems.slice(0, MAX_REPORTED_ERRORS), problems.length, Math.max(0, problems.length - MAX_REPORTED_ERRORS));
  return set;
}
