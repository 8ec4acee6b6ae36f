// Requests per minute, per token and per anonymous client address: past the limit, 429 with
// Retry-After, so that one client cannot take the server from the others. Counted in memory, or
// in Redis when REDIS_URL is set, so that every instance counts the same client together.
import type { Plugin } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { secretHash } from '../auth/api-tokens.js';
import { clientAddress } from './client-address.js';

export interface RateLimitOptions {
  /** Requests a minute from one address without a token; 0: no limit. */
  anonymousPerMinute: number;
  /** Requests a minute with one token; 0: no limit. */
  tokenPerMinute: number;
  redisUrl?: string | undefined;
}

/** Whether a request's bearer secret is a live token: only those have a token's allowance. */
export type IsToken = (secret: string) => Promise<boolean>;

/** Routes that answer whoever asks, as often as they ask: probes and metrics. */
const UNLIMITED = new Set(['/health', '/live', '/metrics']);

function limiter(points: number, prefix: string, redis: Redis | undefined): RateLimiterAbstract | undefined {
  if (points === 0) return undefined;
  const options = { points, duration: 60, keyPrefix: `chronicle:rate:${prefix}` };
  // Without Redis, or when it does not answer, each instance counts alone rather than refuse all.
  const memory = new RateLimiterMemory(options);
  return redis ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: memory }) : memory;
}

export interface RateLimits {
  /** The plugin, for a server that can tell live tokens. */
  plugin(isToken: IsToken): Plugin;
  close(): Promise<void>;
}

export function rateLimits(options: RateLimitOptions): RateLimits {
  const redis = options.redisUrl ? new Redis(options.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  const anonymous = limiter(options.anonymousPerMinute, 'ip', redis);
  const tokens = limiter(options.tokenPerMinute, 'token', redis);
  return {
    plugin: (isToken) => ({
      async onRequest({ url, request, serverContext, endResponse, fetchAPI }) {
        if (UNLIMITED.has(url.pathname)) return;
        const given = /^Bearer\s+(\S+)/i.exec(request.headers.get('authorization') ?? '')?.[1];
        // A live token by its hash (the secret itself is kept nowhere); anyone else, made-up
        // tokens included, by address: a new fake token each time buys no new allowance.
        const bearer = given && (await isToken(given)) ? given : undefined;
        const [bucket, key, per] = bearer ? [tokens, secretHash(bearer), 'token'] : [anonymous, clientAddress(serverContext), 'client address'];
        if (!bucket) return;
        try {
          await bucket.consume(key);
        } catch (refused) {
          if (!(refused instanceof RateLimiterRes)) throw refused;
          const seconds = Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
          const message = `more than ${bucket.points} requests a minute from this ${per}: wait ${seconds} s (Retry-After)${bearer ? '' : ', or send a token, which has its own, larger allowance'}`;
          const body = url.pathname === '/graphql' ? { errors: [{ message, extensions: { code: 'RATE_LIMITED' } }] } : { error: { message } };
          endResponse(fetchAPI.Response.json(body, { status: 429, headers: { 'retry-after': String(seconds) } }));
        }
      },
    }),
    close: async () => {
      redis?.disconnect();
    },
  };
}
