// An open timeline hears of writes as they commit: GraphQL subscriptions over Server-Sent Events,
// in one process and, through Redis, across instances.
import { afterAll, describe, expect, it } from 'vitest';
import { createApiToken, revokeApiToken } from '../src/auth/api-tokens.js';
import { createChangeBus, type ChangeBusHandle } from '../src/live/change-bus.js';
import { createLogger } from '../src/logger.js';
import { createChronicleYoga, type ChronicleYoga } from '../src/yoga.js';
import { useTestDatabase } from './helpers/database.js';
import { yoga } from './helpers/graphql.js';
import { hasRedis, REDIS_SERVER, useRedisServer } from './helpers/redis.js';
import { hear, openSubscription } from './helpers/sse.js';

const database = useTestDatabase();

const SUBSCRIPTION = `subscription ($filter: EventFilter) {
  eventsChanged(filter: $filter) { more created { slug } updated { slug title } }
}`;

async function write(server: ChronicleYoga, token: string, title: string, kind = 'STATEMENT') {
  const response = await server.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation ($input: CreateEventInput!) { createEvent(input: $input) { __typename } }',
      variables: {
        input: {
          event: {
            title,
            kind,
            status: 'REPORTED',
            date: '2017-06',
            participants: [{ actor: 'donald-trump', role: 'SPEAKER' }],
            citations: [{ source: 'seed-article' }],
          },
        },
      },
    }),
  });
  expect((await response.json()).data.createEvent.__typename).toBe('CreateEventPayload');
}

describe('a timeline open in a browser', () => {
  it('hears of the events a write creates that its filter matches, and of no others', async () => {
    const { secret } = await createApiToken(database().client, 'live-desk', 'WRITE');
    const statements = await openSubscription(yoga, SUBSCRIPTION, { filter: { kinds: ['STATEMENT'] } });
    try {
      const heard = await hear(statements, () => write(yoga, secret, 'Trump says the calls went well'));
      expect(heard).toEqual({
        data: { eventsChanged: { more: false, created: [{ slug: expect.stringMatching(/^trump-says-the-calls-went-well/) }], updated: [] } },
      });
      // A leak is not a statement: the subscription hears of the statement written after it, and
      // never of the leak (messages come in the order writes commit).
      await write(yoga, secret, 'A second leak', 'LEAK');
      await write(yoga, secret, 'The last statement');
      const later: string[] = [];
      while (!later.some((m) => m.includes('the-last-statement'))) later.push(JSON.stringify(await statements.next()));
      expect(later.join('\n')).not.toContain('a-second-leak');
    } finally {
      statements.close();
    }
  });

  it('refuses a wrong filter as the subscription starts', async () => {
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: SUBSCRIPTION, variables: { filter: { from: '2017-13' } } }),
    });
    const text = await response.text();
    expect(text).toContain('BAD_USER_INPUT');
    expect(text).toContain('filter.from');
  });
});

describe('a subscription opened with a token', () => {
  it('ends, saying why, once the token is revoked', async () => {
    const { secret: writer } = await createApiToken(database().client, 'live-writer', 'WRITE');
    const { secret: reader } = await createApiToken(database().client, 'live-reader', 'READ');
    const events = await openSubscription(yoga, SUBSCRIPTION, {}, { authorization: `Bearer ${reader}` });
    try {
      expect(await hear(events, () => write(yoga, writer, 'Heard while the token lives'))).toMatchObject({ data: { eventsChanged: { more: false } } });
      await revokeApiToken(database().client, 'live-reader');
      await write(yoga, writer, 'Written after the revocation');
      const ended = JSON.stringify(await events.next());
      expect(ended).toContain('the token \\"live-reader\\" was revoked: this subscription has ended');
      expect(ended).not.toContain('written-after-the-revocation');
      await expect(events.next()).rejects.toThrow('the stream ended');
    } finally {
      events.close();
    }
  });
});

describe.skipIf(!hasRedis)(`two instances sharing a Redis server (${REDIS_SERVER}; skipped without one)`, () => {
  const redisUrl = useRedisServer();
  const buses: ChangeBusHandle[] = [];
  afterAll(() => Promise.all(buses.map((b) => b.close())));

  it('tells a subscriber of one instance what a write through the other did', async () => {
    const instance = () => {
      const handle = createChangeBus(redisUrl());
      buses.push(handle);
      return createChronicleYoga(createLogger('silent'), { client: () => database().client, changes: handle.bus });
    };
    const [reading, writing] = [instance(), instance()];
    const { secret } = await createApiToken(database().client, 'other-instance', 'WRITE');
    const events = await openSubscription(reading, SUBSCRIPTION);
    try {
      const heard = await hear(events, () => write(writing, secret, 'Heard across instances'));
      expect(heard).toMatchObject({ data: { eventsChanged: { created: [{ slug: expect.stringMatching(/^heard-across-instances/) }] } } });
    } finally {
      events.close();
    }
  });
});
