// The command line: serve, export, import, manage the database, print the schema.
// `npx chronicle --help`; each command lives in src/commands/.
import { Command } from 'commander';
import { registerDb } from './commands/db-commands.js';
import { registerExport } from './commands/export-command.js';
import { registerDump } from './commands/dump-command.js';
import { registerImport } from './commands/import-command.js';
import { registerRename } from './commands/rename-command.js';
import { registerSchema } from './commands/schema-commands.js';
import { registerTerms } from './commands/terms-command.js';
import { registerToken } from './commands/token-commands.js';
import { loadConfig } from './config.js';
import { userMessage } from './commands/user-errors.js';

// `chronicle export | head`: the reader has all it wants; stop quietly, as other shell tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command('chronicle').description('Chronicle: a GraphQL server for sourced timelines.').showHelpAfterError();

program
  .command('serve')
  .description('Migrate the database, seed it when empty, and serve GraphQL at /graphql (PORT, HOST, DATABASE_URL, CHRONICLE_DATA_DIR)')
  .action(async () => {
    const { runServer } = await import('./server.js');
    await runServer(loadConfig());
  });

registerExport(program);
registerImport(program);
registerDump(program);
registerRename(program);
registerToken(program);
registerDb(program);
registerSchema(program);
registerTerms(program);

program.parseAsync(process.argv).then(
  () => {
    // Prisma's wasm schema engine leaves a 10-second timer behind after migrating; a finished
    // one-shot command should not wait for it. `serve` never gets here: it runs until a signal.
    if (program.args[0] !== 'serve') process.exit(process.exitCode ?? 0);
  },
  (error: unknown) => {
    // Problems a user can fix get one line; anything else is a bug and keeps its stack.
    const line = userMessage(error);
    console.error(line ? `chronicle: ${line}` : error);
    process.exit(1);
  },
);
