// Who is connected to whom, and how: associates, relationships, paths and the network.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from './helpers/database.js';
import { execute, graphql, query } from './helpers/graphql.js';

useTestDatabase();

describe("a journalist ranks Trump's associates", () => {
  it('orders them by shared events, then by name, with first and last shared events', async () => {
    const data = await query(
      graphql(`{ actor(slug: "donald-trump") { associates(first: 7) {
      totalCount pageInfo { hasNextPage }
      edges { node { actor { slug } sharedEventCount firstShared { slug } lastShared { slug } } }
    } } }`),
    );
    const { associates } = data.actor!;
    expect(associates.totalCount).toBe(17);
    expect(associates.pageInfo.hasNextPage).toBe(true);
    expect(associates.edges.map((e) => [e.node.actor.slug, e.node.sharedEventCount])).toEqual([
      ['emmanuel-macron', 5],
      ['enrique-pena-nieto', 4],
      ['malcolm-turnbull', 3],
      ['russian-diplomats', 3],
      ['washington-post', 3],
      ['justin-trudeau', 2],
      ['aristegui-noticias', 1],
    ]);
    expect(associates.edges[0]?.node).toMatchObject({
      firstShared: { slug: 'trump-macron-call-after-election' },
      lastShared: { slug: 'trump-gives-cellphone-number-to-leaders' },
    });
  });

  it('pages through the associates and their shared events', async () => {
    const first = await query(
      graphql('{ actor(slug: "donald-trump") { associates(first: 10) { pageInfo { endCursor } edges { node { actor { slug } } } } } }'),
    );
    const rest = await query(
      graphql(`query ($after: String) { actor(slug: "donald-trump") { associates(first: 10, after: $after) {
      pageInfo { hasNextPage } edges { node { actor { slug } } } } } }`),
      { after: first.actor!.associates.pageInfo.endCursor },
    );
    const all = [...first.actor!.associates.edges, ...rest.actor!.associates.edges].map((e) => e.node.actor.slug);
    expect(all).toHaveLength(17);
    expect(new Set(all).size).toBe(17);
    expect(rest.actor?.associates.pageInfo.hasNextPage).toBe(false);

    const shared = await query(
      graphql(`{ actor(slug: "donald-trump") { associates(first: 1) { edges { node {
      sharedEvents(first: 2) { totalCount pageInfo { hasNextPage } edges { node { slug } } } } } } } }`),
    );
    expect(shared.actor?.associates.edges[0]?.node.sharedEvents).toEqual({
      totalCount: 5,
      pageInfo: { hasNextPage: true },
      edges: [{ node: { slug: 'trump-macron-call-after-election' } }, { node: { slug: 'trump-offers-macron-number-swap-in-may-8-call' } }],
    });
  });

  it('narrows the associates to a time window', async () => {
    const data = await query(
      graphql(`{ actor(slug: "donald-trump") { associates(filter: { from: "2017-01", to: "2017-02" }) {
      edges { node { actor { slug } sharedEventCount } } } } }`),
    );
    expect(data.actor?.associates.edges.map((e) => [e.node.actor.slug, e.node.sharedEventCount])).toEqual([
      ['enrique-pena-nieto', 2],
      ['malcolm-turnbull', 2],
      ['aristegui-noticias', 1],
      ['associated-press', 1],
      ['washington-post', 1],
    ]);
  });
});

describe('a researcher asks what links two actors', () => {
  it('returns shared events, tying affiliations and the sources behind them', async () => {
    const data = await query(
      graphql(`{ relationship(a: "sergey-lavrov", b: "sergey-kislyak") {
      a { slug } b { slug }
      sharedEvents { totalCount edges { node { slug citations { source { slug } } } } }
      affiliations { role actor { slug } organisation { slug } }
      sources { slug }
    } }`),
    );
    const r = data.relationship;
    expect(r.sharedEvents.edges.map((e) => e.node.slug)).toEqual(['oval-office-meeting-with-russian-diplomats']);
    expect(r.affiliations).toEqual([
      { role: 'Ambassador', actor: { slug: 'sergey-kislyak' }, organisation: { slug: 'government-of-russia' } },
      { role: 'Foreign Minister', actor: { slug: 'sergey-lavrov' }, organisation: { slug: 'government-of-russia' } },
      { role: 'member', actor: { slug: 'sergey-kislyak' }, organisation: { slug: 'russian-diplomats' } },
      { role: 'member', actor: { slug: 'sergey-lavrov' }, organisation: { slug: 'russian-diplomats' } },
    ]);
    expect(r.sources.map((s) => s.slug)).toEqual(['washington-post-classified-information', 'new-york-times-nut-job-comey', 'seed-article']);
  });

  it('includes an affiliation of one actor in the other', async () => {
    const data = await query(graphql('{ relationship(a: "justin-trudeau", b: "government-of-canada") { affiliations { role } sharedEvents { totalCount } } }'));
    expect(data.relationship).toEqual({ affiliations: [{ role: 'Prime Minister' }], sharedEvents: { totalCount: 0 } });
  });

  it('refuses the same actor twice, or an unknown one', async () => {
    expect((await execute(graphql('{ relationship(a: "tait", b: "tait") { a { slug } } }'))).errors?.[0]?.extensions).toMatchObject({ argument: 'b' });
    expect((await execute(graphql('{ relationship(a: "tait", b: "nobody") { a { slug } } }'))).errors?.[0]?.message).toBe(
      'b: no actor has the slug "nobody"; look it up with actors(...)',
    );
  });
});

describe('a reader follows the chain between two actors', () => {
  const PATH = graphql(`query ($from: String!, $to: String!, $maxHops: Int, $filter: EventFilter) {
    path(from: $from, to: $to, maxHops: $maxHops, filter: $filter) { hops steps { actor { slug } via { slug } } }
  }`);

  it('finds the shortest path from Turnbull to Macron', async () => {
    const data = await query(PATH, { from: 'malcolm-turnbull', to: 'emmanuel-macron' });
    expect(data.path).toEqual({
      hops: 2,
      steps: [
        { actor: { slug: 'malcolm-turnbull' }, via: null },
        { actor: { slug: 'donald-trump' }, via: { slug: 'trump-turnbull-call' } },
        { actor: { slug: 'emmanuel-macron' }, via: { slug: 'trump-macron-call-after-election' } },
      ],
    });
  });

  it('walks only the filtered events, and crosses as many as it must', async () => {
    const windowed = await query(PATH, { from: 'malcolm-turnbull', to: 'emmanuel-macron', filter: { from: '2017-01', to: '2017-03' } });
    expect(windowed.path).toBeNull();
    const lavrov = await query(PATH, { from: 'derek-chollet', to: 'sergey-lavrov' });
    expect(lavrov.path?.steps.map((s) => [s.actor.slug, s.via?.slug ?? null])).toEqual([
      ['derek-chollet', null],
      ['donald-trump', 'security-concerns-over-cellphone-calls'],
      ['sergey-lavrov', 'oval-office-meeting-with-russian-diplomats'],
    ]);
  });

  it('answers null when no chain is short enough or none exists, and refuses 50 hops', async () => {
    expect((await query(PATH, { from: 'malcolm-turnbull', to: 'emmanuel-macron', maxHops: 1 })).path).toBeNull();
    // The officials who, the article presumes, circulated notes share no event with anyone.
    expect((await query(PATH, { from: 'national-security-officials', to: 'donald-trump', maxHops: 6 })).path).toBeNull();
    const result = await execute(PATH, { from: 'derek-chollet', to: 'sergey-lavrov', maxHops: 50 });
    expect(result.errors?.[0]).toMatchObject({ message: 'maxHops: must be a whole number from 1 to 6, not 50', extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('a frontend draws the network', () => {
  it('returns the heaviest pairs and the actors on them', async () => {
    const data = await query(
      graphql(`{ network(minWeight: 3) {
      nodes { actor { slug } eventCount } edges { source { slug } target { slug } weight events { slug } }
    } }`),
    );
    expect(data.network.edges.map((e) => [e.source.slug, e.target.slug, e.weight])).toEqual([
      ['donald-trump', 'emmanuel-macron', 5],
      ['donald-trump', 'enrique-pena-nieto', 4],
      ['donald-trump', 'malcolm-turnbull', 3],
      ['donald-trump', 'russian-diplomats', 3],
      ['donald-trump', 'washington-post', 3],
    ]);
    expect(data.network.nodes.map((n) => [n.actor.slug, n.eventCount])).toEqual([
      ['donald-trump', 18],
      ['emmanuel-macron', 5],
      ['enrique-pena-nieto', 4],
      ['malcolm-turnbull', 3],
      ['russian-diplomats', 3],
      ['washington-post', 3],
    ]);
    expect(data.network.edges[2]?.events.map((e) => e.slug)).toEqual([
      'trump-turnbull-call',
      'turnbull-call-leaked',
      'washington-post-publishes-call-transcripts',
    ]);
  });

  it('refuses an unbounded graph', async () => {
    expect((await execute(graphql('{ network(limit: 100000) { edges { weight } } }'))).errors?.[0]?.extensions).toMatchObject({ argument: 'limit' });
  });
});

describe('knownBy reaches every event a relationship query returns', () => {
  const sourcesOf = (event: { citations: { source: { slug: string } }[] }) => event.citations.map((c) => c.source.slug);
  const citations = graphql(`fragment Citations on Event @_unmask { slug citations { source { slug } } disputed }`);

  it('in associates: the Trudeau call as known on 4 June 2017, without the reports of 2018', async () => {
    const data = await query(
      graphql(
        `{ actor(slug: "justin-trudeau") { associates(filter: { knownBy: "2017-06-04" }) { edges { node {
      actor { slug } firstShared { ...Citations } lastShared { ...Citations } sharedEvents { edges { node { ...Citations } } }
    } } } } }`,
        [citations],
      ),
    );
    const trump = data.actor!.associates.edges.find((e) => e.node.actor.slug === 'donald-trump')!.node;
    const call = trump.sharedEvents.edges.map((e) => e.node).find((e) => e.slug === 'trudeau-calls-trump-cellphone');
    for (const event of [call!, trump.firstShared]) {
      expect(sourcesOf(event)).toEqual(['ap-cellphone-diplomacy', 'cbc-pmo-not-aware', 'seed-article']);
    }
    const unfiltered = await query(graphql(`{ event(slug: "trudeau-calls-trump-cellphone") { ...Citations } }`, [citations]));
    expect(sourcesOf(unfiltered.event!)).toContain('washington-post-trudeau-call-2018');
  });

  it('in the network and in a path', async () => {
    const data = await query(
      graphql(
        `{
      network(filter: { actors: ["justin-trudeau"], knownBy: "2017-06-04" }) { edges { events { ...Citations } } }
      path(from: "justin-trudeau", to: "donald-trump", filter: { knownBy: "2017-06-04" }) { steps { via { ...Citations } } }
    }`,
        [citations],
      ),
    );
    const events = [...data.network.edges.flatMap((e) => e.events), ...data.path!.steps.flatMap((s) => (s.via ? [s.via] : []))];
    expect(events.length).toBeGreaterThan(1);
    for (const event of events) expect(sourcesOf(event).filter((s: string) => s.endsWith('2018') || s === 'the-hill-aides-caught-unaware')).toEqual([]);
  });
});
