// New records (actors, sources, events with their participants, citations and links) written
// set-based: one statement per table for a whole batch. The rows go as one JSON document that PostgreSQL unpacks
// (json_to_recordset), slugs become ids by joins in the database, and ids are made there too
// (chronicle_uuid7). Prisma's createMany built and checked every row in JavaScript, and that was
// half of an import's time.
import { z } from 'zod';
import { eventTimeOf } from '../dates/event-time.js';
import { queryRows } from '../db/sql.js';
import { Prisma } from '../generated/prisma/client.js';
import type { ActorRecord, EventRecord, SourceRecord } from './record-schemas.js';

type Tx = Prisma.TransactionClient;

/** Rows as a JSON document; a bigint (event time) as its digits, which PostgreSQL reads exactly. */
const document = (rows: unknown[]) => JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));

/** Rows a statement takes at most: a whole dump's events would pass PostgreSQL's 1 GB for a value. */
const ROWS_PER_STATEMENT = 5_000;

/** Runs `write` on the rows a statement's worth at a time; returns the rows written. */
export async function inStatements<R>(rows: R[], write: (json: string) => Promise<number>): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) written += await write(document(rows.slice(i, i + ROWS_PER_STATEMENT)));
  return written;
}

/** Record time as given, or this transaction's. */
const stamp = (column: string) => Prisma.raw(`coalesce(r."${column}", now())`);

/**
 * A statement that should have written a row for each of `expected` wrote fewer: a slug it names
 * is not in the database. The import's validation makes that impossible; if it happens, the
 * transaction rolls back rather than store an event without a participant or a citation.
 */
function wroteAll(written: number, expected: number, what: string): void {
  if (written !== expected) throw new Error(`${expected - written} of ${expected} ${what} name a record the database does not hold`);
}

/** The ids of the records with these slugs that the database holds, by slug. */
export async function idsOf(tx: Tx, model: 'actor' | 'source' | 'event' | 'place' | 'timeline', slugs: string[]): Promise<Map<string, string>> {
  if (slugs.length === 0) return new Map();
  const table = Prisma.raw({ actor: '"Actor"', source: '"Source"', event: '"Event"', place: '"Place"', timeline: '"Timeline"' }[model]);
  const rows = await queryRows(
    tx,
    z.object({ id: z.string(), slug: z.string() }),
    Prisma.sql`SELECT id, slug FROM ${table} WHERE slug = ANY(${[...new Set(slugs)]}::text[])`,
  );
  return new Map(rows.map((r) => [r.slug, r.id]));
}

/**
 * The ids of the records with these slugs, for a Prisma query by id: Prisma is slow to build one
 * of thousands of slugs, and a new import's records are mostly not there.
 */
export async function knownIds(tx: Tx, model: 'actor' | 'source' | 'event', slugs: string[]): Promise<string[]> {
  return [...(await idsOf(tx, model, slugs)).values()];
}

/** A new record's revision counter (change-log.ts). */
type RevisionOf = (record: { revision?: number | undefined }) => number;

/** Writes actors that are not in the database yet (their affiliations are the writer's). */
export async function insertNewActors(tx: Tx, actors: ActorRecord[], revisionOf: RevisionOf): Promise<void> {
  if (actors.length === 0) return;
  const rows = actors.map((a) => ({
    slug: a.slug,
    name: a.name,
    kind: a.kind,
    description: a.description ?? null,
    aliases: a.aliases,
    externalIds: a.externalIds,
    createdAt: a.createdAt ?? null,
    updatedAt: a.updatedAt ?? null,
    revision: revisionOf(a),
    retiredAt: a.retiredAt ?? null,
  }));
  await inStatements(
    rows,
    (json) => tx.$executeRaw`
  INSERT INTO "Actor" (id, slug, name, kind, description, aliases, "externalIds", "createdAt", "updatedAt", revision, "retiredAt")
  SELECT chronicle_uuid7(), r.slug, r.name, r.kind, r.description, r.aliases, r."externalIds", ${stamp('createdAt')}, ${stamp('updatedAt')}, r.revision, r."retiredAt"
    FROM json_to_recordset(${json}::json) AS r(
         slug text, name text, kind "ActorKind", description text, aliases text[], "externalIds" jsonb, "createdAt" timestamptz, "updatedAt" timestamptz,
         revision int, "retiredAt" timestamptz)`,
  );
}

/** A new source's columns, its publisher already found. */
export interface NewSource {
  slug: string;
  kind: SourceRecord['kind'];
  title: string;
  publisherId: string | null;
  author: string | null;
  url: string | null;
  publishedEdtf: string | null;
  retrievedEdtf: string | null;
  onRecordAt: bigint | null;
  reliability: SourceRecord['reliability'];
  notes: string | null;
  createdAt?: string;
  updatedAt?: string;
  revision: number;
  retiredAt?: string | undefined;
}

/** Writes sources that are not in the database yet (their basis is the writer's, once all exist). */
export async function insertNewSources(tx: Tx, sources: NewSource[]): Promise<void> {
  if (sources.length === 0) return;
  const rows = sources.map((s) => ({ ...s, createdAt: s.createdAt ?? null, updatedAt: s.updatedAt ?? null, retiredAt: s.retiredAt ?? null }));
  await inStatements(
    rows,
    (json) => tx.$executeRaw`
  INSERT INTO "Source" (id, slug, kind, title, "publisherId", author, url, "publishedEdtf", "retrievedEdtf", "onRecordAt", reliability, notes, "createdAt", "updatedAt",
                        revision, "retiredAt")
  SELECT chronicle_uuid7(), r.slug, r.kind, r.title, r."publisherId", r.author, r.url, r."publishedEdtf", r."retrievedEdtf", r."onRecordAt", r.reliability, r.notes,
         ${stamp('createdAt')}, ${stamp('updatedAt')}, r.revision, r."retiredAt"
    FROM json_to_recordset(${json}::json) AS r(
         slug text, kind text, title text, "publisherId" uuid, author text, url text, "publishedEdtf" text, "retrievedEdtf" text,
         "onRecordAt" bigint, reliability "Reliability", notes text, "createdAt" timestamptz, "updatedAt" timestamptz, revision int,
         "retiredAt" timestamptz)`,
  );
}

/** An event's own columns, as a record gives them (the writer compares and updates the same). */
export const eventColumns = (e: EventRecord) => ({
  title: e.title,
  summary: e.summary ?? null,
  summaryHtml: e.summaryHtml ?? null,
  language: e.language ?? null,
  translations: e.translations,
  kind: e.kind,
  status: e.status,
  place: e.place ?? null,
  tags: e.tags,
  media: e.media,
  presentation: e.presentation,
  date: e.date,
  unsourced: e.unsourced,
});

/** A citation's own columns, as a record gives them. */
export const citationColumns = (c: EventRecord['citations'][number]) => ({
  stance: c.stance,
  quote: c.quote ?? null,
  attribution: c.attribution ?? null,
  confidence: c.confidence ?? null,
  note: c.note ?? null,
});

/** Writes rows that name their records by slug; every row must find them (wroteAll). */
async function insertLinked<R>(tx: Tx, rows: R[], what: string, insert: (json: string) => Prisma.Sql): Promise<void> {
  if (rows.length) wroteAll(await inStatements(rows, (json) => tx.$executeRaw(insert(json))), rows.length, what);
}

/** Writes events that are not in the database yet; returns their ids. */
export async function insertNewEvents(tx: Tx, events: EventRecord[], revisionOf: RevisionOf): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = events.map((e) => ({
    slug: e.slug,
    ...eventColumns(e),
    location: e.location ?? null,
    ...eventTimeOf(e.date),
    createdAt: e.createdAt ?? null,
    updatedAt: e.updatedAt ?? null,
    revision: revisionOf(e),
    retiredAt: e.retiredAt ?? null,
  }));
  const ids: string[] = [];
  await inStatements(rows, async (json) => {
    const inserted = await queryRows(
      tx,
      z.object({ id: z.string() }),
      Prisma.sql`
    INSERT INTO "Event" (id, slug, title, summary, "summaryHtml", language, translations, kind, status, place, "locationId", tags, media, presentation, date, unsourced, "sortAt", "spanStart", "spanEnd",
                         "startEarliest", "startLatest", "endEarliest", "endLatest", "createdAt", "updatedAt", revision, "retiredAt")
    SELECT chronicle_uuid7(), r.slug, r.title, r.summary, r."summaryHtml", r.language, r.translations, r.kind, r.status, r.place, pl.id, r.tags, r.media, r.presentation, r.date, r.unsourced, r."sortAt", r."spanStart", r."spanEnd",
           r."startEarliest", r."startLatest", r."endEarliest", r."endLatest", ${stamp('createdAt')}, ${stamp('updatedAt')}, r.revision, r."retiredAt"
      FROM json_to_recordset(${json}::json) AS r(
           slug text, title text, summary text, "summaryHtml" text, language text, translations jsonb, kind text, status "EventStatus", place text, location text, tags text[], media jsonb, presentation jsonb, date text, unsourced boolean,
           "sortAt" bigint, "spanStart" bigint, "spanEnd" bigint, "startEarliest" bigint, "startLatest" bigint,
           "endEarliest" bigint, "endLatest" bigint, "createdAt" timestamptz, "updatedAt" timestamptz, revision int, "retiredAt" timestamptz)
      -- Its place by slug: the writer wrote the places first, and the records were checked to name known ones.
      LEFT JOIN "Place" pl ON pl.slug = r.location
    RETURNING id`,
    );
    for (const { id } of inserted) ids.push(id);
    return inserted.length;
  });
  const participants = events.flatMap((e) => e.participants.map((p) => ({ event: e.slug, actor: p.actor, role: p.role, createdAt: p.createdAt ?? null })));
  const citations = events.flatMap((e) =>
    e.citations.map((c) => ({
      event: e.slug,
      source: c.source,
      ...citationColumns(c),
      createdAt: c.createdAt ?? null,
      updatedAt: c.updatedAt ?? null,
    })),
  );
  const relations = events.flatMap((e) => e.relations.map((r) => ({ from: e.slug, to: r.event, kind: r.kind, createdAt: r.createdAt ?? null })));
  await insertLinked(
    tx,
    participants,
    'participants',
    (json) => Prisma.sql`
      INSERT INTO "Participation" (id, "eventId", "actorId", role, "createdAt")
      SELECT chronicle_uuid7(), e.id, a.id, r.role, ${stamp('createdAt')}
        FROM json_to_recordset(${json}::json) AS r(event text, actor text, role text, "createdAt" timestamptz)
        JOIN "Event" e ON e.slug = r.event
        JOIN "Actor" a ON a.slug = r.actor`,
  );
  await insertLinked(
    tx,
    citations,
    'citations',
    (json) => Prisma.sql`
      INSERT INTO "Citation" (id, "eventId", "sourceId", stance, quote, attribution, confidence, note, "createdAt", "updatedAt")
      SELECT chronicle_uuid7(), e.id, s.id, r.stance, r.quote, r.attribution, r.confidence, r.note, ${stamp('createdAt')}, ${stamp('updatedAt')}
        FROM json_to_recordset(${json}::json) AS r(
             event text, source text, stance "Stance", quote text, attribution text, confidence "Confidence", note text,
             "createdAt" timestamptz, "updatedAt" timestamptz)
        JOIN "Event" e ON e.slug = r.event
        JOIN "Source" s ON s.slug = r.source`,
  );
  await insertLinked(
    tx,
    relations,
    'links to other events',
    (json) => Prisma.sql`
      INSERT INTO "EventRelation" (id, "fromId", "toId", kind, "createdAt")
      SELECT chronicle_uuid7(), f.id, t.id, r.kind, ${stamp('createdAt')}
        FROM json_to_recordset(${json}::json) AS r("from" text, "to" text, kind "EventRelationKind", "createdAt" timestamptz)
        JOIN "Event" f ON f.slug = r."from"
        JOIN "Event" t ON t.slug = r."to"`,
  );
  return ids;
}
