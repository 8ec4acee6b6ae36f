import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedError } from '../seed/seed-error.js';
import { readSeed, seed, seedDir, seedIfEmpty } from '../seed/seed.js';
import { openDatabase } from '../src/db/client.js';
import { openTestDatabase, useTestDatabase } from './helpers/database.js';
import { graphql, query } from './helpers/graphql.js';

const database = useTestDatabase();

/** Every row of every table, record time included. */
async function snapshot() {
  const c = database().client;
  return {
    actors: await c.actor.findMany({ orderBy: { slug: 'asc' } }),
    affiliations: await c.affiliation.findMany({ orderBy: { id: 'asc' } }),
    sources: await c.source.findMany({ orderBy: { slug: 'asc' }, include: { basedOn: { select: { slug: true }, orderBy: { slug: 'asc' } } } }),
    events: await c.event.findMany({ orderBy: { slug: 'asc' } }),
    participations: await c.participation.findMany({ orderBy: { id: 'asc' } }),
    citations: await c.citation.findMany({ orderBy: { id: 'asc' } }),
    relations: await c.eventRelation.findMany({ orderBy: { id: 'asc' } }),
  };
}

describe('seeding the article', () => {
  it('is idempotent: a second run changes nothing, updatedAt included', async () => {
    const before = await snapshot();
    expect(before.events).toHaveLength(19);
    await seed(database().client);
    expect(await snapshot()).toEqual(before);
  });

  it('cites the article, in its own words, for every event the article mentions', async () => {
    const article = await readFile(path.join(seedDir, 'article.txt'), 'utf8');
    const data = await query(graphql(`{ source(slug: "seed-article") { published { edtf } publisher { name } citations { quote event { slug } } } }`));
    const source = data.source!;
    expect(source.published?.edtf).toBe('2017-06-04');
    expect(source.publisher).toBeNull(); // not named in the text: unknown, not guessed
    expect(source.citations).toHaveLength(17);
    for (const citation of source.citations) expect(article).toContain(citation.quote);
    const cited = new Set(source.citations.map((c) => c.event.slug));
    // Only the events the article does not mention go without it.
    const all = await database().client.event.findMany({ select: { slug: true } });
    expect(
      all
        .map((e) => e.slug)
        .filter((s) => !cited.has(s))
        .sort(),
    ).toEqual(['trump-macron-call-after-election', 'washington-post-publishes-call-transcripts']);
  });

  it('chains the article to the AP to anonymous officials', async () => {
    const data = await query(graphql(`{ source(slug: "seed-article") { basedOn { slug basedOn { slug kind } } } }`));
    const ap = data.source?.basedOn.find((s) => s.slug === 'ap-cellphone-diplomacy');
    expect(ap?.basedOn).toEqual([{ slug: 'anonymous-us-and-french-officials', kind: 'ANONYMOUS_SOURCES' }]);
  });

  it('keeps both accounts of when Trump asked Macron for his number', async () => {
    const data = await query(
      graphql(`{
      may8: event(slug: "trump-offers-macron-number-swap-in-may-8-call") { date { edtf } citations { stance source { slug } } }
      brussels: event(slug: "trump-asks-macron-to-swap-numbers-after-brussels") { date { edtf } citations { stance source { slug } } }
    }`),
    );
    expect(data.may8?.date.edtf).toBe('2017-05-08');
    expect(data.brussels?.date.edtf).toBe('[2017-05-25..2017-06-04]');
    const stances = (e: { citations: { stance: string; source: { slug: string } }[] }) => Object.fromEntries(e.citations.map((c) => [c.source.slug, c.stance]));
    expect(stances(data.may8!)).toMatchObject({ 'the-hill-macron-number-swap': 'SUPPORTS', 'seed-article': 'DISPUTES' });
    expect(stances(data.brussels!)).toMatchObject({ 'seed-article': 'SUPPORTS', 'the-hill-macron-number-swap': 'DISPUTES' });
  });

  it('leaves a vague date vague', async () => {
    const data = await query(graphql(`{ event(slug: "tait-analysis-direct-line-cuts-out-state-department") { date { edtf earliest display } } }`));
    expect(data.event?.date).toEqual({ edtf: '[..2017-06-04]', earliest: null, display: 'before 4 June 2017' });
  });
});

describe('a malformed seed file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'chronicle-seed-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function brokenSeed(file: string, edit: (text: string) => string): Promise<string> {
    const copy = path.join(dir, String(Math.random()).slice(2), 'seed');
    await cp(seedDir, copy, { recursive: true, filter: (p) => !p.endsWith('.ts') });
    const target = path.join(copy, file);
    await writeFile(target, edit(await readFile(target, 'utf8')));
    return copy;
  }

  it('names the file, record and field of a bad date, and writes nothing', async () => {
    const copy = await brokenSeed('events.yaml', (t) =>
      t.replace('title: Trump and Macron meet in Brussels', 'title: Renamed').replace('date: "2017-01-28"', 'date: "2017-02-30"'),
    );
    const before = await snapshot();
    await expect(seed(database().client, copy)).rejects.toThrow(
      new SeedError('seed/events.yaml: record 2 (trump-turnbull-call), field date: "2017-02-30" has day 30; February 2017 has 28 days'),
    );
    expect(await snapshot()).toEqual(before);
  });

  it('names an unknown reference', async () => {
    const copy = await brokenSeed('events.yaml', (t) =>
      t.replace('{ actor: malcolm-turnbull, role: participant }', '{ actor: malcolm-turnbul, role: participant }'),
    );
    await expect(readSeed(copy)).rejects.toThrow('seed/events.yaml: record 2 (trump-turnbull-call), field participants.actor: unknown slug "malcolm-turnbul"');
  });

  it('names a type no term has, and writes nothing', async () => {
    const copy = await brokenSeed('sources.yaml', (t) => t.replace('kind: wire-report', 'kind: wire'));
    const before = await snapshot();
    await expect(seed(database().client, copy)).rejects.toThrow(
      /source "ap-cellphone-diplomacy", field kind: no source type has the slug "wire": use one of .*wire-report/,
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe('the search index follows every edit', () => {
  it('finds an event by a renamed participant, a new quote and a new title, and forgets the old ones', async () => {
    const c = database().client;
    const search = async (text: string) =>
      (await c.event.findMany({ where: { search: { terms: { hasEvery: [text] } } }, select: { slug: true } })).map((e) => e.slug);
    await c.actor.update({ where: { slug: 'tait' }, data: { name: 'Tait Quillfeather' } });
    expect(await search('quillfeath')).toEqual(['tait-analysis-direct-line-cuts-out-state-department']);
    const event = await c.event.update({ where: { slug: 'trump-macron-brussels-meeting' }, data: { title: 'Zanzibarian lunch' }, select: { id: true } });
    expect(await search('zanzibarian')).toEqual(['trump-macron-brussels-meeting']);
    await c.citation.updateMany({ where: { eventId: event.id }, data: { quote: 'a glockenspiel moment' } });
    expect(await search('glockenspiel')).toEqual(['trump-macron-brussels-meeting']);
    await seed(c);
    expect(await search('quillfeath')).toEqual([]);
    expect(await search('glockenspiel')).toEqual([]);
  });
});

describe('servers starting together on one empty database', () => {
  // Only PostgreSQL has several servers: an embedded database belongs to one process (its lock).
  it.runIf(process.env.DATABASE_URL)('seed it once: the second waits for the first and finds its events', async () => {
    const empty = await openTestDatabase({ seed: false });
    // Two servers, two clients: each with its own connections, as two processes have.
    const other = await openDatabase(empty.target);
    try {
      const results = await Promise.all([seedIfEmpty(empty.client), seedIfEmpty(other.client)]);
      const expected = await readSeed();
      expect(results.filter((r) => r !== null)).toEqual([{ actors: expected.actors.length, sources: expected.sources.length, events: expected.events.length }]);
      expect(results.filter((r) => r === null)).toHaveLength(1);
      expect(await empty.client.event.count()).toBe(expected.events.length);
    } finally {
      await other.close();
      await empty.close();
    }
  });
});
