// The HTTP entry: open the database (migrated, seeded when empty), serve Yoga, and shut down
// cleanly on SIGTERM/SIGINT so an embedded data directory is always closed properly.
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedIfEmpty } from '../seed/seed.js';
import { ConfigError, databaseTarget, describeTarget, type Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { createLogger } from './logger.js';
import { DEFAULT_EXPORT_LIMITS, RunningExports } from './exports/running-exports.js';
import { DataVersionWatcher } from './cache/data-version.js';
import { createResponseCache } from './cache/response-cache.js';
import { createMetrics } from './metrics.js';
import { createChangeBus } from './live/change-bus.js';
import { rateLimits } from './http/rate-limits.js';
import { createChronicleYoga } from './yoga.js';

const DRAIN_TIMEOUT_MS = 10_000;
/** How long a client may take to send a request's headers, and the whole request (an import's file included). */
export const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 300_000;

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** Why the server could not listen, as a setting to fix, in one line. */
function listenError(error: NodeJS.ErrnoException, config: Config): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new ConfigError(`PORT=${config.PORT} is in use on ${config.HOST} by another process: stop it, or choose another PORT`);
    case 'EACCES':
      return new ConfigError(`PORT=${config.PORT} needs privileges this user lacks: choose a port above 1023`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConfigError(`HOST="${config.HOST}" is not an address of this machine (${error.code}): use 127.0.0.1, 0.0.0.0 or one of its own addresses`);
    default:
      return error;
  }
}

/** Answers while the database opens (migrations can take a while): alive, not ready yet. */
const starting: RequestListener = (request, response) => {
  if (request.url === '/live') response.writeHead(200).end();
  else response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"status":"starting"}');
};

export async function startServer(config: Config): Promise<RunningServer> {
  const logger = createLogger(config.LOG_LEVEL);
  const target = databaseTarget(config);

  // The port first: a port in use or a wrong HOST is said at once, before any database work.
  let handle = starting;
  const server = createServer(
    {
      // A client sending its headers a byte at a time holds a connection for no more than this
      // (slowloris); idle keep-alive connections cost a socket each, never a request's worth.
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: 1_000,
    },
    (request, response) => handle(request, response),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, config.HOST, resolve);
    });
  } catch (error) {
    throw listenError(error as NodeJS.ErrnoException, config);
  }

  let database: Database;
  try {
    database = await openDatabase(target, { migrate: true, command: 'serve' });
    const seeded = await seedIfEmpty(database.client);
    if (seeded) logger.info(seeded, 'seeded an empty database with the article of 2017-06-04');
  } catch (error) {
    server.close();
    throw error;
  }
  const exports = new RunningExports({ ...DEFAULT_EXPORT_LIMITS, total: config.CHRONICLE_EXPORTS_MAX, perClient: config.CHRONICLE_EXPORTS_PER_CLIENT });
  const version = await DataVersionWatcher.start(database, logger);
  const responseCache =
    config.CHRONICLE_RESPONSE_CACHE_TTL > 0
      ? createResponseCache({ version, ttlMs: config.CHRONICLE_RESPONSE_CACHE_TTL * 1000, redisUrl: config.REDIS_URL })
      : undefined;
  // Live updates reach every instance's subscribers through Redis when there is one.
  const changes = createChangeBus(config.REDIS_URL);
  const limits = rateLimits({
    anonymousPerMinute: config.CHRONICLE_RATE_LIMIT_ANONYMOUS,
    tokenPerMinute: config.CHRONICLE_RATE_LIMIT_TOKEN,
    redisUrl: config.REDIS_URL,
  });
  handle = createChronicleYoga(logger, {
    changes: changes.bus,
    rateLimits: limits,
    client: () => database.client,
    exports,
    responseCache,
    metrics: createMetrics({ pool: () => database.poolStats() }),
    corsOrigins: config.CHRONICLE_CORS_ORIGINS,
    // Besides the database's tokens, two worth ADMIN: the operator's, and the one in the data
    // directory's lock, which only this machine's user can read (chronicle import --server uses it).
    operatorTokens: () => [
      ...(config.CHRONICLE_ADMIN_TOKEN ? [{ name: 'operator (CHRONICLE_ADMIN_TOKEN)', secret: config.CHRONICLE_ADMIN_TOKEN }] : []),
      ...(database.lock?.owner.token ? [{ name: 'local user (data directory lock)', secret: database.lock.owner.token }] : []),
    ],
    publicRead: config.CHRONICLE_PUBLIC_READ,
    persistedOnly: config.CHRONICLE_PERSISTED_ONLY,
  });
  const { port } = server.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const url = `http://${host}:${port}`;
  database.lock?.update({ url });
  logger.info({ database: describeTarget(target) }, `Chronicle is serving the timeline explorer at ${url}/ and GraphQL (GraphiQL) at ${url}/graphql`);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      logger.info('stopping: no new connections, finishing requests in flight');
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      // An export can stream for minutes: it ends now (its download is cut short), and its last
      // read finishes before the database closes under it.
      await exports.stopAll();
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
      await drained;
      clearTimeout(force);
      await Promise.all([version.stop(), responseCache?.close(), changes.close(), limits.close()]);
      await database.close();
      logger.info('stopped');
    })();
    return stopping;
  };
  return { url, stop };
}

/** Runs until SIGTERM or SIGINT, then stops cleanly and exits 0. */
export async function runServer(config: Config): Promise<void> {
  const running = await startServer(config);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      running.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}
