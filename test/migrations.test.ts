// Migrations as operators meet them: each applied with its record in one transaction, a failing
// one rolled back whole, and servers starting together on one PostgreSQL taking turns.
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAdapter } from '../src/db/adapter.js';
import { eventTimeOf } from '../src/dates/event-time.js';
import { MigrationStateError } from '../src/db/database-errors.js';
import { applyMigrations, migrationsDir } from '../src/db/migrate.js';
import { scratchDatabase } from './helpers/scratch-database.js';

/** A fresh database and an empty migrations folder of its own, for one test; closed after it. */
async function freshDatabase(onTestFinished: (fn: () => Promise<void>) => void) {
  const scratch = await scratchDatabase('chronicle_migrations');
  const adapter = await openAdapter(scratch.target);
  const dir = await mkdtemp(path.join(tmpdir(), 'chronicle-migrations-'));
  onTestFinished(async () => {
    await adapter.close();
    await scratch.drop();
    await rm(dir, { recursive: true, force: true });
  });
  const migration = async (name: string, sql: string): Promise<void> => {
    await mkdir(path.join(dir, name), { recursive: true });
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  };
  const tables = () =>
    adapter
      .withSession((s) =>
        s.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'm\\_%' ORDER BY 1`,
        ),
      )
      .then((rows) => rows.map((r) => r.table_name));
  const recorded = () =>
    adapter
      .withSession((s) => s.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" ORDER BY 1'))
      .then((rows) => rows.map((r) => r.migration_name));
  return { scratch, adapter, dir, migration, tables, recorded };
}

describe('an operator upgrades a database', () => {
  it('applies a failing migration not at all, records nothing, and applies it once fixed', async ({ onTestFinished }) => {
    const { adapter, dir, migration, tables, recorded } = await freshDatabase(onTestFinished);
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

  it.runIf(process.env.DATABASE_URL)('lets servers starting at once on one PostgreSQL take turns: each migration runs once', async ({ onTestFinished }) => {
    const { scratch, adapter, dir, migration, recorded } = await freshDatabase(onTestFinished);
    await migration('1_first', 'CREATE TABLE m_first (id int);');
    expect(await applyMigrations(adapter, dir)).toEqual(['1_first']);
    await migration('2_slow', 'CREATE TABLE m_second (id int); SELECT pg_sleep(0.5);');
    const others = await Promise.all([openAdapter(scratch.target), openAdapter(scratch.target)]);
    try {
      const applied = await Promise.all([adapter, ...others].map((a) => applyMigrations(a, dir)));
      expect(applied.flat()).toEqual(['2_slow']);
      expect(await recorded()).toEqual(['1_first', '2_slow']);
    } finally {
      await Promise.all(others.map((a) => a.close()));
    }
  });
});

describe('a database from before dates were one EDTF value', () => {
  it('is migrated: start and end become one interval, older forms become EDTF, and the instants are filled in', async () => {
    const old = await scratchDatabase('chronicle_migrations_old');
    const oldAdapter = await openAdapter(old.target);
    try {
      const before = await mkdtemp(path.join(tmpdir(), 'chronicle-before-event-time-'));
      for (const name of (await readdir(migrationsDir)).filter((n) => n < '20261127200000')) {
        await cp(path.join(migrationsDir, name), path.join(before, name), { recursive: true });
      }
      await applyMigrations(oldAdapter, before);
      await oldAdapter.withSession((s) =>
        s.exec(`
        INSERT INTO "Event" (id, slug, title, kind, status, "startEdtf", "startPrecision", "endEdtf", "endPrecision", earliest, latest, "sortAt", "updatedAt") VALUES
          (gen_random_uuid(), 'leak', 'Leak', 'LEAK', 'CONFIRMED', '2017-01-31', 'DAY', '[2017-02-01..2017-02-02]', 'DAY', '2017-01-31', '2017-02-02T23:59:59.999Z', '2017-01-31', now()),
          (gen_random_uuid(), 'before', 'Before', 'REPORT', 'REPORTED', '..2017-06-04', 'DAY', NULL, NULL, NULL, '2017-06-04T23:59:59.999Z', '2017-06-04T23:59:59.999Z', now());
        INSERT INTO "Source" (id, slug, kind, title, "publishedEdtf", "publishedLatest", "updatedAt") VALUES
          (gen_random_uuid(), 'hill', 'NEWS_REPORT', 'The Hill', '..2017-06-04', '2017-06-04T23:59:59.999Z', now())`),
      );
      expect((await applyMigrations(oldAdapter)).slice(0, 2)).toEqual(['20261127200000_event_time_columns', '20261127200100_event_time_required']);
      const events = await oldAdapter.withSession((s) =>
        s.query<{ slug: string; date: string; sortAt: string; spanEnd: string }>(
          'SELECT slug, date, "sortAt"::text AS "sortAt", "spanEnd"::text AS "spanEnd" FROM "Event" ORDER BY slug',
        ),
      );
      expect(events).toEqual([
        { slug: 'before', date: '[..2017-06-04]', sortAt: String(eventTimeOf('[..2017-06-04]').sortAt), spanEnd: String(eventTimeOf('2017-06-04').endLatest) },
        {
          slug: 'leak',
          date: '2017-01-31/2017-02-02?',
          sortAt: String(eventTimeOf('2017-01-31').sortAt),
          spanEnd: String(eventTimeOf('2017-02-02').endLatest),
        },
      ]);
      const sources = await oldAdapter.withSession((s) => s.query('SELECT "publishedEdtf", "onRecordAt"::text AS "onRecordAt" FROM "Source"'));
      expect(sources).toEqual([{ publishedEdtf: '[..2017-06-04]', onRecordAt: String(eventTimeOf('2017-06-04').endLatest) }]);
      await rm(before, { recursive: true, force: true });
    } finally {
      await oldAdapter.close();
      await old.drop();
    }
  });

  it('is migrated: kinds and roles become terms by their slugs, in the rows and in their history', async () => {
    const old = await scratchDatabase('chronicle_migrations_vocabulary');
    const oldAdapter = await openAdapter(old.target);
    const before = await mkdtemp(path.join(tmpdir(), 'chronicle-before-vocabulary-'));
    try {
      for (const name of (await readdir(migrationsDir)).filter((n) => n < '20261129020618')) {
        await cp(path.join(migrationsDir, name), path.join(before, name), { recursive: true });
      }
      await applyMigrations(oldAdapter, before);
      const fields = {
        kind: { before: 'LEAK', after: 'PHONE_CALL' },
        participants: { before: [{ actor: 'someone', role: 'LEAK_SOURCE' }], after: [{ actor: 'someone', role: 'INITIATOR' }] },
        title: { before: 'A LEAK_SOURCE', after: 'A call' },
      };
      await oldAdapter.withSession((s) =>
        s.exec(`
        INSERT INTO "Actor" (id, slug, name, kind, "updatedAt") VALUES ('00000000-0000-7000-8000-000000000001', 'someone', 'Someone', 'PERSON', now());
        INSERT INTO "Event" (id, slug, title, kind, status, date, "sortAt", "spanStart", "spanEnd", "startEarliest", "startLatest", "endEarliest", "endLatest", "updatedAt")
          VALUES ('00000000-0000-7000-8000-000000000002', 'call', 'A call', 'PHONE_CALL', 'REPORTED', '2017', 0, 0, 1, 0, 1, 0, 1, now());
        INSERT INTO "Participation" (id, "eventId", "actorId", role)
          VALUES (gen_random_uuid(), '00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-000000000001', 'LEAK_SOURCE');
        INSERT INTO "Source" (id, slug, kind, title, "updatedAt") VALUES (gen_random_uuid(), 'wire', 'WIRE_REPORT', 'A wire', now());
        INSERT INTO "Change" (id, via, "by") VALUES ('00000000-0000-7000-8000-000000000003', 'API', 'editor');
        INSERT INTO "Revision" (id, "changeId", "recordKind", "recordId", number, action, fields) VALUES
          (gen_random_uuid(), '00000000-0000-7000-8000-000000000003', 'EVENT', '00000000-0000-7000-8000-000000000002', 2, 'UPDATED', '${JSON.stringify(fields)}'),
          (gen_random_uuid(), '00000000-0000-7000-8000-000000000003', 'ACTOR', '00000000-0000-7000-8000-000000000001', 2, 'UPDATED', '{"kind": {"before": "GROUP", "after": "PERSON"}}')`),
      );
      expect(await applyMigrations(oldAdapter)).toContain('20261129020618_vocabulary');
      const rows = await oldAdapter.withSession((s) =>
        s.query(`SELECT (SELECT kind FROM "Event") AS event, (SELECT role FROM "Participation") AS role, (SELECT kind FROM "Source") AS source,
                        (SELECT fields FROM "Revision" WHERE "recordKind" = 'EVENT') AS "eventFields",
                        (SELECT fields FROM "Revision" WHERE "recordKind" = 'ACTOR') AS "actorFields"`),
      );
      expect(rows).toEqual([
        {
          event: 'phone-call',
          role: 'leak-source',
          source: 'wire-report',
          eventFields: {
            kind: { before: 'leak', after: 'phone-call' },
            participants: { before: [{ actor: 'someone', role: 'leak-source' }], after: [{ actor: 'someone', role: 'initiator' }] },
            title: { before: 'A LEAK_SOURCE', after: 'A call' },
          },
          actorFields: { kind: { before: 'GROUP', after: 'PERSON' } },
        },
      ]);
    } finally {
      await rm(before, { recursive: true, force: true });
      await oldAdapter.close();
      await old.drop();
    }
  });

  it('is migrated: places and timelines made before they kept a history get their creation, at revision 1', async () => {
    const old = await scratchDatabase('chronicle_migrations_place_history');
    const oldAdapter = await openAdapter(old.target);
    const before = await mkdtemp(path.join(tmpdir(), 'chronicle-before-place-history-'));
    try {
      for (const name of (await readdir(migrationsDir)).filter((n) => n < '20261129083304')) {
        await cp(path.join(migrationsDir, name), path.join(before, name), { recursive: true });
      }
      await applyMigrations(oldAdapter, before);
      await oldAdapter.withSession((s) =>
        s.exec(`
        INSERT INTO "Place" (id, slug, name, "updatedAt") VALUES ('00000000-0000-7000-8000-000000000011', 'taormina', 'Taormina', now());
        INSERT INTO "Timeline" (id, slug, "updatedAt") VALUES ('00000000-0000-7000-8000-000000000012', 'g7-sicily', now());`),
      );
      expect(await applyMigrations(oldAdapter)).toEqual(
        expect.arrayContaining(['20261129083304_places_and_timelines_history', '20261129083305_places_and_timelines_created']),
      );
      const rows = await oldAdapter.withSession((s) =>
        s.query(`SELECT r."recordKind" AS kind, r."recordId" AS id, r.number, r.action, c."by"
                   FROM "Revision" r JOIN "Change" c ON c.id = r."changeId" ORDER BY 1`),
      );
      expect(rows).toEqual([
        { kind: 'PLACE', id: '00000000-0000-7000-8000-000000000011', number: 1, action: 'CREATED', by: 'before revision history' },
        { kind: 'TIMELINE', id: '00000000-0000-7000-8000-000000000012', number: 1, action: 'CREATED', by: 'before revision history' },
      ]);
    } finally {
      await rm(before, { recursive: true, force: true });
      await oldAdapter.close();
      await old.drop();
    }
  });
});
