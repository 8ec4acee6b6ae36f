// One entry for every import of a file's text, from the CLI or over HTTP: a Chronicle dump goes
// to the record writer whole; an event list (CSV, NDJSON, JSON as `chronicle export` writes it)
// is planned and applied. Either way: validated first, one transaction, the same counts.
import path from 'node:path';
import type { PrismaClient } from '../generated/prisma/client.js';
import { isDump, readDump } from '../records/dump.js';
import { writeRecords } from '../records/record-writer.js';
import { applyImport, type ImportCounts } from './apply-import.js';
import { planImport } from './plan-import.js';
import { formatOf, parseImportText, type ColumnMap } from './read-import-file.js';

export interface ImportReport extends ImportCounts {
  /** What a dump import created or changed, field by field. */
  changes?: string[];
}

export async function importText(client: PrismaClient, text: string, file: string, options: { dryRun?: boolean; map?: ColumnMap } = {}): Promise<ImportReport> {
  if (formatOf(file) === 'ndjson' && isDump(text)) return writeRecords(client, readDump(text, path.basename(file)), options);
  return applyImport(client, planImport(file, parseImportText(text, file, options.map)), options);
}
