// What an exported event carries: everything a researcher needs to cite it, and everything an
// import needs to recreate it (events, their actors and sources). One shape for every format.
import { parseEdtf } from '../dates/edtf.js';
import { BoundedCache } from '../lib/bounded-cache.js';
import { queryRows } from '../db/sql.js';
import { z } from 'zod';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { ResolvedEventFilter } from '../events/event-filter.js';
import { chronologicalSql, participantOrderSql } from '../events/event-order.js';
import { onRecordBy, sourceOrderSql } from '../sources/source-order.js';
import type { Medium } from '../events/media.js';
import type { Presentation } from '../events/presentation.js';
import type { Translations } from '../events/translations.js';

export interface ExportDate {
  edtf: string;
  form: string;
  precision: string;
  display: string;
  /** ISO 8601 instants; null for an open or unknown side (or before 271,821 BC). */
  earliest: string | null;
  latest: string | null;
}

export interface ExportActor {
  slug: string;
  name: string;
  kind: string;
}

export interface ExportCitation {
  stance: string;
  quote: string | null;
  attribution: string | null;
  confidence: string | null;
  note: string | null;
  source: {
    slug: string;
    kind: string;
    title: string;
    author: string | null;
    url: string | null;
    published: ExportDate | null;
    retrieved: ExportDate | null;
    publisher: ExportActor | null;
  };
}

export interface ExportEvent {
  slug: string;
  title: string;
  summary: string | null;
  /** The summary as cleaned HTML, when it was given so (src/events/summary.ts). */
  summaryHtml: string | null;
  /** The language of title and summary, and the other languages' (src/events/translations.ts). */
  language: string | null;
  translations: Translations;
  kind: string;
  status: string;
  /** One EDTF value: a date, an interval (2017-05-25/2017-06-04, 2016-07-31/..) or a range. */
  date: ExportDate;
  place: string | null;
  tags: string[];
  participants: { role: string; actor: ExportActor }[];
  citations: ExportCitation[];
  /** No source is known for it yet (it then has no citations). */
  unsourced: boolean;
  /** Pictures, video, sound, documents and pages about it (src/events/media.ts). */
  media: Medium[];
  /** How a timeline shows it: group, background, display dates (src/events/presentation.ts). */
  presentation: Presentation;
  /** Where it happened on the map, when known. */
  location: ExportPlace | null;
}

export interface ExportPlace {
  slug: string;
  name: string;
  kind: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  externalIds: Record<string, string>;
}

export function exportDate(edtf: string): ExportDate {
  const d = parseEdtf(edtf);
  return {
    edtf: d.edtf,
    form: d.form,
    precision: d.precision,
    display: d.display,
    earliest: d.earliest?.toISOString() ?? null,
    latest: d.latest?.toISOString() ?? null,
  };
}

/** An event as its batch's statement builds it: JSON made by PostgreSQL, sources with their record time. */
interface RecordRow extends Omit<ExportEvent, 'date' | 'citations'> {
  date: string;
  citations: (Omit<ExportCitation, 'source'> & {
    source: Omit<ExportCitation['source'], 'published' | 'retrieved'> & {
      publishedEdtf: string | null;
      retrievedEdtf: string | null;
      onRecordAt: string | null;
    };
  })[];
}

const actorJson = (a: string) => Prisma.raw(`json_build_object('slug', ${a}.slug, 'name', ${a}.name, 'kind', ${a}.kind)`);

/** The JSON of an event under `e`, with its participants and citations in their one order each. */
export const RECORD_JSON = Prisma.sql`json_build_object(
  'slug', e.slug, 'title', e.title, 'summary', e.summary, 'summaryHtml', e."summaryHtml",
  'language', e.language, 'translations', e.translations, 'kind', e.kind, 'status', e.status, 'date', e.date, 'place', e.place, 'tags', e.tags,
  'participants', coalesce((
    SELECT json_agg(json_build_object('role', p.role, 'actor', ${actorJson('a')}) ORDER BY ${participantOrderSql('p', 'a')})
      FROM "Participation" p JOIN "Actor" a ON a.id = p."actorId" WHERE p."eventId" = e.id), '[]'),
  'citations', coalesce((
    SELECT json_agg(json_build_object(
             'stance', c.stance, 'quote', c.quote, 'attribution', c.attribution, 'confidence', c.confidence, 'note', c.note,
             'source', json_build_object('slug', s.slug, 'kind', s.kind, 'title', s.title, 'author', s.author, 'url', s.url,
               'publishedEdtf', s."publishedEdtf", 'retrievedEdtf', s."retrievedEdtf", 'onRecordAt', s."onRecordAt"::text,
               'publisher', (SELECT ${actorJson('pub')} FROM "Actor" pub WHERE pub.id = s."publisherId")))
             ORDER BY ${sourceOrderSql('s')})
      FROM "Citation" c JOIN "Source" s ON s.id = c."sourceId" WHERE c."eventId" = e.id), '[]'),
  'unsourced', e.unsourced, 'media', e.media, 'presentation', e.presentation,
  'location', (SELECT json_build_object('slug', pl.slug, 'name', pl.name, 'kind', pl.kind, 'country', pl.country,
                 'latitude', pl.latitude, 'longitude', pl.longitude, 'externalIds', pl."externalIds")
                 FROM "Place" pl WHERE pl.id = e."locationId"))::text`;

/** ExportDates by their text, shared and frozen: an export repeats the same dates again and again. */
const exportDates = new BoundedCache<string, ExportDate>(50_000);

function sharedExportDate(edtf: string): ExportDate {
  let date = exportDates.get(edtf);
  if (!date) {
    date = Object.freeze(exportDate(edtf));
    exportDates.set(edtf, date);
  }
  return date;
}

/**
 * The record, made from the parsed row in place (its keys keep their order, so the bytes are the
 * same as a copy's): a large export makes millions, and copies were a third of its time.
 */
function toRecord(row: RecordRow, knownBy: bigint | undefined): ExportEvent {
  const record = row as unknown as ExportEvent;
  record.date = sharedExportDate(row.date);
  const citations =
    knownBy === undefined ? row.citations : row.citations.filter((c) => onRecordBy(c.source.onRecordAt === null ? null : BigInt(c.source.onRecordAt), knownBy));
  for (const citation of citations) {
    const { source } = citation;
    (citation as unknown as ExportCitation).source = {
      slug: source.slug,
      kind: source.kind,
      title: source.title,
      author: source.author,
      url: source.url,
      published: source.publishedEdtf ? sharedExportDate(source.publishedEdtf) : null,
      retrieved: source.retrievedEdtf ? sharedExportDate(source.retrievedEdtf) : null,
      publisher: source.publisher,
    };
  }
  record.citations = citations as unknown as ExportCitation[];
  return record;
}

export const BATCH_SIZE = 500;

const batchRow = z.object({ sortAt: z.bigint(), slug: z.string(), record: z.string() });
type Batch = z.output<typeof batchRow>[];

/**
 * The events a filter matches, in chronological order, read in keyset batches: each batch walks
 * the (sortAt, slug) index on from the last one's end, so a batch costs the same at any depth and
 * memory stays flat whatever the size. One statement a batch, which builds every record as JSON
 * in PostgreSQL. The first batch is sent at once, before the records are asked for, so it is read
 * while the caller counts; then it stops reading when the consumer stops asking (one batch ahead
 * at most).
 */
export function exportRecords(db: PrismaClient, filter: ResolvedEventFilter): AsyncGenerator<ExportEvent> {
  const read = (after: Prisma.Sql) => {
    // Sent now (queryRows awaits it at once; a bare PrismaPromise would wait to be awaited). Its
    // failure is thrown where the batch is awaited, not reported as unhandled in the meantime.
    const rows = queryRows(
      db,
      batchRow,
      Prisma.sql`
      SELECT e."sortAt", e.slug, ${RECORD_JSON} AS record FROM "Event" e WHERE ${filter.condition}${after}
       ORDER BY ${chronologicalSql('e')} LIMIT ${BATCH_SIZE}::int`,
    );
    rows.catch(() => undefined);
    return rows;
  };
  return recordsOf(read, read(Prisma.empty), filter.knownBy);
}

async function* recordsOf(read: (after: Prisma.Sql) => Promise<Batch>, first: Promise<Batch>, knownBy: bigint | undefined): AsyncGenerator<ExportEvent> {
  let next = first;
  try {
    for (;;) {
      const batch = await next;
      // The database builds the next batch while this one is written out.
      const last = batch.at(-1);
      if (batch.length === BATCH_SIZE && last) {
        next = read(Prisma.sql` AND (e."sortAt", e.slug) > (${last.sortAt}, ${last.slug})`);
        // The pool writes it on a later tick: let it go out before a consumer that never yields to
        // the event loop (a file, a fast socket) takes the whole batch in microtasks.
        await new Promise((resolve) => setImmediate(resolve));
      }
      for (const { record } of batch) yield toRecord(JSON.parse(record) as RecordRow, knownBy);
      if (batch.length < BATCH_SIZE) return;
    }
  } finally {
    // A consumer that stops early leaves the next batch being read: no read outlives the export.
    await next.catch(() => undefined);
  }
}
