// What a file is, told from its content: the JSON it holds, or the header and rows of a sheet
// (a CSV, or an Excel workbook's first sheet). The readers of other tools' files (TimelineJS,
// Wikidata, ACLED, GDELT) each look at these to say whether a file is theirs.
import { parse as parseCsv } from 'csv-parse/sync';
import type { Table } from './excel-file.js';
import type { RecordSource } from './record-source.js';

/** A JSON file's value, or undefined when it is no JSON file or not valid JSON (the usual reader says why). */
export async function jsonOf(source: RecordSource): Promise<unknown> {
  if (source.format !== 'json') return undefined;
  try {
    return JSON.parse(await source.text());
  } catch {
    return undefined;
  }
}

/** A sheet's header: a workbook's, or a CSV's first line (undefined when it is neither, or unreadable). */
export async function headerOf(source: RecordSource): Promise<string[] | undefined> {
  if (source.table) return (await source.table()).header;
  if (source.format !== 'csv') return undefined;
  try {
    const [header] = parseCsv(await source.firstLine(), { bom: true, relax_column_count: true, trim: true }) as string[][];
    return header;
  } catch {
    return undefined; // the CSV reader says what is wrong with it
  }
}

/** A sheet's rows by column, read whole: for the files of tools, which are what people export, not millions of rows. */
export async function tableOf(source: RecordSource): Promise<Table> {
  if (source.table) return source.table();
  const rows = parseCsv(await source.text(), { bom: true, columns: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as Record<
    string,
    string
  >[];
  const [header] = parseCsv(await source.firstLine(), { bom: true, relax_column_count: true, trim: true }) as string[][];
  return { header: header ?? [], rows };
}
