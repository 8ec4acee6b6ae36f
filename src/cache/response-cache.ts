// The response cache for anonymous reads: in memory by default, in Redis when REDIS_URL is set so
// that several instances share it. Each key starts with the data version (data-version.ts), so a
// write anywhere makes every earlier answer unreachable at once; old entries age out by TTL.
import { createRedisCache } from '@envelop/response-cache-redis';
import { createInMemoryCache, hashSHA256, useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { DataVersionWatcher } from './data-version.js';

export interface ResponseCacheOptions {
  version: DataVersionWatcher;
  /** How long an answer is kept, in milliseconds: a bound on answers that depend on today's date. */
  ttlMs: number;
  /** Share the cache through this Redis server; in this process's memory without one. */
  redisUrl?: string | undefined;
}

export interface ResponseCache {
  plugin: Plugin;
  close(): Promise<void>;
}

/** Only keys of the version the data is at now are read: an ETag of an earlier one never matches. */
function ofCurrentVersion(inner: Cache, version: DataVersionWatcher): Cache {
  return {
    get: (key) => (version.current !== undefined && key.startsWith(`${version.current}/`) ? inner.get(key) : undefined),
    set: (...args) => inner.set(...args),
    invalidate: (...args) => inner.invalidate(...args),
  };
}

export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const redis = options.redisUrl ? new Redis(options.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 }) : undefined;
  const inner = redis ? (createRedisCache({ redis }) as unknown as Cache) : createInMemoryCache({ max: 10_000 });
  const { version } = options;
  const plugin = useResponseCache({
    cache: ofCurrentVersion(inner, version),
    ttl: options.ttlMs,
    // One cache for everyone, and only for requests without credentials: once there are tokens,
    // what a token may see is never served to another.
    session: () => null,
    enabled: (request) => version.current !== undefined && !request.headers.has('authorization'),
    // The version is taken when the request starts: an answer read after a write that commits
    // meanwhile is kept under the older version, never served as the newer one.
    buildResponseCacheKey: async ({ documentString, operationName, variableValues }) => {
      const at = version.current ?? randomUUID();
      return `${at}/${await hashSHA256([documentString, operationName ?? '', JSON.stringify(variableValues ?? {})].join('|'))}`;
    },
  });
  return {
    plugin,
    close: async () => {
      await redis?.quit().catch(() => {});
    },
  };
}
