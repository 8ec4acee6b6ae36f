// `chronicle db ...`: migrate, write a migration, seed, reset.
import path from 'node:path';
import type { Command } from 'commander';
import { databaseTarget, describeTarget, loadConfig } from '../config.js';
import { InputError } from '../lib/errors.js';

export function registerDb(program: Command): void {
  const dbCommand = program.command('db').description('Manage the database named by DATABASE_URL, or the embedded one in CHRONICLE_DATA_DIR');

  dbCommand
    .command('migrate')
    .description('Apply the migrations in prisma/migrations that the database has not seen')
    .action(async () => {
      const target = databaseTarget(loadConfig());
      const { openDatabase } = await import('../db/client.js');
      const database = await openDatabase(target, { migrate: true, command: 'db migrate' });
      await database.close();
      const applied = database.appliedMigrations;
      console.log(applied.length ? `Applied ${applied.join(', ')} to the ${describeTarget(target)}.` : `The ${describeTarget(target)} is up to date.`);
    });

  dbCommand
    .command('migration:new')
    .argument('<name>', 'what the migration does, e.g. add-event-notes')
    .description('Write a migration from prisma/migrations to the current prisma/schema.prisma (uses a scratch in-memory database)')
    .action(async (name: string) => {
      const [{ openAdapter }, { createMigration }] = await Promise.all([import('../db/adapter.js'), import('../db/migrate.js')]);
      const adapter = await openAdapter({ kind: 'pglite', dataDir: undefined });
      try {
        const dir = await createMigration(adapter.factory, name);
        console.log(dir ? `Wrote ${path.relative(process.cwd(), dir)}/migration.sql` : 'prisma/schema.prisma matches the migrations: nothing to write.');
      } finally {
        await adapter.close();
      }
    });

  dbCommand
    .command('seed')
    .description('Load the seed article into the database (idempotent: upserts by slug)')
    .action(async () => {
      const target = databaseTarget(loadConfig());
      const [{ openDatabase }, { seed }] = await Promise.all([import('../db/client.js'), import('../../seed/seed.js')]);
      const database = await openDatabase(target, { migrate: true, command: 'db seed' });
      try {
        const counts = await seed(database.client);
        console.log(`Seeded ${counts.events} events, ${counts.actors} actors and ${counts.sources} sources into the ${describeTarget(target)}.`);
      } finally {
        await database.close();
      }
    });

  dbCommand
    .command('reset')
    .option('--force', 'required when the database is PostgreSQL (DATABASE_URL)')
    .description('Drop all data, migrate again and reseed')
    .action(async (options: { force?: boolean }) => {
      const target = databaseTarget(loadConfig());
      if (target.kind === 'postgres' && !options.force) {
        throw new InputError('--force', `db reset would drop every table of the ${describeTarget(target)}; run it again with --force if you mean it`);
      }
      const [{ openDatabase }, { seed }] = await Promise.all([import('../db/client.js'), import('../../seed/seed.js')]);
      const database = await openDatabase(target, { reset: true, command: 'db reset' });
      try {
        const counts = await seed(database.client);
        console.log(`Reset the ${describeTarget(target)} and seeded ${counts.events} events.`);
      } finally {
        await database.close();
      }
    });
}
