// CSV per RFC 4180: UTF-8 with a byte-order mark (Excel reads it as UTF-8; pandas skips it),
// CRLF line ends, quotes only where needed. Lists are JSON arrays in one cell. A cell that starts
// with = + - @ (or a tab or carriage return) gets a leading ' so a spreadsheet shows it as text
// instead of running it as a formula; import removes it again. A cell that starts with ' gets one
// too (a spreadsheet shows it as it was), so that removing one on import is exact.
import { stringify } from 'csv-stringify/sync';
import type { ExportEvent } from '../export-record.js';
import type { ExportFormat } from './format.js';

export const CSV_COLUMNS = [
  'slug',
  'title',
  'summary',
  'kind',
  'status',
  'date',
  'date_precision',
  'date_display',
  'date_earliest',
  'date_latest',
  'place',
  'tags',
  'participants',
  'citations',
  'unsourced',
  'media',
  'summary_html',
  'presentation',
  'location',
  'language',
  'translations',
] as const;

const ESCAPED_START = /^[=+\-@\t\r']/;

export function neutralise(cell: string): string {
  return ESCAPED_START.test(cell) ? `'${cell}` : cell;
}

export function restore(cell: string): string {
  return cell.startsWith("'") && ESCAPED_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

function row(e: ExportEvent): string[] {
  const cells = [
    e.slug,
    e.title,
    e.summary ?? '',
    e.kind,
    e.status,
    e.date.edtf,
    e.date.precision,
    e.date.display,
    e.date.earliest ?? '',
    e.date.latest ?? '',
    e.place ?? '',
    e.tags.join('; '),
    JSON.stringify(e.participants),
    JSON.stringify(e.citations),
    e.unsourced ? 'true' : '',
    e.media.length ? JSON.stringify(e.media) : '',
    e.summaryHtml ?? '',
    Object.keys(e.presentation).length ? JSON.stringify(e.presentation) : '',
    e.location ? JSON.stringify(e.location) : '',
    e.language ?? '',
    Object.keys(e.translations).length ? JSON.stringify(e.translations) : '',
  ];
  return cells.map(neutralise);
}

const lines = (rows: readonly (readonly string[])[]) => stringify(rows as string[][], { record_delimiter: '\r\n' });

/** Rows written at a time: csv-stringify costs ~80 µs a call whatever its size, ~10 µs a row. */
const ROWS_PER_CALL = 100;

export const csv: ExportFormat = {
  name: 'csv',
  extension: 'csv',
  contentType: 'text/csv; charset=utf-8; header=present',
  description: 'One row per event; participants and citations as JSON arrays in their cells (docs/exports.md).',
  metaInBody: false,
  async *write(records) {
    yield `\uFEFF${lines([CSV_COLUMNS])}`;
    let pending: string[][] = [];
    for await (const record of records) {
      pending.push(row(record));
      if (pending.length === ROWS_PER_CALL) {
        yield lines(pending);
        pending = [];
      }
    }
    if (pending.length > 0) yield lines(pending);
  },
};
