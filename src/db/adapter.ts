// One PostgreSQL dialect everywhere: an embedded PGlite (a data directory, or memory for tests)
// or a real PostgreSQL server. Both end up as a Prisma driver-adapter factory.
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DatabaseTarget } from '../config.js';

export interface OpenedAdapter {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Closes the embedded database; a PGlite left open keeps the process alive. */
  close(): Promise<void>;
}

export async function openAdapter(target: DatabaseTarget): Promise<OpenedAdapter> {
  if (target.kind === 'postgres') {
    return { factory: new PrismaPg({ connectionString: target.url }), close: async () => {} };
  }
  const pglite = await PGlite.create(target.dataDir);
  return {
    factory: new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory,
    close: () => pglite.close(),
  };
}

/** Fails with one readable line when PostgreSQL cannot be reached, before anything else runs. */
export async function assertReachable(target: DatabaseTarget): Promise<void> {
  if (target.kind !== 'postgres') return;
  const { Client } = (await import('pg')).default;
  const client = new Client({ connectionString: target.url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => {});
  }
}
