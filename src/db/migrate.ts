// Migrations: the prisma/migrations folder and Prisma's _prisma_migrations table, as
// `prisma migrate deploy` reads and writes them, applied here (its native engine must be
// downloaded and cannot be everywhere Chronicle runs). New migrations are written by Prisma's own
// schema engine compiled to wasm, over a driver adapter.
import { createHash, randomUUID } from 'node:crypto';
import { readFile, readdir, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import type { OpenedAdapter } from './adapter.js';
import { PROJECT_ROOT } from '../lib/project-root.js';
import { DATA_MIGRATIONS } from './data-migrations.js';
import { MigrationStateError } from './database-errors.js';

export const schemaPath = path.join(PROJECT_ROOT, 'prisma/schema.prisma');
export const migrationsDir = path.join(PROJECT_ROOT, 'prisma/migrations');
const LOCKFILE = 'migration_lock.toml';
const NO_FILTERS = { externalTables: [], externalEnums: [] };

let wasmReady: Promise<void> | undefined;

/** The package's entry imports a .wasm file, which Node cannot import: instantiate it by hand. */
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const entry = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm');
    const bytes = await readFile(path.join(path.dirname(entry), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': wasmBindings });
    const exports = instance.exports as Record<string, unknown> & { __wbindgen_start(): void };
    wasmBindings.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return wasmReady;
}

async function withEngine<T>(factory: SqlMigrationAwareDriverAdapterFactory, work: (engine: SchemaEngine, schema: string) => Promise<T>): Promise<T> {
  await loadWasm();
  const { SchemaEngine } = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const schema = await readFile(schemaPath, 'utf8');
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
  try {
    return await work(engine, schema);
  } finally {
    engine.free();
  }
}

async function readMigrations(dir = migrationsDir): Promise<MigrationList> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: await readFile(path.join(dir, name, 'migration.sql'), 'utf8') },
      },
    })),
  );
  const lockContent = await readFile(path.join(dir, LOCKFILE), 'utf8').catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: LOCKFILE, content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

// Prisma's own table, so `prisma migrate deploy` and `prisma migrate status` read what we write.
const MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"            VARCHAR(64) NOT NULL,
    "finished_at"         TIMESTAMPTZ,
    "migration_name"      VARCHAR(255) NOT NULL,
    "logs"                TEXT,
    "rolled_back_at"      TIMESTAMPTZ,
    "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`;

// Any constant both processes agree on: the lock that makes concurrent migrators take turns.
const MIGRATION_LOCK_KEY = 7_316_283_110;

/**
 * Applies the migrations the database has not seen yet; returns their names. Each one runs with
 * its _prisma_migrations row in one transaction, so a process killed at any moment leaves the
 * migration either applied and recorded, or neither. Concurrent migrators (several servers
 * starting on one PostgreSQL) wait for one another on an advisory lock, which PostgreSQL releases
 * if its holder dies.
 */
export async function applyMigrations(adapter: Pick<OpenedAdapter, 'withSession'>, dir = migrationsDir): Promise<string[]> {
  const { migrationDirectories } = await readMigrations(dir);
  return adapter.withSession(async (session) => {
    await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await session.exec(MIGRATIONS_TABLE);
      const rows = await session.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
        'SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"',
      );
      const unfinished = rows.find((r) => !r.finished_at && !r.rolled_back_at);
      if (unfinished) {
        throw new MigrationStateError(
          `migration ${unfinished.migration_name} was started and never finished (by an older Chronicle or by prisma migrate): check the database, then mark it with \`prisma migrate resolve\``,
        );
      }
      const done = new Set(rows.filter((r) => r.finished_at).map((r) => r.migration_name));
      const applied: string[] = [];
      for (const migration of migrationDirectories) {
        if (done.has(migration.path)) continue;
        const script = migration.migrationFile.content.value;
        await session.exec('BEGIN');
        try {
          await session.exec(script);
          await DATA_MIGRATIONS[migration.path]?.(session);
          await session.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
             VALUES ($1, $2, now(), $3, now(), 1)`,
            [randomUUID(), createHash('sha256').update(script).digest('hex'), migration.path],
          );
          await session.exec('COMMIT');
        } catch (error) {
          await session.exec('ROLLBACK');
          throw new MigrationStateError(`migration ${migration.path} failed and was rolled back: ${(error as Error).message}`);
        }
        applied.push(migration.path);
      }
      return applied;
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}

/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the existing
 * migrations to prisma/schema.prisma. Returns null when there is nothing to migrate.
 */
export async function createMigration(factory: SqlMigrationAwareDriverAdapterFactory, name: string): Promise<string | null> {
  const migrationsList = await readMigrations();
  const sql = await withEngine(factory, async (engine, schema) => {
    const from = migrationsList.migrationDirectories.length > 0 ? { tag: 'migrations' as const, ...migrationsList } : { tag: 'empty' as const };
    const result = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? '';
  });
  if (!sql.trim() || /^-- This is an empty migration\.?\s*$/.test(sql.trim())) return null;
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '') || 'migration';
  const dir = path.join(migrationsDir, `${stamp}_${slug}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'migration.sql'), sql);
  await writeFile(
    path.join(migrationsDir, LOCKFILE),
    '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
  );
  return dir;
}

/** Drops everything in the database, then applies all migrations again. */
export async function resetDatabase(adapter: Pick<OpenedAdapter, 'withSession'>): Promise<string[]> {
  await adapter.withSession((session) => session.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public'));
  return applyMigrations(adapter);
}
