// One PostgreSQL dialect everywhere: an embedded PGlite (a data directory, or memory for tests)
// or a real PostgreSQL server. Both end up as a Prisma driver-adapter factory.
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { describeTarget, type DatabaseTarget } from '../config.js';

export class DatabaseUnavailableError extends Error {}

export interface OpenedAdapter {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Closes the embedded database; a PGlite left open keeps the process alive. */
  close(): Promise<void>;
}

export async function openAdapter(target: DatabaseTarget): Promise<OpenedAdapter> {
  if (target.kind === 'postgres') {
    try {
      await assertReachable(target.url);
    } catch (error) {
      throw new DatabaseUnavailableError(`Cannot reach ${describeTarget(target)}: ${(error as Error).message}`);
    }
    return { factory: new PrismaPg({ connectionString: target.url }), close: async () => {} };
  }
  const pglite = await PGlite.create(target.dataDir);
  return {
    // pglite-prisma-adapter is typed against an older @prisma/driver-adapter-utils; the runtime
    // interface is the same, the declared types are not.
    factory: new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory,
    close: () => pglite.close(),
  };
}

/** Connects once, so an unreachable server fails here with its own message, before anything else runs. */
async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => {});
  }
}
