// The GraphQL server as a fetch handler: the HTTP server, the CLI and the tests all use this one
// instance, the tests and CLI without a port (yoga.fetch).
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { randomUUID } from 'node:crypto';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { explorerRoute } from './explorer/explorer-route.js';
import { persistedOperations } from './explorer/persisted-operations.js';
import { createYoga, useReadinessCheck, type Plugin } from 'graphql-yoga';
import { clearerValidationErrors, clientFacingError } from './http/client-errors.js';
import { inputValueRules } from './http/input-values.js';
import type { RateLimits } from './http/rate-limits.js';
import { graphqlRequestBody } from './http/request-body.js';
import { responseNotes } from './http/response-notes.js';
import type { ResponseCache } from './cache/response-cache.js';
import type { Metrics } from './metrics.js';
import { Access } from './auth/access.js';
import { NotAuthenticated, type OperatorToken } from './auth/viewer.js';
import { createContext, type Context } from './context.js';
import { type ChangeBus, createChangeBus } from './live/change-bus.js';
import { exportRoutes } from './exports/export-http.js';
import { RunningExports } from './exports/running-exports.js';
import { importRoute } from './imports/import-http.js';
import type { PrismaClient } from './generated/prisma/client.js';
import type { Logger } from './logger.js';
import { examples } from './playground/examples.js';
import { schema } from './schema.js';

// 1,000 tokens is several times the largest real query (introspection is about 200); past it,
// graphql-js itself gives up validating with a vaguer message.
export const LIMITS = { aliases: 15, tokens: 1_000 };

/** A request id as a client or proxy may send it: short, and only characters safe in a log line. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * One structured line per request: its id, method, path, operation, status and duration. The id
 * is the client's X-Request-Id when it sends a sane one, else a new one; the response carries it,
 * so a report from a user can be found in the logs.
 */
function requestLog(logger: Logger): Plugin {
  const started = new WeakMap<Request, { at: number; id: string; operationName?: string | undefined }>();
  return {
    onRequest({ request }) {
      const given = request.headers.get('x-request-id');
      started.set(request, { at: performance.now(), id: given && REQUEST_ID.test(given) ? given : randomUUID() });
    },
    onParams({ request, params }) {
      const entry = started.get(request);
      if (entry) entry.operationName = params.operationName ?? undefined;
    },
    onResponse({ request, response }) {
      const entry = started.get(request);
      if (entry) response.headers.set('x-request-id', entry.id);
      const url = new URL(request.url);
      logger.info(
        {
          requestId: entry?.id,
          method: request.method,
          path: url.pathname,
          operation: entry?.operationName,
          status: response.status,
          ms: entry ? Math.round(performance.now() - entry.at) : undefined,
        },
        'request',
      );
    },
  };
}

/** GET /health, Yoga's readiness check: 200 when the database answers, 503 when it does not. */
function health(client: () => PrismaClient): Plugin {
  return useReadinessCheck({
    endpoint: '/health',
    check: async ({ fetchAPI }) => {
      try {
        await client().$queryRaw`SELECT 1`;
        return fetchAPI.Response.json({ status: 'ok' });
      } catch {
        return fetchAPI.Response.json({ status: 'unavailable', database: 'not answering' }, { status: 503 });
      }
    },
  });
}

export interface YogaOptions {
  /**
   * The database requests use; a function, so that a test can make the server before its database
   * opens.
   */
  client: () => PrismaClient;
  /** The exports being streamed, for a server that stops to end them first. */
  exports?: RunningExports;
  /** CHRONICLE_CORS_ORIGINS: the origins whose pages may call the API; * for any. */
  corsOrigins?: '*' | string[];
  /** Tokens worth ADMIN that are not in the database: CHRONICLE_ADMIN_TOKEN, the data directory lock's. */
  operatorTokens?: () => OperatorToken[];
  /** CHRONICLE_PUBLIC_READ: whether anonymous requests may read (true unless set false). */
  publicRead?: boolean;
  /** CHRONICLE_PERSISTED_ONLY: run only the web explorer's persisted operations. */
  persistedOnly?: boolean;
  /** Where writes announce changed events to subscriptions; one in this process by default. */
  changes?: ChangeBus;
  /** Requests a minute per token and per anonymous address (src/http/rate-limits.ts); none: no limit. */
  rateLimits?: RateLimits;
  /** The response cache of anonymous reads; none caches nothing (the tests, mostly). */
  responseCache?: ResponseCache;
  /** GET /metrics, and what it counts; none serves no metrics. */
  metrics?: Metrics;
}

export function createChronicleYoga(logger: Logger, options: YogaOptions) {
  const access = new Access({ db: options.client, operatorTokens: options.operatorTokens, publicRead: options.publicRead });
  const changes = options.changes ?? createChangeBus().bus;
  return createYoga<Record<string, unknown>, Context>({
    schema,
    context: async ({ request }) => {
      try {
        return createContext(options.client(), await access.viewer(request), access.publicRead, changes);
      } catch (error) {
        throw error instanceof NotAuthenticated ? error.toGraphQL() : error;
      }
    },
    graphqlEndpoint: '/graphql',
    // Browsers may read the API from the allowed origins, never with cookies or credentials: it
    // takes none (imports use a bearer token).
    cors: {
      origin: options.corsOrigins ?? '*',
      credentials: false,
      methods: ['GET', 'POST'],
      // What a page's script may read of a response: the request id and an export's provenance.
      exposedHeaders: [
        'X-Request-Id',
        'Content-Disposition',
        'ETag',
        'Chronicle-Export-Count',
        'Chronicle-Export-Count-More-Than',
        'Chronicle-Export-Version',
        'Chronicle-Export-Data-Timestamp',
        'Chronicle-Export-Filter',
      ],
    },
    landingPage: false,
    // Errors stay masked ("Unexpected error.") unless meant for clients: see http/client-errors.ts.
    maskedErrors: { maskError: clientFacingError },
    // Liveness (the process answers), for a supervisor's restart rule; /health (above) is readiness.
    healthCheckEndpoint: '/live',
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error({ err: args.find((a) => a instanceof Error) }, args.map(String).join(' ')),
    },
    // GraphiQL served from the package itself: no CDN, so the playground works offline.
    renderGraphiQL,
    graphiql: {
      title: 'Chronicle',
      defaultTabs: examples.map((e) => ({
        query: e.query,
        variables: e.variables ? JSON.stringify(e.variables, null, 2) : null,
        headers: e.headers ? JSON.stringify(e.headers, null, 2) : null,
      })),
    },
    plugins: [
      requestLog(logger),
      ...(options.rateLimits ? [options.rateLimits.plugin((secret) => access.isToken(secret))] : []),
      graphqlRequestBody(),
      persistedOperations(options.persistedOnly ?? false),
      ...(options.metrics ? [options.metrics.plugin] : []),
      health(options.client),
      explorerRoute(),
      exportRoutes(logger, options.client, access, options.exports ?? new RunningExports(), options.metrics),
      importRoute(logger, access, options.client, changes),
      // Before the cache: a cached answer keeps its notes.
      responseNotes(),
      ...(options.responseCache ? [options.responseCache.plugin] : []),
      maxAliasesPlugin({ n: LIMITS.aliases, exposeLimits: true }),
      maxTokensPlugin({ n: LIMITS.tokens, exposeLimits: true }),
      inputValueRules(),
      clearerValidationErrors(),
    ],
  });
}

export type ChronicleYoga = ReturnType<typeof createChronicleYoga>;
