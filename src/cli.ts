// The command line: serve, manage the database, print the schema. `npx chronicle --help`.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { SeedError, seed } from '../seed/seed.js';
import { ConfigError, databaseTarget, describeTarget, loadConfig } from './config.js';
import { openAdapter } from './db/adapter.js';
import { DatabaseUnavailableError, openDatabase } from './db/client.js';
import { createMigration } from './db/migrate.js';
import { InputError } from './lib/errors.js';
import { registerExport } from './commands/export-command.js';
import { registerImport } from './commands/import-command.js';
import { ImportFileError } from './imports/read-import-file.js';
import { ImportValidationError } from './imports/plan-import.js';

const schemaFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../schema.graphql');

const program = new Command('chronicle')
  .description('Chronicle: a GraphQL server for sourced timelines.')
  .showHelpAfterError();

program
  .command('serve')
  .description('Migrate the database, seed it when empty, and serve GraphQL at /graphql (PORT, HOST, DATABASE_URL, CHRONICLE_DATA_DIR)')
  .action(async () => {
    const { runServer } = await import('./server.js');
    await runServer(loadConfig());
  });

registerExport(program);
registerImport(program);

const dbCommand = program.command('db').description('Manage the database named by DATABASE_URL, or the embedded one in CHRONICLE_DATA_DIR');

dbCommand
  .command('migrate')
  .description('Apply the migrations in prisma/migrations that the database has not seen')
  .action(async () => {
    const target = databaseTarget(loadConfig());
    const database = await openDatabase(target, { migrate: true });
    await database.close();
    const applied = database.appliedMigrations;
    console.log(applied.length ? `Applied ${applied.join(', ')} to the ${describeTarget(target)}.` : `The ${describeTarget(target)} is up to date.`);
  });

dbCommand
  .command('migration:new')
  .argument('<name>', 'what the migration does, e.g. add-event-notes')
  .description('Write a migration from prisma/migrations to the current prisma/schema.prisma (uses a scratch in-memory database)')
  .action(async (name: string) => {
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
    const database = await openDatabase(target, { migrate: true });
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
    const database = await openDatabase(target, { reset: true });
    try {
      const counts = await seed(database.client);
      console.log(`Reset the ${describeTarget(target)} and seeded ${counts.events} events.`);
    } finally {
      await database.close();
    }
  });

const schemaCommand = program.command('schema').description('The GraphQL schema as printed from the code');

schemaCommand
  .command('print')
  .option('--write', 'write it to schema.graphql instead of standard output')
  .action(async (options: { write?: boolean }) => {
    const { printedSchema } = await import('./schema.js');
    if (options.write) {
      await writeFile(schemaFile, printedSchema());
      console.log(`Wrote ${path.relative(process.cwd(), schemaFile)}`);
    } else {
      process.stdout.write(printedSchema());
    }
  });

schemaCommand
  .command('check')
  .description('Fail when schema.graphql differs from the schema the code builds')
  .action(async () => {
    const { printedSchema } = await import('./schema.js');
    const committed = await readFile(schemaFile, 'utf8').catch(() => '');
    if (committed !== printedSchema()) {
      console.error('schema.graphql is stale: it differs from the schema the code builds. Run `npm run schema:print` and commit the result.');
      process.exitCode = 1;
      return;
    }
    console.log('schema.graphql matches the code.');
  });

/** Problems a user can fix get one line; anything else is a bug and keeps its stack. */
function explain(error: unknown): string | undefined {
  if (error instanceof ConfigError || error instanceof DatabaseUnavailableError || error instanceof SeedError || error instanceof InputError
    || error instanceof ImportFileError || error instanceof ImportValidationError) {
    return error.message;
  }
  return undefined;
}

program.parseAsync(process.argv).then(
  () => {
    // Prisma's wasm schema engine leaves a 10-second timer behind after migrating; a finished
    // one-shot command should not wait for it. `serve` never gets here: it runs until a signal.
    if (program.args[0] !== 'serve') process.exit(process.exitCode ?? 0);
  },
  (error: unknown) => {
    const line = explain(error);
    console.error(line ? `chronicle: ${line}` : error);
    process.exit(1);
  },
);
