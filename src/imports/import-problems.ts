// An import's problems: every one found, reported by file, row and field with its fix, a problem
// repeated on many rows as one line; nothing is written while there is one.

/** Lines of problems reported at most; a problem repeated on many rows is one line. */
export const MAX_REPORTED_ERRORS = 20;

/** A record as a file holds it, before it is checked. */
export interface RawRecord {
  /** Row (CSV, counting the header as row 1), line (NDJSON) or position (JSON, from 1). */
  row: number;
  value: unknown;
  /** What reading it found wrong, by field (a spreadsheet's date not in its mapping's format). */
  problems?: { field: string; message: string }[];
}

/** A file that cannot be read as records at all: its format, its encoding, its columns. */
export class ImportFileError extends Error {}

export class ImportValidationError extends Error {
  /**
   * `problems`: the lines reported; `total`: every problem on every row; `omitted`: lines of
   * problems left out after the first MAX_REPORTED_ERRORS.
   */
  constructor(
    readonly problems: string[],
    readonly total: number,
    readonly omitted = 0,
  ) {
    super(
      `${total} problem${total === 1 ? '' : 's'}; nothing was imported:\n${problems.join('\n')}${omitted > 0 ? `\n... and ${omitted} more kinds of problem` : ''}`,
    );
  }
}

/** Problems by field and message: the same problem on 236 rows is one line naming the first. */
export class Problems {
  private readonly byKind = new Map<string, { field: string; message: string; rows: number[] }>();

  get any(): boolean {
    return this.byKind.size > 0;
  }

  add(row: number, field: string, message: string): void {
    const key = `${field}\u0000${message}`;
    const kind = this.byKind.get(key) ?? { field, message, rows: [] };
    kind.rows.push(row);
    this.byKind.set(key, kind);
  }

  throwIfAny(name: string): void {
    if (this.byKind.size === 0) return;
    const kinds = [...this.byKind.values()].sort((a, b) => a.rows[0]! - b.rows[0]!);
    const lines = kinds.map(({ field, message, rows }) =>
      rows.length === 1
        ? `${name}: row ${rows[0]}, field ${field}: ${message}`
        : `${name}: ${rows.length} rows, field ${field}: ${message} (first at row ${rows[0]})`,
    );
    const total = kinds.reduce((sum, k) => sum + k.rows.length, 0);
    throw new ImportValidationError(lines.slice(0, MAX_REPORTED_ERRORS), total, Math.max(0, lines.length - MAX_REPORTED_ERRORS));
  }
}
