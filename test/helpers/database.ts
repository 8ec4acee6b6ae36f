// A real database for one test file: in-memory PGlite by default, or a fresh PostgreSQL database
// created next to DATABASE_URL (and dropped afterwards), migrated and seeded either way.
import { afterAll, beforeAll } from 'vitest';
import type { DatabaseTarget } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { seed } from '../../seed/seed.js';
import { scratchDatabase } from './scratch-database.js';

export interface TestDatabase extends Database {
  target: DatabaseTarget;
}

export async function openTestDatabase(options: { seed?: boolean } = {}): Promise<TestDatabase> {
  const { target, drop: dropDatabase } = await scratchDatabase('chronicle_test');
  const database = await openDatabase(target, { migrate: true, countStatements: true });
  if (options.seed !== false) await seed(database.client);
  return {
    ...database,
    target,
    close: async () => {
      await database.close();
      await dropDatabase();
    },
  };
}

/** Opens a seeded test database for the calling test file, and closes it after. */
export function useTestDatabase(options: { seed?: boolean } = {}): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(options);
  });
  afterAll(() => database?.close());
  return () => {
    if (!database) throw new Error('the test database is not open yet: use it inside a test or hook');
    return database;
  };
}
