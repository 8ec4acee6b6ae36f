// One client cannot take the server from the others: requests a minute per token and per
// anonymous address, past which the answer is 429 with Retry-After and a message saying why.
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens.js';
import { rateLimits } from '../src/http/rate-limits.js';
import { createLogger } from '../src/logger.js';
import { createChronicleYoga } from '../src/yoga.js';
import { useTestDatabase } from './helpers/database.js';
import { hasRedis, REDIS_SERVER, useRedisServer } from './helpers/redis.js';

const database = useTestDatabase();

function server(redisUrl?: string) {
  const limits = rateLimits({ anonymousPerMinute: 3, tokenPerMinute: 5, redisUrl });
  return { yoga: createChronicleYoga(createLogger('silent'), { client: () => database().client, rateLimits: limits }), close: limits.close };
}

const ask = (yoga: ReturnType<typeof server>['yoga'], path = '/graphql?query=%7B__typename%7D', token?: string) =>
  yoga.fetch(`http://yoga${path}`, { headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });

describe('an anonymous client past its allowance', () => {
  it('is answered 429 with Retry-After and a GraphQL error saying what to do, while probes still answer', async () => {
    const { yoga } = server();
    for (let i = 0; i < 3; i += 1) expect((await ask(yoga)).status).toBe(200);
    const refused = await ask(yoga);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const { errors } = await refused.json();
    expect(errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(errors[0].message).toContain('more than 3 requests a minute from this client address');
    expect((await ask(yoga, '/export/events.csv')).status).toBe(429);
    expect((await ask(yoga, '/health')).status).toBe(200);
  });

  it('gives a made-up token no allowance of its own: each counts against the address', async () => {
    const { yoga } = server();
    for (let i = 0; i < 3; i += 1) expect((await ask(yoga, undefined, `chronicle_made-up-${i}`)).status).toBe(401);
    expect((await ask(yoga, undefined, 'chronicle_made-up-3')).status).toBe(429);
  });

  it('does not hold back a client with a token, which has its own allowance', async () => {
    const { yoga } = server();
    for (let i = 0; i < 4; i += 1) await ask(yoga);
    const { secret } = await createApiToken(database().client, 'frontend', 'READ');
    for (let i = 0; i < 5; i += 1) expect((await ask(yoga, undefined, secret)).status).toBe(200);
    const refused = await ask(yoga, '/export/events.csv', secret);
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.message).toContain('more than 5 requests a minute from this token');
  });
});

describe.skipIf(!hasRedis)(`instances sharing a Redis server (${REDIS_SERVER}; skipped without one)`, () => {
  const redisUrl = useRedisServer();

  it('count one client together', async () => {
    const [a, b] = [server(redisUrl()), server(redisUrl())];
    try {
      for (const instance of [a, b, a]) expect((await ask(instance.yoga)).status).toBe(200);
      expect((await ask(b.yoga)).status).toBe(429);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
