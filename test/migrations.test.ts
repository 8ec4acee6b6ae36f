// Migrations as operators meet them: each applied with its record in one transaction, a failing
// one rolled back whole, and servers starting together on one PostgreSQL taking turns.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAdapter, type OpenedAdapter } from '../src/db/adapter.js';
import { applyMigrations, MigrationStateError } from '../src/db/migrate.js';
import { scratchDatabase } from './helpers/scratch-database.js';

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let adapter: OpenedAdapter;
let dir: string;

beforeAll(async () => {
  scratch = await scratchDatabase('chronicle_migrations');
  adapter = await openAdapter(scratch.target);
  dir = await mkdtemp(path.join(tmpdir(), 'chronicle-migrations-'));
});
afterAll(async () => {
  await adapter.close();
  await scratch.drop();
  await rm(dir, { recursive: true, force: true });
});

async function migration(name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name), { recursive: true });
  await writeFile(path.join(dir, name, 'migration.sql'), sql);
}

const tables = () => adapter.withSession((s) => s.query<{ table_name: string }>(
  `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'm\\_%' ORDER BY 1`,
)).then((rows) => rows.map((r) => r.table_name));

const recorded = () => adapter.withSession((s) => s.query<{ migration_name: string }>(
  'SELECT migration_name FROM "_prisma_migrations" ORDER BY 1',
)).then((rows) => rows.map((r) => r.migration_name));

describe('an operator upgrades a database', () => {
  it('applies a failing migration not at all, records nothing, and applies it once fixed', async () => {
    await migration('1_first', 'CREATE TABLE m_first (id int);');
    await migration('2_broken', 'CREATE TABLE m_second (id int);\nINSERT INTO m_missing VALUES (1);');
    await expect(applyMigrations(adapter, dir)).rejects.toThrow(MigrationStateError);
    await expect(applyMigrations(adapter, dir)).rejects.toThrow('migration 2_broken failed and was rolled back: relation "m_missing" does not exist');
    expect(await tables()).toEqual(['m_first']);
    expect(await recorded()).toEqual(['1_first']);

    await migration('2_broken', 'CREATE TABLE m_second (id int);');
    expect(await applyMigrations(adapter, dir)).toEqual(['2_broken']);
    expect(await tables()).toEqual(['m_first', 'm_second']);
    expect(await applyMigrations(adapter, dir)).toEqual([]);
  });

  it.runIf(process.env.DATABASE_URL)('lets servers starting at once on one PostgreSQL take turns: each migration runs once', async () => {
    await migration('3_slow', 'CREATE TABLE m_third (id int); SELECT pg_sleep(0.5);');
    const others = await Promise.all([openAdapter(scratch.target), openAdapter(scratch.target)]);
    try {
      const applied = await Promise.all([adapter, ...others].map((a) => applyMigrations(a, dir)));
      expect(applied.flat()).toEqual(['3_slow']);
      expect(await recorded()).toEqual(['1_first', '2_broken', '3_slow']);
    } finally {
      await Promise.all(others.map((a) => a.close()));
    }
  });
});
