// Reads an import file into raw records with their row numbers: CSV (as `chronicle export`
// writes it), NDJSON (one record per line) or JSON (an array of records).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { restore } from '../exports/formats/csv.js';
import { checkMappedHeader, type Mapping, mappedRecord } from './column-mapping.js';
import { ImportFileError, type RawRecord } from './import-problems.js';

export type ImportFormat = 'csv' | 'ndjson' | 'json' | 'xlsx';

export function formatOf(file: string): ImportFormat {
  const extension = path.extname(file).slice(1).toLowerCase();
  if (extension === 'csv' || extension === 'ndjson' || extension === 'json' || extension === 'xlsx') return extension;
  if (extension === 'jsonl') return 'ndjson';
  if (extension === 'xls') throw new ImportFileError(`${path.basename(file)}: an Excel 97-2003 workbook; save it as .xlsx (Excel Workbook) or as CSV`);
  throw new ImportFileError(`${path.basename(file)}: cannot tell the format from ".${extension}"; name it .csv, .xlsx, .ndjson or .json`);
}

/** The columns a CSV needs, as `chronicle export` names them (docs/exports.md lists them all). */
const REQUIRED_COLUMNS = ['slug', 'title', 'kind', 'status', 'date'];

/**
 * How a CSV's columns are read: Chronicle's own as exports write them, renamed to the file's
 * (`--map slug=id,title=headline`); or a spreadsheet's own through a mapping (`--map map.yaml`,
 * column-mapping.ts).
 */
export type ColumnMap = { renames: Record<string, string>; mapping?: undefined } | { mapping: Mapping; renames?: undefined };

export const NO_MAP: ColumnMap = { renames: {} };

/** Renames from `chronicle=yours` pairs. */
export function parseColumnMap(text: string | undefined): { renames: Record<string, string> } {
  const map: Record<string, string> = {};
  for (const pair of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [ours, theirs] = pair.split('=').map((p) => p.trim());
    if (!ours || !theirs) throw new ImportFileError(`--map: "${pair}" is not a pair; write chronicle=yours, e.g. --map slug=id,title=headline`);
    map[ours] = theirs;
  }
  return { renames: map };
}

/** Whether a header has the columns an export writes, under the names `renames` gives them. */
export function holdsExportColumns(header: string[], renames: Record<string, string>): boolean {
  return REQUIRED_COLUMNS.every((column) => header.includes(renames[column] ?? column));
}

/** Refuses a header without the columns the file is read by: an export's (renamed), or a mapping's. */
export function checkHeader(header: string[], name: string, map: ColumnMap): string[] {
  if (map.mapping) {
    checkMappedHeader(header, map.mapping, name);
    return header;
  }
  const renames = map.renames;
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(renames[column] ?? column));
  if (missing.length > 0) {
    throw new ImportFileError(
      `${name}: no column ${missing.map((c) => `"${renames[c] ?? c}"`).join(', ')}; the columns are ${header.map((c) => `"${c}"`).join(', ')}; ` +
        'see docs/exports.md for the columns Chronicle reads, name yours with --map (e.g. --map slug=id,title=headline), or map a spreadsheet of your own with --map map.yaml (docs/imports.md; --suggest-map drafts one)',
    );
  }
  return header;
}

export function csvOptions(name: string, map: ColumnMap) {
  return { bom: true, skip_empty_lines: true, relax_column_count: false, columns: (header: string[]) => checkHeader(header, name, map) };
}

export function csvError(error: unknown, name: string): unknown {
  if (error instanceof ImportFileError) return error;
  const { lines, message } = error as { lines?: number; message: string };
  return new ImportFileError(
    `${name}: ${lines ? `row ${lines}: ` : ''}${message.replace(/^Invalid Record Length: /, 'wrong number of cells: ')}; check the quoting (a quote inside a quoted cell is written "")`,
  );
}

/** A CSV row's cells as the record an NDJSON export holds. */
export function csvRecord(cells: Record<string, string>, row: number, name: string, map: ColumnMap): RawRecord {
  if (map.mapping) return mappedRecord(cells, row, map.mapping);
  const renames = map.renames;
  const cell = (column: string) => restore(cells[renames[column] ?? column] ?? '');
  const json = (column: string, empty: unknown = []) => {
    const raw = cell(column);
    if (!raw) return empty;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      throw new ImportFileError(`${name}: row ${row}, field ${column}: is not JSON; export a sample to see the expected shape`);
    }
  };
  const has = (column: string) => (renames[column] ?? column) in cells;
  return {
    row,
    value: {
      slug: cell('slug'),
      title: cell('title'),
      summary: cell('summary'),
      summaryHtml: cell('summary_html'),
      kind: cell('kind'),
      status: cell('status'),
      // end_date: files from Chronicle before dates were one EDTF value.
      date: cell('date'),
      endDate: cell('end_date') || null,
      place: cell('place'),
      tags: cell('tags')
        ? cell('tags')
            .split(';')
            .map((t) => t.trim())
            .filter(Boolean)
        : [],
      participants: json('participants'),
      citations: json('citations'),
      // No media column (an older export): the event's media stay as stored.
      media: has('media') ? json('media') : undefined,
      presentation: has('presentation') ? json('presentation', {}) : undefined,
      // An empty cell: no place on the map (cleared); no column: as stored.
      location: has('location') ? json('location', null) : undefined,
      language: has('language') ? cell('language') || null : undefined,
      translations: has('translations') ? json('translations', {}) : undefined,
      // An empty cell (or no column) says nothing; anything but true or false is refused by the schema.
      unsourced: cell('unsourced') === '' ? undefined : (({ true: true, false: false } as Record<string, boolean>)[cell('unsourced')] ?? cell('unsourced')),
    },
  };
}

function csvRecords(text: string, name: string, map: ColumnMap): RawRecord[] {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, csvOptions(name, map));
  } catch (error) {
    throw csvError(error, name);
  }
  return rows.map((cells, index) => csvRecord(cells, index + 2, name, map));
}

export function ndjsonRecord(line: string, number: number, name: string): RawRecord[] {
  if (!line.trim()) return [];
  try {
    return [{ row: number, value: JSON.parse(line) as unknown }];
  } catch {
    throw new ImportFileError(`${name}: line ${number}: is not valid JSON; each line must be one JSON object`);
  }
}

/** Why a file could not be opened, in its name: "events.csv: no such file". */
export function unreadable(file: string, error: NodeJS.ErrnoException): ImportFileError {
  return new ImportFileError(`${path.basename(file)}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
}

export async function readImportText(file: string): Promise<string> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw unreadable(file, error);
  });
  return decodeImportBytes(bytes, file);
}

/**
 * A file's bytes as text, or an ImportFileError at its first byte that is not UTF-8: decoded
 * leniently, a Latin-1 "Peña" would be stored as "Pe\uFFFDa" without a word.
 */
export function decodeImportBytes(bytes: Uint8Array, file: string): string {
  const text = new TextDecoder().decode(bytes);
  for (let at = text.indexOf('\uFFFD'); at !== -1; at = text.indexOf('\uFFFD', at + 1)) {
    const offset = Buffer.byteLength(text.slice(0, at));
    // A U+FFFD the file really holds is written EF BF BD; anything else there was not UTF-8.
    if (bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd) continue;
    const line = text.slice(0, at).split('\n').length;
    throw new ImportFileError(
      `${path.basename(file)}: line ${line}, byte ${offset}: 0x${bytes[offset]!.toString(16).padStart(2, '0')} is not UTF-8; save the file as UTF-8 (from Latin-1: iconv -f latin1 -t utf-8 FILE)`,
    );
  }
  return text;
}

/** The records of a file's text; its name says the format, as a file's extension does. */
export function parseImportText(withBom: string, file: string, map: ColumnMap = NO_MAP): RawRecord[] {
  const name = path.basename(file);
  // A byte-order mark, as Windows tools write, is no part of the records in any format.
  const text = withBom.startsWith('\uFEFF') ? withBom.slice(1) : withBom;
  const format = formatOf(file);
  if (format === 'xlsx') throw new ImportFileError(`${name}: an Excel workbook is read from a file: import it with chronicle import, or save it as CSV`);
  if (format === 'csv') return csvRecords(text, name, map);
  if (format === 'ndjson') return text.split('\n').flatMap((line, index) => ndjsonRecord(line, index + 1, name));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ImportFileError(`${name}: is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new ImportFileError(`${name}: must hold a JSON array of events`);
  return parsed.map((value, index) => ({ row: index + 1, value }));
}
