// An open timeline hears of writes as they commit: GraphQL subscriptions over Server-Sent Events,
// in one process and, through Redis, across instances.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens.js';
import { Redis } from 'ioredis';
import { createChangeBus, EVENTS_CHANGED, type ChangeBusHandle } from '../src/live/change-bus.js';
import { createLogger } from '../src/logger.js';
import { createChronicleYoga, type ChronicleYoga } from '../src/yoga.js';
import { useTestDatabase } from './helpers/database.js';
import { yoga } from './helpers/graphql.js';

const database = useTestDatabase();

const SUBSCRIPTION = `subscription ($filter: EventFilter) {
  eventsChanged(filter: $filter) { more created { slug } updated { slug title } }
}`;

/** Opens a subscription over SSE; `next()` gives the data of each event the server sends. */
async function subscribe(server: ChronicleYoga, variables: Record<string, unknown> = {}) {
  const controller = new AbortController();
  const response = await server.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: SUBSCRIPTION, variables }),
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next(): Promise<unknown> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message.split('\n').find((line) => line.startsWith('data:'));
          if (message.startsWith('event: next') && data) return JSON.parse(data.slice(5));
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += value;
      }
    },
    close: () => controller.abort(),
  };
}

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
    const statements = await subscribe(yoga, { filter: { kinds: ['STATEMENT'] } });
    try {
      // A leak is not a statement: the subscription hears nothing of it.
      await write(yoga, secret, 'A second leak', 'LEAK');
      await write(yoga, secret, 'Trump says the calls went well');
      expect(await statements.next()).toEqual({ data: { eventsChanged: { more: false, created: [{ slug: 'trump-says-the-calls-went-well' }], updated: [] } } });
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

/** A free TCP port on this machine. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const REDIS_SERVER = '/usr/bin/redis-server';

describe.skipIf(!existsSync(REDIS_SERVER))(`two instances sharing a Redis server (${REDIS_SERVER}; skipped without one)`, () => {
  let redis: ChildProcess;
  let url: string;
  const buses: ChangeBusHandle[] = [];

  beforeAll(async () => {
    const port = await freePort();
    redis = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'pipe' });
    await new Promise<void>((resolve, reject) => {
      redis.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Ready to accept connections')) resolve();
      });
      redis.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    });
    url = `redis://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
    redis?.kill();
  });

  it('tells a subscriber of one instance what a write through the other did', async () => {
    const instance = () => {
      const handle = createChangeBus(url);
      buses.push(handle);
      return createChronicleYoga(createLogger('silent'), { client: () => database().client, changes: handle.bus });
    };
    const [reading, writing] = [instance(), instance()];
    const { secret } = await createApiToken(database().client, 'other-instance', 'WRITE');
    const events = await subscribe(reading);
    try {
      // The subscription reaches Redis a moment after the stream opens: wait until Redis has it.
      const probe = new Redis(url);
      try {
        while (((await probe.pubsub('NUMSUB', EVENTS_CHANGED)) as [string, number])[1] < 1) await new Promise((resolve) => setTimeout(resolve, 20));
      } finally {
        probe.disconnect();
      }
      await write(writing, secret, 'Heard across instances');
      expect(await events.next()).toMatchObject({ data: { eventsChanged: { created: [{ slug: 'heard-across-instances' }] } } });
    } finally {
      events.close();
    }
  });
});
