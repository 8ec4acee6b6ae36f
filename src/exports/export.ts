// Exports: the events a filter matches, in a researcher's format, streamed as they are read.
import { resolveEventFilter, type EventFilter } from '../events/event-filter.js';
import { countEvents, countOf } from '../events/event-listing.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { VERSION } from '../lib/version.js';
import { exportRecords } from './export-record.js';
import { csv } from './formats/csv.js';
import type { ExportFormat, ExportMeta } from './formats/format.js';
import { ics } from './formats/ics.js';
import { json, ndjson } from './formats/json.js';
import { jsonld } from './formats/jsonld.js';
import { timelinejs } from './formats/timelinejs.js';

export const FORMATS: ExportFormat[] = [csv, ndjson, json, ics, jsonld, timelinejs];

export function formatNamed(name: string): ExportFormat | undefined {
  return FORMATS.find((f) => f.name === name);
}

/** When the data last changed: the latest record time of any event, actor, source or citation. */
async function dataTimestamp(db: PrismaClient): Promise<string | null> {
  const latest = await Promise.all([
    db.event.aggregate({ _max: { updatedAt: true } }),
    db.actor.aggregate({ _max: { updatedAt: true } }),
    db.source.aggregate({ _max: { updatedAt: true } }),
    db.citation.aggregate({ _max: { updatedAt: true } }),
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
}

/** Validates the filter (an InputError names what to fix) and prepares the stream. */
export async function prepareExport(db: PrismaClient, format: ExportFormat, filter: EventFilter, options: ExportOptions): Promise<PreparedExport> {
  const resolved = await resolveEventFilter(db, filter, 'filter');
  const [matches, timestamp] = await Promise.all([countEvents(db, resolved, undefined, options.count), dataTimestamp(db)]);
  const { count, exact } = options.count === 'all' ? { count: matches, exact: true } : countOf(matches);
  const meta: ExportMeta = {
    generator: 'Chronicle',
    version: VERSION,
    filter: JSON.parse(JSON.stringify(filter ?? {})) as Record<string, unknown>,
    count,
    countExact: exact,
    dataTimestamp: timestamp,
  };
  return { format, meta, body: format.write(counted(exportRecords(db, resolved), options.onRecord), meta) };
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
