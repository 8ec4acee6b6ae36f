import type { ResultOf } from 'gql.tada';
import { describe, expect, it } from 'vitest';
import { countOf, MAX_EXACT_COUNT } from '../src/events/event-listing.js';
import { useTestDatabase } from './helpers/database.js';
import { eventSlugs, execute, graphql, query } from './helpers/graphql.js';

useTestDatabase();

const SEED_CHRONOLOGY = [
  'trump-pena-nieto-call',
  'trump-turnbull-call',
  'pena-nieto-call-leaked',
  'turnbull-call-leaked',
  'trudeau-calls-trump-cellphone',
  'trump-macron-call-after-election',
  'trump-offers-macron-number-swap-in-may-8-call',
  'oval-office-meeting-with-russian-diplomats',
  'classified-information-disclosure-leaked',
  'nut-job-comey-remarks-leaked',
  'trump-asks-macron-to-swap-numbers-after-brussels',
  'trump-macron-brussels-meeting',
  // Known to the day (30 May) sorts before known only as "on or before 30 May".
  'twitter-users-mock-trump',
  'security-concerns-over-cellphone-calls',
  'trump-gives-cellphone-number-to-leaders',
  'criticism-of-breach-of-protocol',
  'notes-circulated-by-national-security-officials',
  'tait-analysis-direct-line-cuts-out-state-department',
  'washington-post-publishes-call-transcripts',
];

describe('a reader follows the seeded chronology', () => {
  it('lists every event in date order, ties broken by slug', async () => {
    const data = await query(graphql('{ events(first: 100) { totalCount edges { node { slug } } } }'));
    expect(data.events.totalCount).toBe(19);
    expect(data.events.edges.map((e) => e.node.slug)).toEqual(SEED_CHRONOLOGY);
  });

  it('reverses the order on request', async () => {
    expect(await eventSlugs({}, 'REVERSE_CHRONOLOGICAL')).toEqual([...SEED_CHRONOLOGY].reverse());
  });

  it('shows dates with their precision and an honest display', async () => {
    const data = await query(
      graphql(`{
      call: event(slug: "trudeau-calls-trump-cellphone") { date { edtf precision display earliest latest approximate uncertain } }
      given: event(slug: "trump-gives-cellphone-number-to-leaders") { date { edtf precision display earliest latest } }
      request: event(slug: "trump-asks-macron-to-swap-numbers-after-brussels") { date { display earliest latest } }
      leak: event(slug: "pena-nieto-call-leaked") { date { edtf form display start { display } end { display uncertain } endBound ongoing } endDate { display precision } }
    }`),
    );
    expect(data.call?.date).toEqual({
      edtf: '2017-04',
      precision: 'MONTH',
      display: 'April 2017',
      earliest: '2017-04-01T00:00:00.000Z',
      latest: '2017-04-30T23:59:59.999Z',
      approximate: false,
      uncertain: false,
    });
    expect(data.given?.date).toEqual({
      edtf: '[..2017-05-30]',
      precision: 'DAY',
      display: 'before 30 May 2017',
      earliest: null,
      latest: '2017-05-30T23:59:59.999Z',
    });
    expect(data.request?.date).toEqual({
      display: 'between 25 May 2017 and 4 June 2017',
      earliest: '2017-05-25T00:00:00.000Z',
      latest: '2017-06-04T23:59:59.999Z',
    });
    expect(data.leak).toEqual({
      date: {
        edtf: '2017-01-31/2017-02-02?',
        form: 'INTERVAL',
        display: '31 January 2017 to 2 February 2017 (uncertain)',
        start: { display: '31 January 2017' },
        end: { display: '2 February 2017 (uncertain)', uncertain: true },
        endBound: 'KNOWN',
        ongoing: false,
      },
      endDate: { display: '2 February 2017 (uncertain)', precision: 'DAY' },
    });
  });
});

describe("a journalist asks for Trump's events", () => {
  it('returns them in date order, each with participants and citations', async () => {
    const data = await query(
      graphql(`{
      actor(slug: "donald-trump") {
        name
        events(first: 100) {
          totalCount
          edges { node { slug participants { role actor { slug } } citations { stance source { slug } } } }
        }
      }
    }`),
    );
    const events = data.actor!.events.edges.map((e) => e.node);
    expect(data.actor?.events.totalCount).toBe(18);
    expect(events.map((e) => e.slug)).toEqual(SEED_CHRONOLOGY.filter((s) => s !== 'notes-circulated-by-national-security-officials'));
    for (const event of events) {
      expect(event.participants.map((p) => p.actor.slug)).toContain('donald-trump');
      expect(event.citations.length).toBeGreaterThan(0);
    }
    const meeting = events.find((e) => e.slug === 'trump-macron-brussels-meeting');
    expect(meeting?.participants).toEqual([
      { role: 'PARTICIPANT', actor: { slug: 'donald-trump' } },
      { role: 'PARTICIPANT', actor: { slug: 'emmanuel-macron' } },
    ]);
  });

  it('narrows to a role', async () => {
    const data = await query(graphql(`{ actor(slug: "justin-trudeau") { events(role: INITIATOR) { edges { node { slug } } } } }`));
    expect(data.actor?.events.edges.map((e) => e.node.slug)).toEqual(['trudeau-calls-trump-cellphone']);
  });
});

describe('a researcher checks who says so', () => {
  it('shows quotes, attributions and the chain of sources', async () => {
    const data = await query(
      graphql(`{
      event(slug: "trump-gives-cellphone-number-to-leaders") {
        citations { stance quote attribution source { slug basedOn { slug basedOn { slug } } } }
      }
    }`),
    );
    const [ap, article] = data.event!.citations;
    expect(article).toMatchObject({
      stance: 'SUPPORTS',
      quote: 'Anonymous sources told the AP Trump has given his private cellphone number to leaders from Mexico, Canada and France.',
      attribution: 'Anonymous sources told the AP',
    });
    expect(ap?.source.slug).toBe('ap-cellphone-diplomacy');
    expect(ap?.source.basedOn).toEqual([{ slug: 'anonymous-us-and-french-officials', basedOn: [] }]);
    // Citations run from the oldest source: the AP report (30 May) before the article (4 June).
    expect(data.event?.citations.map((c) => c.source.slug)).toEqual(['ap-cellphone-diplomacy', 'seed-article']);
  });

  it('keeps disputing evidence beside supporting evidence', async () => {
    const data = await query(
      graphql(`{
      event(slug: "trudeau-calls-trump-cellphone") { status disputed citations { stance source { slug published { display } } } }
    }`),
    );
    expect(data.event?.status).toBe('REPORTED');
    expect(data.event?.disputed).toBe(true);
    expect(data.event?.citations.map((c) => [c.stance, c.source.slug])).toEqual([
      ['SUPPORTS', 'ap-cellphone-diplomacy'],
      ['DISPUTES', 'cbc-pmo-not-aware'],
      ['SUPPORTS', 'seed-article'],
      ['SUPPORTS', 'the-hill-aides-caught-unaware'],
      ['SUPPORTS', 'washington-post-trudeau-call-2018'],
    ]);
  });

  it('lists a source with its publisher and the events it speaks to', async () => {
    const data = await query(
      graphql(`{
      source(slug: "ap-cellphone-diplomacy") {
        title author publisher { name } published { display } reliability usedBy { slug }
        citations { event { slug } }
      }
    }`),
    );
    expect(data.source).toMatchObject({
      title: "Trump's cellphone diplomacy raises security concerns",
      author: 'Vivian Salama',
      publisher: { name: 'The Associated Press' },
      published: { display: '30 May 2017' },
      reliability: 'F',
      usedBy: [{ slug: 'seed-article' }],
    });
    expect(data.source?.citations.map((c) => c.event.slug)).toEqual([
      'trudeau-calls-trump-cellphone',
      'security-concerns-over-cellphone-calls',
      'trump-gives-cellphone-number-to-leaders',
    ]);
  });
});

describe('a frontend filters the chronology', () => {
  it('takes a time window at any precision', async () => {
    expect(await eventSlugs({ from: '2017-01', to: '2017-01' })).toEqual(SEED_CHRONOLOGY.slice(0, 3));
    expect(await eventSlugs({ from: '2017-08-03', to: '2017' })).toEqual(['washington-post-publishes-call-transcripts']);
  });

  it('filters by actor, kind, tag and source', async () => {
    expect(await eventSlugs({ actors: ['malcolm-turnbull'] })).toEqual([
      'trump-turnbull-call',
      'turnbull-call-leaked',
      'washington-post-publishes-call-transcripts',
    ]);
    expect(await eventSlugs({ kinds: ['MEETING'] })).toEqual(['oval-office-meeting-with-russian-diplomats', 'trump-macron-brussels-meeting']);
    expect(await eventSlugs({ tags: ['conflicting-accounts'] })).toEqual([
      'trump-offers-macron-number-swap-in-may-8-call',
      'trump-asks-macron-to-swap-numbers-after-brussels',
    ]);
    expect(await eventSlugs({ sources: ['cbc-pmo-not-aware'] })).toEqual(['trudeau-calls-trump-cellphone']);
    expect(await eventSlugs({ actors: ['emmanuel-macron'], kinds: ['REQUEST'], from: '2017-05-20' })).toEqual([
      'trump-asks-macron-to-swap-numbers-after-brussels',
    ]);
  });

  it('refuses a malformed date, naming the argument and the fix', async () => {
    const result = await execute(graphql('{ events(filter: { from: "2017-13" }) { totalCount } }'));
    expect(result.errors?.[0]).toMatchObject({
      message: 'filter.from: "2017-13" has month 13; months run from 01 to 12 (21 to 24 are the seasons spring to winter)',
      extensions: { code: 'BAD_USER_INPUT', argument: 'filter.from' },
    });
    const reversed = await execute(graphql('{ events(filter: { from: "2017-06", to: "2017-05" }) { totalCount } }'));
    expect(reversed.errors?.[0]?.message).toBe('filter.to: "2017-05" is before from "2017-06"');
  });

  it('refuses an unknown actor slug', async () => {
    const result = await execute(graphql('{ events(filter: { actors: ["donald-trum"] }) { totalCount } }'));
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'filter.actors' } });
    expect(result.errors?.[0]?.message).toContain('"donald-trum"');
  });
});

describe('a search box finds actors as one types', () => {
  it('by any part of their name, in any case, in name order, with how many match', async () => {
    const SEARCH = graphql(`query ($search: String) { actors(search: $search, first: 5) { totalCount edges { node { slug name } } } }`);
    const found = async (search: string) => {
      const { actors } = await query(SEARCH, { search });
      return { count: actors.totalCount, slugs: actors.edges.map((e) => e.node.slug) };
    };
    expect(await found('macr')).toEqual({ count: 1, slugs: ['emmanuel-macron'] });
    expect(await found('TRUD')).toEqual({ count: 1, slugs: ['justin-trudeau'] });
    expect((await found('an')).slugs.length).toBeGreaterThan(1);
    // The letters are only letters: % and _ match themselves, not everything.
    expect(await found('%')).toEqual({ count: 0, slugs: [] });
    expect(await found('  ')).toEqual({ count: (await found('')).count, slugs: (await found('')).slugs });
  });
});

describe('a client pages through events', () => {
  it('visits every event exactly once, forwards and backwards', async () => {
    const forwardPage = graphql(`query ($after: String) {
      events(first: 4, after: $after) { pageInfo { hasNextPage endCursor } edges { node { slug } } }
    }`);
    const forward: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const data: ResultOf<typeof forwardPage> = await query(forwardPage, { after });
      forward.push(...data.events.edges.map((e) => e.node.slug));
      if (!data.events.pageInfo.hasNextPage) break;
      after = data.events.pageInfo.endCursor;
    }
    expect(forward).toEqual(SEED_CHRONOLOGY);

    const backwardPage = graphql(`query ($before: String) {
      events(last: 5, before: $before) { pageInfo { hasPreviousPage startCursor } edges { node { slug } } }
    }`);
    const backward: string[] = [];
    let before: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const data: ResultOf<typeof backwardPage> = await query(backwardPage, { before });
      backward.unshift(...data.events.edges.map((e) => e.node.slug));
      if (!data.events.pageInfo.hasPreviousPage) break;
      before = data.events.pageInfo.startCursor;
    }
    expect(backward).toEqual(SEED_CHRONOLOGY);
  });

  it('defaults to pages of 20 and refuses pages over 100', async () => {
    const data = await query(graphql('{ actors { edges { node { slug } } pageInfo { hasNextPage } } }'));
    expect(data.actors.edges).toHaveLength(20);
    expect(data.actors.pageInfo.hasNextPage).toBe(true);

    const result = await execute(graphql('{ events(first: 101) { totalCount } }'));
    expect(result.data).toBeNull();
    expect(result.errors?.[0]).toMatchObject({
      message: 'first: asks for 101 items; a page holds at most 100. Page through with "after" (or "before") instead.',
      extensions: { code: 'PAGE_TOO_LARGE' },
    });
  });
});

describe('a Relay client refetches by global ID', () => {
  it('finds events, actors and sources through node and nodes', async () => {
    const ids = await query(
      graphql(`{
      event(slug: "trump-macron-brussels-meeting") { id }
      actor(slug: "emmanuel-macron") { id }
      source(slug: "seed-article") { id }
    }`),
    );
    const data = await query(
      graphql(`query ($id: ID!, $ids: [ID!]!) {
      node(id: $id) { id ... on Event { slug } }
      nodes(ids: $ids) { __typename ... on Actor { slug } ... on Source { slug } }
    }`),
      { id: ids.event!.id, ids: [ids.actor!.id, ids.source!.id] },
    );
    expect(data.node).toEqual({ id: ids.event?.id, slug: 'trump-macron-brussels-meeting' });
    expect(data.nodes).toEqual([
      { __typename: 'Actor', slug: 'emmanuel-macron' },
      { __typename: 'Source', slug: 'seed-article' },
    ]);
  });
});

describe('global ids are stable', () => {
  it('derive from the type and the slug, so they survive a reset or an import into another database', async () => {
    const ids = await query(graphql('{ event(slug: "trump-macron-brussels-meeting") { id } actor(slug: "emmanuel-macron") { id } }'));
    expect(ids).toEqual({
      event: { id: Buffer.from('Event:trump-macron-brussels-meeting').toString('base64') },
      actor: { id: Buffer.from('Actor:emmanuel-macron').toString('base64') },
    });
  });
});

describe('a count that stays cheap at any size', () => {
  it('is exact for the seed, on every connection of events', async () => {
    const data = await query(
      graphql(`{
      events(filter: { actors: ["donald-trump"] }) { totalCount totalCountExact }
      actor(slug: "donald-trump") { events { totalCount totalCountExact } }
      relationship(a: "donald-trump", b: "emmanuel-macron") { sharedEvents { totalCount totalCountExact } }
    }`),
    );
    const trumps = (await eventSlugs({ actors: ['donald-trump'] })).length;
    expect(data.events).toEqual({ totalCount: trumps, totalCountExact: true });
    expect(data.actor?.events).toEqual({ totalCount: trumps, totalCountExact: true });
    expect(data.relationship?.sharedEvents.totalCountExact).toBe(true);
  });

  it(`stops at ${MAX_EXACT_COUNT} and says so, rather than read every match`, () => {
    expect(countOf(MAX_EXACT_COUNT)).toEqual({ count: MAX_EXACT_COUNT, exact: true });
    expect(countOf(MAX_EXACT_COUNT + 1)).toEqual({ count: MAX_EXACT_COUNT, exact: false });
  });
});
