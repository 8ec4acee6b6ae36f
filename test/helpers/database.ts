// A real database for one test file: in-memory PGlite by default, or a fresh PostgreSQL database
// created next to DATABASE_URL (and dropped afterwards), migrated and seeded either way.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { seed } from '../../seed/seed.js';

export interface TestDatabase extends Database {
  target: DatabaseTarget;
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function openTestDatabase(options: { seed?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  let target: DatabaseTarget = { kind: 'pglite', dataDir: undefined };
  let dropDatabase = async () => {};
  if (adminUrl) {
    const name = `chronicle_test_${randomBytes(6).toString('hex')}`;
    await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    target = { kind: 'postgres', url: url.toString() };
    dropDatabase = () => withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {});
  }
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
