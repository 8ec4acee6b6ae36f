import type { ExportEvent } from '../export-record.js';

/** How an export was made; written in the body where a format has a place for it, beside it otherwise. */
export interface ExportMeta {
  generator: string;
  version: string;
  /** The filter as given, validated. */
  filter: Record<string, unknown>;
  count: number;
  /** When the data last changed (the latest record time), so the same data gives the same bytes. */
  dataTimestamp: string | null;
}

export interface ExportFormat {
  name: string;
  /** File name extension of a download, e.g. "csv" or "timeline.json". */
  extension: string;
  contentType: string;
  description: string;
  /** True when the body itself states the metadata (calendar properties, a title slide). */
  metaInBody: boolean;
  write(records: AsyncIterable<ExportEvent>, meta: ExportMeta): AsyncIterable<string>;
}
