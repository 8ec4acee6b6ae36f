import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../src/builder.js';
import { createApiToken } from '../src/auth/api-tokens.js';
import { type Example, examples, TOKEN_PLACEHOLDER } from '../src/playground/examples.js';
import { createLogger } from '../src/logger.js';
import { createChronicleYoga, LIMITS } from '../src/yoga.js';
import { useTestDatabase } from './helpers/database.js';
import { execute, yoga } from './helpers/graphql.js';
import { hear, openSubscription } from './helpers/sse.js';

const database = useTestDatabase();

describe('a person opens the playground', () => {
  it('gets GraphiQL, served without a CDN, with the example queries in tabs', async () => {
    const response = await yoga.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>Chronicle</title>');
    expect(html).not.toContain('unpkg.com');
    expect(html).toContain('query TrumpsTimeline');
  });

  // What each example must answer: its key facts, checked, not only its presence. An example
  // without an entry here fails, so a new one comes with its answer.
  const answers: Record<string, object> = {
    "Trump's events, in order": {
      actor: {
        name: 'Donald Trump',
        events: {
          totalCount: 18,
          edges: expect.arrayContaining([
            { node: expect.objectContaining({ title: "Trump's phone call with Enrique Peña Nieto", date: { display: '27 January 2017', precision: 'DAY' } }) },
          ]),
        },
      },
    },
    'Who says so: citations and the chain of sources': {
      event: {
        date: { edtf: '[..2017-05-30]', display: 'before 30 May 2017', earliest: null },
        citations: expect.arrayContaining([expect.objectContaining({ source: expect.objectContaining({ publisher: { name: 'The Associated Press' } }) })]),
      },
    },
    'Conflicting accounts side by side': {
      events: { edges: expect.arrayContaining([{ node: expect.objectContaining({ title: "Justin Trudeau calls Trump's cellphone", disputed: true }) }]) },
    },
    'A time window, page by page': { events: { totalCount: 13, pageInfo: { hasNextPage: true } } },
    'Leaks, by type and tag': {
      events: {
        edges: expect.arrayContaining([
          { node: expect.objectContaining({ title: "National security officials circulate notes of Trump's conversations", status: 'ALLEGED' }) },
        ]),
      },
    },
    'Vocabularies: event types with labels, broader and narrower': {
      terms: expect.arrayContaining([
        {
          slug: 'visit',
          label: 'Visit',
          description: expect.any(String),
          parent: { slug: 'meeting' },
          children: [{ slug: 'state-visit', label: 'State visit' }],
        },
      ]),
      meetings: {
        totalCount: 2,
        edges: expect.arrayContaining([{ node: { title: 'Trump and Macron meet in Brussels', type: { slug: 'meeting', label: 'Meeting', parent: null } } }]),
      },
    },
    'What was known on 4 June 2017?': { events: { totalCount: 9 } },
    'Dates as honest as the sources: intervals, ranges, vague dates': {
      leak: { date: { edtf: '2017-01-31/2017-02-02?', form: 'INTERVAL', start: { display: '31 January 2017' }, end: { uncertain: true }, ongoing: false } },
      request: { date: { form: 'ONE_OF', display: 'between 25 May 2017 and 4 June 2017' } },
    },
    'Full-text search, ranked, with snippets': {
      events: {
        totalCount: 2,
        edges: expect.arrayContaining([{ node: expect.objectContaining({ snippet: expect.stringContaining('<mark>cell</mark> <mark>phone</mark>') }) }]),
      },
    },
    'A histogram by month': {
      histogram: {
        total: 18,
        imprecise: 5,
        buckets: expect.arrayContaining([
          { start: '2017-05-01T00:00:00.000Z', started: 7, underway: 7 },
          { start: '2017-02-01T00:00:00.000Z', started: 1, underway: 2 },
        ]),
      },
    },
    "Trump's associates, ranked": {
      actor: {
        associates: {
          totalCount: 17,
          edges: expect.arrayContaining([{ node: expect.objectContaining({ actor: { name: 'Emmanuel Macron', kind: 'PERSON' }, sharedEventCount: 5 }) }]),
        },
      },
    },
    'What links two actors': {
      relationship: {
        sharedEvents: { edges: [{ node: { title: 'Trump meets Sergey Lavrov and Sergey Kislyak in the Oval Office', date: { display: '10 May 2017' } } }] },
      },
    },
    'The shortest path between two actors': {
      path: {
        hops: 2,
        steps: [
          { actor: { name: 'Malcolm Turnbull' }, via: null },
          expect.objectContaining({ actor: { name: 'Donald Trump' } }),
          expect.objectContaining({ actor: { name: 'Emmanuel Macron' } }),
        ],
      },
    },
    'A network view': {
      network: { nodes: expect.arrayContaining([{ actor: { slug: 'donald-trump', name: 'Donald Trump', kind: 'PERSON' }, eventCount: 18 }]) },
    },
    'What revealed what: links between events': {
      event: {
        related: [expect.objectContaining({ kind: 'REVEALS', direction: 'INCOMING' }), expect.objectContaining({ kind: 'REVEALS', direction: 'INCOMING' })],
      },
    },
    'Download the current view': { exportUrl: '/export/events.csv?actor=donald-trump&from=2017-05&to=2017-06' },
    'Actors and their roles': { actors: { totalCount: 10 } },
    'Refetch anything by its global ID': {
      event: { id: Buffer.from('Event:trump-macron-brussels-meeting').toString('base64'), title: 'Trump and Macron meet in Brussels' },
    },
    'Write: add an event (needs a token)': {
      createEvent: { __typename: 'CreateEventPayload', event: { slug: 'trump-says-he-will-keep-taking-calls-on-his-cellphone', revision: 1 } },
    },
    'Write: correct an event, and see a stale change refused': {
      updateEvent: { __typename: 'UpdateEventPayload', event: { place: "US ambassador's residence, Brussels", revision: 2 } },
    },
    'Write: merge a duplicate actor, and undo it': {
      duplicate: { __typename: 'CreateActorPayload' },
      merge: {
        __typename: 'MergeActorsPayload',
        actor: { slug: 'justin-trudeau', aliases: expect.arrayContaining(['Trudeau']) },
        merged: { slug: 'trudeau-merged' },
      },
    },
    'History: who changed what, when and why': {
      event: { revision: 1, history: { edges: [{ node: { number: 1, action: 'CREATED', by: 'seed', via: 'SEED', changes: [] } }] } },
    },
    'History: the timeline as Chronicle had it (asOf)': {
      past: { title: 'Trump and Macron meet in Brussels', revision: 1 },
      now: { title: 'Trump and Macron meet in Brussels', revision: 1 },
      events: { totalCount: 18 },
    },
  };

  /** Runs an example as GraphiQL would, its headers pane holding a real token where it asks for one. */
  async function run(example: Example) {
    const token = example.headers ? (await createApiToken(database().client, `playground-${randomUUID()}`, 'WRITE')).secret : undefined;
    const headers = Object.fromEntries(
      Object.entries(example.headers ?? {}).map(([name, value]) => [name, value === TOKEN_PLACEHOLDER ? `Bearer ${token}` : value]),
    );
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query: example.query, variables: example.variables }),
    });
    return (await response.json()) as { data?: Record<string, { __typename?: string }>; errors?: unknown[] };
  }

  const isSubscription = (example: Example) => /^\s*subscription\b/m.test(example.query.replace(/#.*$/gm, ''));

  it.each(examples.filter((e) => !isSubscription(e)).map((e) => [e.name, e] as const))('runs the example "%s" and gets its answer', async (name, example) => {
    const result = await run(example);
    expect(result.errors).toBeUndefined();
    expect(answers[name], `no answer written for the example "${name}"`).toBeDefined();
    expect(result.data).toMatchObject(answers[name]!);
  });

  it('refuses the stale-change example the second time, as it says', async () => {
    const example = examples.find((e) => e.name.startsWith('Write: correct an event'))!;
    await run(example);
    expect((await run(example)).data?.updateEvent).toMatchObject({ __typename: 'StaleRevision', currentRevision: 2 });
  });

  it('hears a write in the live example, a subscription over Server-Sent Events', async () => {
    const live = await openSubscription(yoga, examples.find(isSubscription)!.query);
    try {
      const heard = await hear(live, async () => {
        await run(examples.find((e) => e.name.startsWith('Write: add an event'))!);
      });
      expect(JSON.stringify(heard)).toContain('trump-says-he-will-keep-taking-calls-on-his-cellphone');
    } finally {
      live.close();
    }
  });
});

describe('an operator checks health', () => {
  it('answers /health when the database answers', async () => {
    const response = await yoga.fetch('http://yoga/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /live while the process runs, and nothing at the old /yoga-health', async () => {
    expect((await yoga.fetch('http://yoga/live')).status).toBe(200);
    expect((await yoga.fetch('http://yoga/yoga-health')).status).toBe(404);
  });
});

describe('an operator follows a request through the logs', () => {
  const post = (headers: Record<string, string>) =>
    yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ events(first: 1) { totalCount } }' }),
    });

  it("keeps the client's X-Request-Id, and gives one to a request without", async () => {
    expect((await post({ 'x-request-id': 'frontend-7f3a.42' })).headers.get('x-request-id')).toBe('frontend-7f3a.42');
    expect((await post({})).headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await yoga.fetch('http://yoga/export/events.csv?actor=justin-trudeau')).headers.get('x-request-id')).toBeTruthy();
  });

  it('replaces an id that would garble a log line', async () => {
    for (const bad of ['two words', 'x'.repeat(129), 'line\tbreak']) {
      const id = (await post({ 'x-request-id': bad })).headers.get('x-request-id');
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('a web page on another site reads the API', () => {
  const preflight = (origin: string, client = yoga) =>
    client.fetch('http://yoga/graphql', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  it('may, from any origin by default, and never with credentials', async () => {
    const response = await preflight('https://newsroom.example');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://newsroom.example');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    const answer = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { origin: 'https://newsroom.example', 'content-type': 'application/json' },
      body: '{"query":"{ events(first: 1) { totalCount } }"}',
    });
    expect(answer.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
  });

  it('may only from the listed origins when CHRONICLE_CORS_ORIGINS names them', async () => {
    const listed = createChronicleYoga(createLogger('silent'), { client: () => database().client, corsOrigins: ['https://a.example', 'https://b.example'] });
    expect((await preflight('https://b.example', listed)).headers.get('access-control-allow-origin')).toBe('https://b.example');
    expect((await preflight('https://evil.example', listed)).headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });
});

describe('abusive queries are refused with the limit named', () => {
  it('refuses too many aliases', async () => {
    const fields = Array.from({ length: LIMITS.aliases + 1 }, (_, i) => `a${i}: event(slug: "x") { slug }`).join(' ');
    const result = await execute(`{ ${fields} }`);
    expect(result.errors?.[0]?.message).toMatch(/Aliases limit of 15 exceeded/);
  });

  it('refuses too many tokens', async () => {
    const fields = Array.from({ length: LIMITS.tokens }, () => 'slug').join(' ');
    const result = await execute(`{ event(slug: "x") { ${fields} } }`);
    expect(result.errors?.[0]?.message).toMatch(/Token limit of 1000 exceeded/);
  });

  it('refuses nested pages that multiply past the budget', async () => {
    const result = await execute(`{
      events(first: 100) { edges { node { participants { actor { events(first: 100) { edges { node { slug title } } } } } } } }
    }`);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect(result.errors?.[0]?.message).toContain(`above the limit of ${QUERY_LIMITS.complexity}`);
  });

  it('refuses a query deeper than the limit', async () => {
    // Empty pages keep the complexity low, so only the depth is over its limit.
    let selection = 'slug';
    for (let i = 0; i < 3; i += 1) selection = `events(first: 0) { edges { node { participants { actor { ${selection} } } } } }`;
    const result = await execute(`{ actor(slug: "donald-trump") { ${selection} } }`);
    expect(result.errors?.[0]?.message).toMatch(new RegExp(`depth is \\d+, above the limit of ${QUERY_LIMITS.depth}`));
  });

  it('answers a malformed query with a syntax error', async () => {
    const result = await execute('{ events(first: ) }');
    expect(result.errors?.[0]?.message).toMatch(/^Syntax Error/);
  });
});
