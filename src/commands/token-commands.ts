// `chronicle token create|list|revoke`: API tokens, made on the server's machine by whoever holds
// its database. A new token's secret is printed once; only its hash is kept.
import { type Command, Option } from 'commander';
import { databaseTarget, describeTarget, loadConfig } from '../config.js';
import { InputError } from '../lib/errors.js';
import { withDatabase } from './with-database.js';

const SCOPES = ['read', 'write', 'admin'] as const;

/** Loaded when a command runs: the command line starts without the database's modules. */
const apiTokens = () => import('../auth/api-tokens.js');

export function registerToken(program: Command): void {
  const token = program.command('token').description('Make, list and revoke API tokens (sent as Authorization: Bearer <token>)');

  token
    .command('create')
    .requiredOption('--name <name>', 'who or what holds it: revisions name their author by it, e.g. newsroom-editor')
    .addOption(
      new Option('--scope <scope>', 'read (when anonymous reading is off), write (mutations, imports) or admin (also tokens)').choices(SCOPES).default('write'),
    )
    .description('Make a token and print its secret, once')
    .action(async (options: { name: string; scope: (typeof SCOPES)[number] }) => {
      const { token: made, secret } = await withDatabase('token create', async (db) =>
        (await apiTokens()).createApiToken(db, options.name, options.scope.toUpperCase() as 'READ'),
      );
      console.log(secret);
      console.error(`Made the ${made.scope} token "${made.name}". Its secret is above and is not kept: store it now (a lost one is revoked and made again).`);
    });

  token
    .command('list')
    .description('List the tokens: name, scope, when made, and when revoked')
    .action(async () => {
      const target = databaseTarget(loadConfig());
      const tokens = await withDatabase('token list', async (db) => (await apiTokens()).listApiTokens(db));
      if (tokens.length === 0) console.log(`No tokens in the ${describeTarget(target)}: chronicle token create --name NAME --scope write makes one.`);
      for (const t of tokens) {
        console.log([t.name, t.scope, `made ${t.createdAt.toISOString()}`, t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active'].join('\t'));
      }
    });

  token
    .command('revoke')
    .argument('<name>', "the token's name")
    .description('Stop a token working at once; it stays listed, as the author of what it wrote')
    .action(async (name: string) => {
      const revoked = await withDatabase('token revoke', async (db) => (await apiTokens()).revokeApiToken(db, name));
      if (!revoked) throw new InputError('name', `no token is named "${name}": chronicle token list shows them`);
      console.log(`Revoked the token "${revoked.name}" (at ${revoked.revokedAt!.toISOString()}).`);
    });
}
