// Where an import's records come from: a file read as a stream (CSV and NDJSON a record at a time,
// so that memory does not grow with the file), or a text already in memory. Either may be read
// again: an import reads a file once, and a second time only to settle a slug it saw twice.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse as parseCsvStream } from 'csv-parse';
import { holdsTypedRecords } from '../records/dump.js';
import { readExcelTable, type Table } from './excel-file.js';
import {
  checkHeader,
  csvError,
  csvOptions,
  csvRecord,
  decodeImportBytes,
  formatOf,
  ndjsonRecord,
  NO_MAP,
  parseImportText,
  readImportText,
  type ColumnMap,
  type ImportFormat,
} from './read-import-file.js';
import { ImportFileError, type RawRecord } from './import-problems.js';

export interface RecordSource {
  /** The file's name, for messages. */
  name: string;
  format: ImportFormat;
  /** The records from the first, read afresh at each call. */
  records(): AsyncIterable<RawRecord>;
  /** The whole text, for what is read whole: typed records, a JSON array. */
  text(): Promise<string>;
  /** The first line, which tells typed records from an event list in NDJSON. */
  firstLine(): Promise<string>;
  /** An Excel workbook's first sheet, read whole. */
  table?: () => Promise<Table>;
  /** Read through a column map (--map): a spreadsheet of one's own, never another tool's file. */
  mapped?: boolean;
}

const isMapped = (map: ColumnMap) => Boolean(map.mapping) || Object.keys(map.renames ?? {}).length > 0;

/** A text in memory (a request's body, a test's file). */
export function textSource(text: string, file: string, map: ColumnMap = NO_MAP): RecordSource {
  return {
    name: path.basename(file),
    format: formatOf(file),
    mapped: isMapped(map),
    async *records() {
      yield* parseImportText(text, file, map);
    },
    text: async () => text,
    firstLine: async () => text.slice(0, text.indexOf('\n') + 1 || undefined),
  };
}

/** A source's records as a reader of its format made them (a TimelineJS file's slides, a Wikidata result's items). */
export function withRecords(source: RecordSource, records: RawRecord[]): RecordSource {
  return {
    ...source,
    async *records() {
      yield* records;
    },
  };
}

const READ_BYTES = 1024 * 1024;

/**
 * A file's text in pieces, checked as UTF-8 as it is read (the first byte that is not names its
 * line and offset, as decodeImportBytes does for a whole file), without its byte-order mark.
 */
async function* utf8Pieces(file: string, onRead?: (bytes: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  let lines = 1;
  let first = true;
  const stream = createReadStream(file, { highWaterMark: READ_BYTES }) as AsyncIterable<Buffer>;
  const chunks = (async function* () {
    try {
      yield* stream;
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      throw new ImportFileError(`${path.basename(file)}: ${code === 'ENOENT' ? 'no such file' : message}`);
    }
  })();
  for await (const chunk of chunks) {
    let piece: string;
    try {
      piece = decoder.decode(chunk, { stream: true });
    } catch {
      // Where in this chunk: the same search as for a whole file, its line and offset moved on.
      const where = (() => {
        try {
          decodeImportBytes(chunk, file);
          return { line: lines, byte: offset };
        } catch (error) {
          const found = /line (\d+), byte (\d+)/.exec((error as Error).message);
          return { line: lines + Number(found?.[1] ?? 1) - 1, byte: offset + Number(found?.[2] ?? 0) };
        }
      })();
      throw new ImportFileError(
        `${path.basename(file)}: line ${where.line}, byte ${where.byte}: 0x${(chunk[where.byte - offset] ?? 0).toString(16).padStart(2, '0')} is not UTF-8; save the file as UTF-8 (from Latin-1: iconv -f latin1 -t utf-8 FILE)`,
      );
    }
    if (first && piece.startsWith('\uFEFF')) piece = piece.slice(1);
    first = false;
    offset += chunk.byteLength;
    onRead?.(offset);
    for (let at = piece.indexOf('\n'); at !== -1; at = piece.indexOf('\n', at + 1)) lines += 1;
    if (piece) yield piece;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * Told, as a file's records are read, how far: `reading` counts the readings of the records from
 * 0 (an import reads them once, and again only to settle a repeated slug), `bytes` is how many of
 * the file's it has read.
 */
export type ReadProgress = (reading: number, bytes: number) => void;

/** A file on disk, read as a stream each time its records are asked for. */
export function fileSource(file: string, map: ColumnMap = NO_MAP, onRead?: ReadProgress): RecordSource {
  const name = path.basename(file);
  let readings = 0;
  const format = formatOf(file);
  const text = () => readImportText(file);
  return {
    name,
    format,
    mapped: isMapped(map),
    text,
    ...(format === 'xlsx' ? { table: () => readExcelTable(file) } : {}),
    async firstLine() {
      let head = '';
      for await (const piece of utf8Pieces(file)) {
        head += piece;
        const end = head.indexOf('\n');
        if (end !== -1) return head.slice(0, end + 1);
      }
      return head;
    },
    async *records() {
      const reading = readings++;
      const progress = onRead && ((bytes: number) => onRead(reading, bytes));
      if (format === 'json') {
        yield* parseImportText(await text(), file, map);
      } else if (format === 'xlsx') {
        const { header, rows } = await readExcelTable(file);
        checkHeader(header, name, map);
        yield* rows.map((cells, index) => csvRecord(cells, index + 2, name, map));
      } else if (format === 'ndjson') {
        let number = 0;
        let carried = '';
        for await (const piece of utf8Pieces(file, progress)) {
          const lines = (carried + piece).split('\n');
          carried = lines.pop()!;
          for (const line of lines) yield* ndjsonRecord(line, ++number, name);
        }
        yield* ndjsonRecord(carried, ++number, name);
      } else {
        const parser = Readable.from(utf8Pieces(file, progress)).pipe(parseCsvStream(csvOptions(name, map)));
        let row = 1;
        try {
          for await (const cells of parser as AsyncIterable<Record<string, string>>) yield csvRecord(cells, ++row, name, map);
        } catch (error) {
          throw csvError(error, name);
        }
      }
    },
  };
}

/**
 * Whether an import reads the source whole (a JSON array, typed records), where memory grows
 * with the file; an event list in CSV or NDJSON is read a record at a time.
 */
export async function readsWhole(source: RecordSource): Promise<boolean> {
  return source.format === 'json' || source.format === 'xlsx' || (source.format === 'ndjson' && holdsTypedRecords(await source.firstLine(), 'ndjson'));
}
