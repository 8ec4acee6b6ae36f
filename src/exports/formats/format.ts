import type { TermScheme } from '../../generated/prisma/enums.js';
import type { TimelineRecord } from '../../timelines/timeline-record.js';
import type { ExportEvent } from '../export-record.js';

/** How an export was made; written in the body where a format has a place for it, beside it otherwise. */
export interface ExportMeta {
  generator: string;
  version: string;
  /** The filter as given, validated. */
  filter: Record<string, unknown>;
  /** How many events match: exact when countExact, otherwise a lower bound (see countText). */
  count: number;
  countExact: boolean;
  /** When the data last changed (the latest record time), so the same data gives the same bytes. */
  dataTimestamp: string | null;
}

/** "12 events", or "More than 100000 events" when the count was not taken to the end. */
export function countText(meta: ExportMeta): string {
  return `${meta.countExact ? '' : 'More than '}${meta.count} events`;
}

/** What some formats show beside the records, read once for an export. */
export interface ExportContext {
  /** A term's label ("Phone call"), or its slug when no term has it. */
  label(scheme: TermScheme, slug: string): string;
  /** The timeline the filter names, when it names exactly one: its title slide and eras. */
  timeline?: TimelineRecord | undefined;
}

export interface ExportFormat {
  name: string;
  /** File name extension of a download, e.g. "csv" or "timeline.json". */
  extension: string;
  contentType: string;
  description: string;
  /** True when the body itself states the metadata (calendar properties, a title slide). */
  metaInBody: boolean;
  /** Made to be read by people (a calendar, a timeline, a map), not imported again: read in the reader's language (Accept-Language). */
  forReaders?: boolean;
  write(records: AsyncIterable<ExportEvent>, meta: ExportMeta, context: ExportContext): AsyncIterable<string>;
}
