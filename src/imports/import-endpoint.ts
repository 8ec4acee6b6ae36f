// What POST /import takes and answers: shared by the server's route (import-http.ts) and
// `chronicle import --server`, which must not load the server's modules to know it.
import type { ImportReport } from './import-text.js';

export const IMPORT_PATH = '/import';
/** The largest file accepted over HTTP; larger ones are imported with the server stopped. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

/** What the server answers, and `chronicle import --server` reads. */
export type ImportResponse =
  | { dryRun: boolean; counts: Omit<ImportReport, 'changedEvents'> }
  | { error: { message: string; problems?: string[]; total?: number; omitted?: number } };
