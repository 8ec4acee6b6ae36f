// Which failures are the user's to fix (a bad file, a setting, a locked directory): the CLI says
// those in one line. Anything else is a bug and keeps its stack.
import { SeedError } from '../../seed/seed-error.js';
import { ConfigError } from '../config.js';
import { DatabaseUnavailableError, MigrationStateError } from '../db/database-errors.js';
import { DataDirectoryLockedError, DataDirectoryUnusableError, ForeignDirectoryError } from '../db/data-dir-lock.js';
import { ImportValidationError } from '../imports/import-problems.js';
import { ImportFileError } from '../imports/import-problems.js';
import { InputError } from '../lib/errors.js';
import { WriteTimedOut } from '../records/record-writer.js';

/** A user's mistake that a worker thread met and put in words; the main thread says it. */
export class ReportedError extends Error {}

/** The message of a failure the user can fix; undefined for a bug. */
export function userMessage(error: unknown): string | undefined {
  if (
    error instanceof ReportedError ||
    error instanceof ConfigError ||
    error instanceof DatabaseUnavailableError ||
    error instanceof SeedError ||
    error instanceof InputError ||
    error instanceof ImportFileError ||
    error instanceof ImportValidationError ||
    error instanceof DataDirectoryLockedError ||
    error instanceof MigrationStateError ||
    error instanceof DataDirectoryUnusableError ||
    error instanceof ForeignDirectoryError ||
    error instanceof WriteTimedOut
  ) {
    return error.message;
  }
  return undefined;
}
