// A real database for one test file: in-memory PGlite by default, or a fresh PostgreSQL database
// created next to DATABASE_URL (and dropped afterwards), migrated and seeded either way.
import { afterAll, beforeAll, beforeEach } from 'vitest';
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

/** Tables in an order to fill them in: each after the tables its foreign keys point to. */
function parentsFirst(tables: string[], references: { child: string; parent: string }[]): string[] {
  const ordered: string[] = [];
  const left = new Set(tables);
  while (left.size > 0) {
    const ready = [...left].filter((table) => references.every((r) => r.child !== table || r.parent === table || !left.has(r.parent)));
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${[...left].join(', ')}`);
    for (const table of ready) {
      ordered.push(table);
      left.delete(table);
    }
  }
  return ordered;
}

/**
 * Copies every table's rows into a schema of their own, and returns what puts them back: one
 * transaction that empties the tables and refills them from the copy, parents before children
 * and with the search triggers deferred (the copy holds the search rows too). It takes a few
 * milliseconds where seeding again takes seconds, and needs no more rights than the tests have.
 * The data version is left to move on, as in production: putting it back would let a cache
 * answer a later state with what it kept for an earlier one. The histogram summary is rebuilt by
 * its triggers, as the events are put back.
 */
async function snapshotTables(client: Database['client']): Promise<() => Promise<void>> {
  const rows = await client.$queryRaw<{ name: string }[]>`
    SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('_prisma_migrations', 'DataVersion', 'EventHistogramSummary') ORDER BY tablename`;
  const references = await client.$queryRaw<{ child: string; parent: string }[]>`
    SELECT child.relname AS child, parent.relname AS parent
      FROM pg_constraint c JOIN pg_class child ON child.oid = c.conrelid JOIN pg_class parent ON parent.oid = c.confrelid
     WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`;
  const tables = parentsFirst(
    rows.map((r) => r.name),
    references,
  ).map((name) => `"${name}"`);
  await client.$executeRawUnsafe('CREATE SCHEMA test_snapshot');
  for (const table of tables) await client.$executeRawUnsafe(`CREATE TABLE test_snapshot.${table} AS TABLE ${table}`);
  return async () => {
    await client.$transaction([
      client.$executeRawUnsafe("SELECT set_config('chronicle.defer_search', 'on', true)"),
      client.$executeRawUnsafe(`TRUNCATE ${tables.join(', ')}`),
      ...tables.map((table) => client.$executeRawUnsafe(`INSERT INTO ${table} SELECT * FROM test_snapshot.${table}`)),
    ]);
  };
}

/**
 * Opens a seeded test database for the calling test file, and closes it after. Before each test
 * the database is put back as it was opened, so no test depends on what another wrote or on the
 * order they run in (CI runs them shuffled).
 */
/** The database of the test file running: the one the shared Yoga instance (graphql.ts) serves. */
let current: TestDatabase | undefined;

export function currentTestDatabase(): TestDatabase {
  if (!current) throw new Error('no test database is open: call useTestDatabase() in the test file');
  return current;
}

export function useTestDatabase(
  options: {
    seed?: boolean;
    /** What the file's tests start from, beyond the seed: each test starts from it again. */
    prepare?: (database: TestDatabase) => Promise<void>;
  } = {},
): () => TestDatabase {
  let database: TestDatabase | undefined;
  let restore: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(options);
    current = database;
    await options.prepare?.(database);
    restore = await snapshotTables(database.client);
  });
  beforeEach(() => restore?.());
  afterAll(() => database?.close());
  return () => {
    if (!database) throw new Error('the test database is not open yet: use it inside a test or hook');
    return database;
  };
}
