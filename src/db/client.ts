// Opens the database: migrated if asked, with the lock of an embedded data directory. The client
// it returns reaches resolvers through the GraphQL context and commands through parameters.
import { PrismaClient } from '../generated/prisma/client.js';
import type { DatabaseTarget } from '../config.js';
import { openAdapter, type ChannelListener } from './adapter.js';
import { applyMigrations, resetDatabase } from './migrate.js';

import type { PoolStats } from '../metrics.js';
import type { DataDirLock } from './data-dir-lock.js';

export type { ChannelListener } from './adapter.js';

export interface Database {
  client: PrismaClient;
  /** Migrations this opening applied. */
  appliedMigrations: string[];
  /** Statements sent to the database so far, when opened with countStatements. */
  statements: { count: number; sql: string[] };
  /** The embedded data directory's lock while open; null in memory and on PostgreSQL. */
  lock: DataDirLock | null;
  /** Receives a NOTIFY channel's messages until the returned function is called. */
  listen(channel: string, listener: ChannelListener): Promise<() => Promise<void>>;
  /** The PostgreSQL pool's connections; null on the embedded database. */
  poolStats(): PoolStats | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Apply pending migrations first (the server and the tests do; the CLI's migrate command does it itself). */
  migrate?: boolean;
  /** Drop everything first, then migrate: `chronicle db reset`. */
  reset?: boolean;
  /** Count every SQL statement, for tests that hold the number of statements per request. */
  countStatements?: boolean;
  /** What this process is doing, for the lock of an embedded data directory: "serve", "import"... */
  command?: string;
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  const adapter = await openAdapter(target, options.command);
  try {
    const appliedMigrations = options.reset ? await resetDatabase(adapter) : options.migrate ? await applyMigrations(adapter) : [];
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
    return {
      client,
      appliedMigrations,
      statements,
      lock: adapter.lock,
      listen: (channel, listener) => adapter.listen(channel, listener),
      poolStats: () => adapter.poolStats?.() ?? null,
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
