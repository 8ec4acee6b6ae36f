// Anonymous reads are answered from a cache that no write can leave stale: its keys carry the data
// version, which triggers move on in every transaction that changes a row, whoever wrote it.
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataVersionWatcher, readDataVersion } from '../src/cache/data-version.js';
import { createResponseCache, type ResponseCache } from '../src/cache/response-cache.js';
import { createApiToken } from '../src/auth/api-tokens.js';
import { importText } from '../src/imports/import-text.js';
import { renameRecord } from '../src/records/slug-redirects.js';
import { createLogger } from '../src/logger.js';
import { createChronicleYoga, type ChronicleYoga } from '../src/yoga.js';
import { useTestDatabase } from './helpers/database.js';
import { graphql } from './helpers/graphql.js';

const database = useTestDatabase();
const logger = createLogger('silent');

const TITLES = print(graphql(`{ events(first: 3, filter: { actors: ["donald-trump"] }) { edges { node { slug title } } } }`));

interface Instance {
  yoga: ChronicleYoga;
  version: DataVersionWatcher;
  cache: ResponseCache;
}

/** A server as `chronicle serve` makes one: its own watcher and cache, over the test database. */
async function instance(): Promise<Instance> {
  const version = await DataVersionWatcher.start(database(), logger);
  const cache = createResponseCache({ version, ttlMs: 60_000, redisUrl: process.env.REDIS_URL });
  const yoga = createChronicleYoga(logger, { client: () => database().client, responseCache: cache });
  return { yoga, version, cache };
}

let servers: Instance[] = [];
beforeAll(async () => {
  servers = [await instance(), await instance()];
});
afterAll(async () => {
  for (const server of servers) await Promise.all([server.version.stop(), server.cache.close()]);
});

/** Statements the database ran for `work`. */
async function statementsOf(work: () => Promise<unknown>): Promise<number> {
  const before = database().statements.count;
  await work();
  return database().statements.count - before;
}

async function ask(server: Instance, headers: Record<string, string> = {}) {
  const response = await server.yoga.fetch(`http://yoga/graphql?query=${encodeURIComponent(TITLES)}`, { headers: { accept: 'application/json', ...headers } });
  const body = response.status === 304 ? undefined : ((await response.json()) as { data: { events: { edges: { node: { slug: string; title: string } }[] } } });
  return { response, titles: body?.data.events.edges.map((e) => e.node.title), slugs: body?.data.events.edges.map((e) => e.node.slug) };
}

/** Waits until every server has heard of the version the database is at now. */
async function heardEverywhere(): Promise<string> {
  const now = await readDataVersion(database().client);
  const deadline = Date.now() + 10_000;
  while (servers.some((s) => s.version.current !== now)) {
    if (Date.now() > deadline) throw new Error(`not heard: ${servers.map((s) => s.version.current).join(', ')} vs ${now}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return now;
}

/** Retitles the first of Trump's events, the one TITLES lists first. */
async function retitle(title: string) {
  const [first] = await database().client.$queryRaw<{ slug: string }[]>`
    SELECT e.slug FROM "Event" e JOIN "Participation" p ON p."eventId" = e.id JOIN "Actor" a ON a.id = p."actorId"
     WHERE a.slug = 'donald-trump' ORDER BY e."sortAt", e.slug LIMIT 1`;
  await database().client.event.update({ where: { slug: first!.slug }, data: { title } });
}

describe('the data version', () => {
  it('moves on once per transaction that changes rows, and not for one that changes none', async () => {
    const start = await heardEverywhere();
    const [epoch, version] = start.split(':');
    await database().client.$transaction([
      database().client.event.update({ where: { slug: 'trump-turnbull-call' }, data: { title: 'One' } }),
      database().client.event.update({ where: { slug: 'trump-turnbull-call' }, data: { title: 'Two' } }),
    ]);
    expect(await heardEverywhere()).toBe(`${epoch}:${BigInt(version!) + 1n}`);
    await database().client.event.updateMany({ where: { slug: 'no-such-event' }, data: { title: 'Nothing' } });
    expect(await readDataVersion(database().client)).toBe(`${epoch}:${BigInt(version!) + 1n}`);
  });

  it('stays where it is when an import finds everything as it was', async () => {
    const text = (await servers[0]!.yoga.fetch('http://yoga/export/events.ndjson')).text();
    const before = await readDataVersion(database().client);
    const report = await importText(database().client, await text, 'same.ndjson');
    expect(report.events.unchanged).toBeGreaterThan(0);
    expect(await readDataVersion(database().client)).toBe(before);
  });
});

describe('a cached anonymous read', () => {
  it('is answered again without the database, on every instance that shares the cache', async () => {
    await heardEverywhere();
    const first = await ask(servers[0]!);
    expect(first.titles).toHaveLength(3);
    expect(await statementsOf(() => ask(servers[0]!))).toBe(0);
    // Instances share answers through Redis; each has its own in memory.
    if (process.env.REDIS_URL) expect(await statementsOf(() => ask(servers[1]!))).toBe(0);
    expect((await ask(servers[1]!)).titles).toEqual(first.titles);
  });

  it('is never stale: a write by any path is seen by every instance at its next read', async () => {
    await heardEverywhere();
    const before = await ask(servers[0]!);
    await ask(servers[1]!);
    await retitle('Renamed by a write outside the API');
    await heardEverywhere();
    for (const server of servers) {
      const after = await ask(server);
      expect(after.titles).not.toEqual(before.titles);
      expect(after.titles).toContain('Renamed by a write outside the API');
    }
  });

  it('is never stale after a mutation through the API either', async () => {
    await heardEverywhere();
    const before = await ask(servers[0]!);
    await ask(servers[1]!);
    const { secret } = await createApiToken(database().client, 'editor', 'WRITE');
    const event = await database().client.event.findUniqueOrThrow({ where: { slug: before.slugs![0]! } });
    const response = await servers[1]!.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({
        query: 'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { __typename } }',
        variables: {
          input: { id: Buffer.from(`Event:${event.slug}`).toString('base64'), basedOnRevision: event.revision, changes: { title: 'Retitled through the API' } },
        },
      }),
    });
    expect((await response.json()).data.updateEvent.__typename).toBe('UpdateEventPayload');
    await heardEverywhere();
    for (const server of servers) expect((await ask(server)).titles).toContain('Retitled through the API');
  });

  it('answers 304 to its own ETag until the data changes', async () => {
    await heardEverywhere();
    await ask(servers[0]!);
    const { response } = await ask(servers[0]!);
    const etag = response.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await ask(servers[0]!, { 'if-none-match': etag! });
    expect(again.response.status).toBe(304);
    await retitle('Changed after the ETag');
    await heardEverywhere();
    const changed = await ask(servers[0]!, { 'if-none-match': etag! });
    expect(changed.response.status).toBe(200);
    expect(changed.titles).toContain('Changed after the ETag');
  });

  it('is not used for a request with credentials', async () => {
    await heardEverywhere();
    await ask(servers[0]!);
    const { secret } = await createApiToken(database().client, 'subscriber', 'READ');
    expect(await statementsOf(() => ask(servers[0]!, { authorization: `Bearer ${secret}` }))).toBeGreaterThan(0);
  });
});

describe('an export', () => {
  it('answers 304 to its ETag while the data is the same, and the new rows after a write', async () => {
    const url = 'http://yoga/export/events.csv?actor=donald-trump';
    const first = await servers[0]!.yoga.fetch(url);
    await first.text();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f-]{36}:\d+\/[\w-]+"$/);
    const same = await servers[0]!.yoga.fetch(url, { headers: { 'if-none-match': `"other", ${etag}` } });
    expect(same.status).toBe(304);
    const other = await servers[0]!.yoga.fetch(url.replace('donald-trump', 'emmanuel-macron'), { headers: { 'if-none-match': etag } });
    expect(other.status).toBe(200);
    await retitle('Changed before the second download');
    const changed = await servers[0]!.yoga.fetch(url, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain('Changed before the second download');
  });
});

describe('a cached answer that followed an old slug', () => {
  it('keeps its note the second time, served from the cache', async () => {
    await renameRecord(database().client, 'actor', 'justin-trudeau', 'justin-pierre-trudeau');
    await heardEverywhere();
    const query = print(graphql('{ actor(slug: "justin-trudeau") { slug } }'));
    const note = 'actor "justin-trudeau" was renamed "justin-pierre-trudeau": this is "justin-pierre-trudeau"';
    for (const _ of [1, 2]) {
      const statements = await statementsOf(async () => {
        const response = await servers[0]!.yoga.fetch(`http://yoga/graphql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/json' } });
        const body = (await response.json()) as { data: { actor: { slug: string } }; extensions?: { notes?: string[] } };
        expect(body.data.actor.slug).toBe('justin-pierre-trudeau');
        expect(body.extensions?.notes).toEqual([note]);
      });
      if (_ === 2) expect(statements).toBe(0);
    }
  });
});
