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
    return wholeScriptAdapter(new PrismaPg({ connectionString: target.url }));
  }
  const pglite = await PGlite.create(target.dataDir);
  return {
    // pglite-prisma-adapter is typed against an older @prisma/driver-adapter-utils; the runtime
    // interface is the same, the declared types are not.
    factory: new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory,
    close: () => pglite.close(),
  };
}

type PgConnection = Awaited<ReturnType<PrismaPg['connect']>>;

/**
 * @prisma/adapter-pg runs a migration script by splitting it on every ";", which breaks a
 * semicolon in a comment or a function body (our search triggers have both). Each connection
 * here runs a script whole instead, as one simple query, as psql does. The connections the
 * migration engine opens are tracked so close() can end their pools.
 */
function wholeScriptAdapter(factory: PrismaPg): OpenedAdapter {
  const opened: PgConnection[] = [];
  const whole = (connection: PgConnection): PgConnection => {
    // The adapter's own error conversion (to the DriverAdapterError the engine reads); a script
    // that fails as one simple query has rolled back whole, so it is never retried piecemeal.
    const reportError = (connection as unknown as { onError?: (error: unknown) => never }).onError?.bind(connection);
    connection.executeScript = async (script: string) => {
      try {
        await connection.underlyingDriver().query(script);
      } catch (error) {
        if (reportError) reportError(error);
        throw error;
      }
    };
    opened.push(connection);
    return connection;
  };
  const wrapped: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => whole(await factory.connect()),
    connectToShadowDb: async () => whole(await factory.connectToShadowDb()),
  };
  return {
    factory: wrapped,
    close: async () => {
      await Promise.all(opened.splice(0).map((c) => c.dispose().catch(() => {})));
    },
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
