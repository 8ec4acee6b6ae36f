// Exports: the events a filter matches, in a researcher's format, streamed as they are read.
import { resolveEventFilter, type EventFilter, type ResolvedEventFilter } from '../events/event-filter.js';
import { countEvents, countOf } from '../events/event-listing.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { VERSION } from '../lib/version.js';
import { exportRecords } from './export-record.js';
import { termKey } from '../vocabulary/terms.js';
import { readIn } from '../events/translations.js';
import { timelineRecordOf } from '../timelines/timeline-record.js';
import type { ExportContext, ExportFormat, ExportMeta } from './formats/format.js';

/** When the data last changed: the latest record time of any event, actor, source or citation. */
async function dataTimestamp(db: PrismaClient): Promise<string | null> {
  const latest = await Promise.all([
    db.event.aggregate({ _max: { updatedAt: true } }),
    db.actor.aggregate({ _max: { updatedAt: true } }),
    db.source.aggregate({ _max: { updatedAt: true } }),
    db.citation.aggregate({ _max: { updatedAt: true } }),
    db.timeline.aggregate({ _max: { updatedAt: true } }),
    db.place.aggregate({ _max: { updatedAt: true } }),
  ]);
  const times = latest.map((l) => l._max.updatedAt?.getTime() ?? 0);
  const max = Math.max(...times);
  return max > 0 ? new Date(max).toISOString() : null;
}

export interface PreparedExport {
  format: ExportFormat;
  meta: ExportMeta;
  /** The body, chunk by chunk; stop iterating and the reading stops. */
  body: AsyncIterable<string>;
}

export interface ExportOptions {
  /**
   * 'all' counts every match before the first row (the CLI, the meta document); 'bounded' stops at
   * MAX_EXACT_COUNT, so a download of millions starts at once and says "more than 100000".
   */
  count: 'all' | 'bounded';
  /** Called as each record is read. */
  onRecord?: () => void;
  /** Languages to read each event in, by preference (Accept-Language, --lang): its own words when it has none of them. */
  languages?: string[];
}

async function metaOf(db: PrismaClient, filter: EventFilter, resolved: ResolvedEventFilter, counting: ExportOptions['count']): Promise<ExportMeta> {
  const [matches, timestamp] = await Promise.all([countEvents(db, resolved, undefined, counting), dataTimestamp(db)]);
  const { count, exact } = counting === 'all' ? { count: matches, exact: true } : countOf(matches);
  return {
    generator: 'Chronicle',
    version: VERSION,
    filter: JSON.parse(JSON.stringify(filter ?? {})) as Record<string, unknown>,
    count,
    countExact: exact,
    dataTimestamp: timestamp,
  };
}

/** What an export of these events says about itself, without reading them: the meta document, a HEAD. */
export async function describeExport(db: PrismaClient, filter: EventFilter, counting: ExportOptions['count']): Promise<ExportMeta> {
  return metaOf(db, filter, await resolveEventFilter(db, filter, 'filter'), counting);
}

/** Validates the filter (an InputError names what to fix) and prepares the stream. */
export async function prepareExport(db: PrismaClient, format: ExportFormat, filter: EventFilter, options: ExportOptions): Promise<PreparedExport> {
  const resolved = await resolveEventFilter(db, filter, 'filter');
  // The first batch is read while the matches are counted: the first byte waits for the slower
  // of the two, not for both one after the other.
  const records = exportRecords(db, resolved);
  const [meta, context] = await Promise.all([metaOf(db, filter, resolved, options.count), contextOf(db, filter)]);
  const languages = options.languages ?? [];
  const read = languages.length ? mapped(records, (record) => readIn(record, languages)) : records;
  return { format, meta, body: format.write(counted(read, options.onRecord), meta, context) };
}

/** The vocabularies' labels (a few hundred terms at most), and the timeline a filter names alone. */
async function contextOf(db: PrismaClient, filter: EventFilter): Promise<ExportContext> {
  const [terms, timeline] = await Promise.all([
    db.term.findMany({ select: { scheme: true, slug: true, label: true } }),
    filter?.timelines?.length === 1 ? db.timeline.findUnique({ where: { slug: filter.timelines[0]! } }) : null,
  ]);
  const labels = new Map(terms.map((t) => [termKey(t.scheme, t.slug), t.label]));
  return {
    label: (scheme, slug) => labels.get(termKey(scheme, slug)) ?? slug,
    timeline: timeline ? timelineRecordOf(timeline, []) : undefined,
  };
}

async function* mapped<T>(records: AsyncIterable<T>, map: (record: T) => T): AsyncGenerator<T> {
  for await (const record of records) yield map(record);
}

async function* counted<T>(records: AsyncIterable<T>, onRecord: (() => void) | undefined): AsyncGenerator<T> {
  for await (const record of records) {
    onRecord?.();
    yield record;
  }
}

/** A download's file name: chronicle-events.csv, chronicle-events.timeline.json. */
export function fileName(format: ExportFormat): string {
  return `chronicle-events.${format.extension}`;
}
