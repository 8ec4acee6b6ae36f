// The configured database, opened (and migrated) for one command and closed after it. Loaded when
// a command runs: the command line starts without the database's modules.
import { databaseTarget, loadConfig } from '../config.js';
import type { PrismaClient } from '../generated/prisma/client.js';

/** Runs `run` on the configured database; `command` names this process in the embedded database's lock. */
export async function withDatabase<T>(command: string, run: (db: PrismaClient) => Promise<T>): Promise<T> {
  const { openDatabase } = await import('../db/client.js');
  const database = await openDatabase(databaseTarget(loadConfig()), { migrate: true, command });
  try {
    return await run(database.client);
  } finally {
    await database.close();
  }
}
