// The one Prisma client of the process. It lives here, not in the GraphQL context (the Pothos
// Prisma plugin reads it through the builder), and is opened once by the server, the CLI or a test.
import { PrismaClient } from '../generated/prisma/client.js';
import { describeTarget, type DatabaseTarget } from '../config.js';
import { assertReachable, openAdapter } from './adapter.js';
import { applyMigrations } from './migrate.js';

export { PrismaClient };

// A live ESM binding: importers see the client once openDatabase has run.
export let db: PrismaClient;

export interface Database {
  client: PrismaClient;
  /** Statements sent to the database so far, when opened with countStatements. */
  statements: { count: number; sql: string[] };
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Apply pending migrations first (the server and the tests do; the CLI's migrate command does it itself). */
  migrate?: boolean;
  /** Count every SQL statement, for tests that hold the number of statements per request. */
  countStatements?: boolean;
}

export class DatabaseUnavailableError extends Error {}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  try {
    await assertReachable(target);
  } catch (error) {
    throw new DatabaseUnavailableError(`Cannot reach ${describeTarget(target)}: ${(error as Error).message}`);
  }
  const adapter = await openAdapter(target);
  try {
    if (options.migrate) await applyMigrations(adapter.factory);
    const client = new PrismaClient({
      adapter: adapter.factory,
      log: options.countStatements ? [{ emit: 'event', level: 'query' }] : [],
    });
    const statements = { count: 0, sql: [] as string[] };
    if (options.countStatements) {
      client.$on('query' as never, (event: { query: string }) => {
        statements.count += 1;
        statements.sql.push(event.query);
      });
    }
    await client.$connect();
    db = client;
    return {
      client,
      statements,
      close: async () => {
        await client.$disconnect();
        await adapter.close();
      },
    };
  } catch (error) {
    await adapter.close();
    throw error;
  }
}
