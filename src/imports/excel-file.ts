// Excel workbooks (.xlsx), read as their first sheet saved as CSV would be: a header row, and a
// row of cells for each record, each cell as text. Dates Excel holds as dates are written as
// EDTF (2017-05-25, or 2017-05-25T17:40 with a time of day), which a mapping reads whatever its
// format. A workbook is read whole (read-excel-file); spreadsheets are what people type, not
// millions of rows.
import path from 'node:path';
import { readSheet, type CellValue } from 'read-excel-file/node';
import { ImportFileError } from './import-problems.js';

export interface Table {
  header: string[];
  /** Each row's cells by column, as a CSV's rows are read; the header is row 1. */
  rows: Record<string, string>[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the text a CSV would hold. */
function cellText(value: CellValue | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const day = value.toISOString().slice(0, 10);
    const seconds = value.getUTCHours() * 3600 + value.getUTCMinutes() * 60 + value.getUTCSeconds();
    const time = `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}${value.getUTCSeconds() ? `:${pad(value.getUTCSeconds())}` : ''}`;
    // A time of day alone is a date on Excel's day 0 (30 or 31 December 1899): it is the time.
    if (day === '1899-12-30' || day === '1899-12-31') return time;
    return seconds === 0 ? day : `${day}T${time}`;
  }
  // A number as people typed it: 0.1 + 0.2 stored as 0.30000000000000004 reads 0.3.
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  return String(value).trim();
}

/** The first sheet of a workbook, or an ImportFileError saying why it cannot be read. */
export async function readExcelTable(file: string): Promise<Table> {
  let data: CellValue[][];
  try {
    data = (await readSheet(file)) as CellValue[][];
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new ImportFileError(
      `${path.basename(file)}: ${code === 'ENOENT' ? 'no such file' : `is not an Excel workbook Chronicle can read (${message}); save it as .xlsx, or as CSV`}`,
    );
  }
  const [head = [], ...body] = data;
  const header = head.map(cellText);
  const rows = body
    .map((cells) => Object.fromEntries(header.map((column, i) => [column, cellText(cells[i])])))
    // Blank rows are skipped, as a CSV's empty lines are.
    .filter((cells) => Object.values(cells).some(Boolean));
  return { header, rows };
}
