// One PostgreSQL dialect everywhere: an embedded PGlite (a data directory, or memory for tests)
// or a real PostgreSQL server. Both end up as a Prisma driver-adapter factory.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { describeTarget, type DatabaseTarget } from '../config.js';
import type { PoolStats } from '../metrics.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { forgetQueryArgs } from './forget-query-args.js';
import { DatabaseUnavailableError } from './database-errors.js';
import { emptyDatabaseFor } from './empty-database.js';

/** The PostgreSQL extensions the migrations create, built into PGlite: trigrams for `place`. */
const EXTENSIONS = { pg_trgm };

export interface OpenedAdapter {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** The embedded data directory's lock, held until close; null in memory and on PostgreSQL. */
  lock: DataDirLock | null;
  /** Runs raw SQL on one session of its own (migrations use it: their statements and locks need one). */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Receives the NOTIFY messages of a channel until the returned function is called. */
  listen(channel: string, listener: ChannelListener): Promise<() => Promise<void>>;
  /** The connection pool's state, on PostgreSQL. */
  poolStats?: () => PoolStats;
  /** Closes the pool, or the embedded database; a PGlite left open keeps the process alive. */
  close(): Promise<void>;
}

export interface ChannelListener {
  /** Listening, first or again after a lost connection: messages sent before now were missed. */
  onListening(): void;
  onMessage(payload: string): void;
  /** The connection that listened is gone: messages are missed until onListening again. */
  onLost(error: Error): void;
}

/** Raw SQL on one database session. */
export interface SqlSession {
  /** Runs a script of any number of statements as one simple query. */
  exec(script: string): Promise<void>;
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
}

/**
 * The embedded database's page cache for an import. PGlite's memory is the process's, and an
 * import fills PostgreSQL's default 128 MB of it: 100,000 events peaked at 561 MiB, and at 433 MiB
 * with 32 MB, in the same time (the data directory's files stay in the system's cache).
 */
const IMPORT_SHARED_BUFFERS = '32MB';

/** Opens the target; `command` names this process in the lock other processes read. */
export async function openAdapter(target: DatabaseTarget, command = 'open'): Promise<OpenedAdapter> {
  if (target.kind === 'postgres') {
    try {
      await assertReachable(target.url);
    } catch (error) {
      throw new DatabaseUnavailableError(`Cannot reach ${describeTarget(target)}: ${(error as Error).message}`);
    }
    // The pool made here, not by the adapter, so that /metrics can say how busy it is.
    // JIT off: Chronicle's statements are short and bounded, and PostgreSQL's cost estimate for a
    // self-join (the network's pairs) passes the JIT thresholds, where compiling took 270 ms of
    // a 390 ms statement. An `options` parameter in DATABASE_URL overrides this.
    const pool = new pg.Pool({ connectionString: target.url, options: '-c jit=off' });
    // An idle connection the server ends (a restart, a terminated backend, a dropped database)
    // is simply replaced by the next query; unheard, its error would end the process. The adapter
    // listens only while Prisma is connected, so this one covers the rest, closing included.
    pool.on('error', () => {});
    return {
      factory: forgetQueryArgs(new PrismaPg(pool)),
      lock: null,
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      // A session of its own per use: migrations hold an advisory lock on it, so a plain client.
      withSession: async (work) => {
        const client = new pg.Client({ connectionString: target.url });
        await client.connect();
        try {
          return await work({
            exec: async (script) => void (await client.query(script)),
            query: async (text, params) => (await client.query(text, params)).rows,
          });
        } finally {
          await client.end().catch(() => {});
        }
      },
      listen: (channel, listener) => listenOnServer(target.url, channel, listener),
      close: () => pool.end(),
    };
  }
  const lock = target.dataDir ? acquireDataDirLock(target.dataDir, command) : null;
  try {
    const pglite = await PGlite.create({
      dataDir: target.dataDir,
      loadDataDir: emptyDatabaseFor(target.dataDir),
      extensions: EXTENSIONS,
      ...(command === 'import' ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${IMPORT_SHARED_BUFFERS}`] } : {}),
    });
    // pglite-prisma-adapter is typed against an older @prisma/driver-adapter-utils; the runtime
    // interface is the same, the declared types are not.
    const factory = new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
    return {
      // Each connection's own PGlite: the schema engine's shadow database is another instance.
      factory: forgetQueryArgs(wholeScripts(factory, (connection, script) => (connection as unknown as { client: PGlite }).client.exec(script))),
      lock,
      withSession: (work) =>
        work({
          exec: async (script) => void (await pglite.exec(script)),
          query: async (text, params) => (await pglite.query(text, params)).rows as never[],
        }),
      // One process, one session: PGlite hands its own notifications to its listeners.
      listen: async (channel, listener) => {
        const unlisten = await pglite.listen(channel, (payload) => listener.onMessage(payload));
        listener.onListening();
        return unlisten;
      },
      close: async () => {
        try {
          await pglite.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

type Connection = Awaited<ReturnType<SqlMigrationAwareDriverAdapterFactory['connect']>>;

/**
 * pglite-prisma-adapter starts a script without awaiting it, so a failing one would count as
 * applied and its error surface later, unhandled. `chronicle db migration:new` has Prisma's schema
 * engine replay the migrations on an in-memory PGlite through this adapter: run them and wait.
 */
function wholeScripts(
  factory: SqlMigrationAwareDriverAdapterFactory,
  run: (connection: Connection, script: string) => Promise<unknown>,
): SqlMigrationAwareDriverAdapterFactory {
  const patch = (connection: Connection): Connection => {
    // The adapter's own error conversion, to the DriverAdapterError the engine reads.
    const reportError = (connection as unknown as { onError?: (error: unknown) => never }).onError?.bind(connection);
    connection.executeScript = async (script: string) => {
      try {
        await run(connection, script);
      } catch (error) {
        if (reportError) reportError(error);
        throw error;
      }
    };
    return connection;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patch(await factory.connect()),
    // The adapter's own shadow database has no extensions: one of ours, with them.
    connectToShadowDb: async () => patch(await new PrismaPGlite(await PGlite.create({ extensions: EXTENSIONS })).connect()),
  };
}

const RELISTEN_MS = [250, 1_000, 5_000, 15_000];

/**
 * LISTEN on a connection of its own (a pooled one would be handed back and stop hearing), and
 * listen again after it is lost, waiting longer each time.
 */
async function listenOnServer(url: string, channel: string, listener: ChannelListener): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let attempt = 0;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    const lost = (error: Error) => {
      if (client !== next || stopped) return;
      client = undefined;
      listener.onLost(error);
      retry = setTimeout(() => void connect(), RELISTEN_MS[Math.min(attempt++, RELISTEN_MS.length - 1)]);
    };
    next.on('error', lost);
    next.on('end', () => lost(new Error('the connection ended')));
    next.on('notification', (message) => {
      if (message.channel === channel) listener.onMessage(message.payload ?? '');
    });
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN "${channel}"`);
    } catch (error) {
      // Not fatal: what listens works without (a cache stays off) until a later try succeeds.
      lost(error as Error);
      return;
    }
    attempt = 0;
    listener.onListening();
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
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
