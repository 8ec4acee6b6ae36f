// Retiring a record keeps it, with its history, and takes it out of every list, count, histogram,
// graph and export; reinstating puts it back. Nothing is deleted.
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens.js';
import { useTestDatabase } from './helpers/database.js';
import { execute, executeAs, graphql, query, yoga } from './helpers/graphql.js';
import { hear, openSubscription } from './helpers/sse.js';

const database = useTestDatabase();

const RETIRE_EVENT = graphql(`
  mutation ($input: EventRetirementInput!) {
    retireEvent(input: $input) { __typename ... on RetireEventPayload { event { retiredAt revision } } ... on MutationError { message } }
  }
`);
const REINSTATE_EVENT = graphql(`
  mutation ($input: EventRetirementInput!) {
    reinstateEvent(input: $input) { __typename ... on ReinstateEventPayload { event { retiredAt revision } } }
  }
`);
const RETIRE_ACTOR = graphql(`
  mutation ($input: ActorRetirementInput!) {
    retireActor(input: $input) { __typename ... on RetireActorPayload { actor { retiredAt } } ... on InvalidInput { problems { field message } } }
  }
`);

/** What the lists say: events, Trump's events, the month histogram (summary and not), Trump's associates. */
const LISTS = graphql(`
  query {
    events(first: 100) { totalCount edges { node { slug } } }
    everything: events(first: 1, filter: { retired: INCLUDE }) { totalCount }
    onlyRetired: events(first: 10, filter: { retired: ONLY }) { edges { node { slug } } }
    histogram(bucket: MONTH) { total }
    histogramOfAll: histogram(bucket: MONTH, filter: { retired: INCLUDE }) { total }
    actor(slug: "donald-trump") { associates(first: 1) { totalCount } events(first: 1) { totalCount } }
  }
`);

const SLUG = 'trump-macron-brussels-meeting';
const id = (type: string, slug: string) => Buffer.from(`${type}:${slug}`).toString('base64');

async function writer() {
  return (await createApiToken(database().client, 'archivist', 'WRITE')).secret;
}

describe('an editor retires an event', () => {
  it('takes it out of lists, counts, histograms, graphs and exports, and keeps it for a direct look', async () => {
    const before = await query(LISTS);
    const secret = await writer();
    const retired = await executeAs(secret, RETIRE_EVENT, { input: { id: id('Event', SLUG), basedOnRevision: 1, note: 'a duplicate of another record' } });
    expect(retired.data?.retireEvent).toMatchObject({ __typename: 'RetireEventPayload', event: { retiredAt: expect.any(String), revision: 2 } });

    const after = await query(LISTS);
    expect(after.events.totalCount).toBe(before.events.totalCount - 1);
    expect(after.events.edges.map((e) => e.node.slug)).not.toContain(SLUG);
    expect(after.everything.totalCount).toBe(before.everything.totalCount);
    expect(after.onlyRetired.edges).toEqual([{ node: { slug: SLUG } }]);
    expect(after.histogram.total).toBe(before.histogram.total - 1);
    expect(after.histogramOfAll.total).toBe(before.histogramOfAll.total);
    expect(after.actor!.events.totalCount).toBe(before.actor!.events.totalCount - 1);
    const csv = await (await yoga.fetch('http://yoga/export/events.csv')).text();
    expect(csv).not.toContain(SLUG);

    const direct = await query(
      graphql('query ($slug: String!) { event(slug: $slug) { slug retiredAt history(first: 1) { edges { node { action note } } } } }'),
      { slug: SLUG },
    );
    expect(direct.event).toMatchObject({
      slug: SLUG,
      retiredAt: expect.any(String),
      history: { edges: [{ node: { action: 'RETIRED', note: 'a duplicate of another record' } }] },
    });
  });

  it('puts it back when reinstated, every count as it was', async () => {
    const before = await query(LISTS);
    const secret = await writer();
    await executeAs(secret, RETIRE_EVENT, { input: { id: id('Event', SLUG), basedOnRevision: 1 } });
    const back = await executeAs(secret, REINSTATE_EVENT, { input: { id: id('Event', SLUG), basedOnRevision: 2 } });
    expect(back.data?.reinstateEvent).toMatchObject({ event: { retiredAt: null, revision: 3 } });
    expect(await query(LISTS)).toEqual(before);
  });

  it('refuses a stale retirement', async () => {
    const result = await executeAs(await writer(), RETIRE_EVENT, { input: { id: id('Event', SLUG), basedOnRevision: 9 } });
    expect(result.data?.retireEvent.__typename).toBe('StaleRevision');
    expect((await database().client.event.findUniqueOrThrow({ where: { slug: SLUG } })).retiredAt).toBeNull();
  });

  it('tells an open timeline to drop it', async () => {
    const secret = await writer();
    const live = await openSubscription(yoga, 'subscription { eventsChanged { retired { slug } } }');
    // Another event each time the subscription missed a retirement (it listens a moment after opening).
    const slugs = (await database().client.event.findMany({ select: { slug: true }, orderBy: { slug: 'asc' } })).map((e) => e.slug);
    try {
      let attempt = 0;
      const heard = (await hear(live, async () => {
        await executeAs(secret, RETIRE_EVENT, { input: { id: id('Event', slugs[attempt++]!), basedOnRevision: 1 } });
      })) as { data: { eventsChanged: { retired: { slug: string }[] } } };
      expect(heard.data.eventsChanged.retired).toHaveLength(1);
      expect(slugs.slice(0, attempt)).toContain(heard.data.eventsChanged.retired[0]!.slug);
    } finally {
      live.close();
    }
  });
});

describe('a live record never names a retired one', () => {
  const CREATE_EVENT = graphql(`
    mutation ($input: CreateEventInput!) { createEvent(input: $input) { __typename ... on InvalidInput { problems { field message } } } }
  `);
  const newEvent = (slug: string, actor: string) => ({
    event: {
      slug,
      title: 'A witness speaks',
      kind: 'STATEMENT' as const,
      status: 'ALLEGED' as const,
      date: '2017-06',
      participants: [{ actor, role: 'SPEAKER' as const }],
      citations: [{ source: 'seed-article' }],
    },
  });

  it('refuses a new event naming a retired actor, and reinstating an event whose actor was retired since', async () => {
    const secret = await writer();
    await executeAs(secret, graphql('mutation ($input: CreateActorInput!) { createActor(input: $input) { __typename } }'), {
      input: { actor: { slug: 'a-witness', name: 'A witness', kind: 'PERSON' } },
    });
    expect((await executeAs(secret, CREATE_EVENT, { input: newEvent('witness-speaks', 'a-witness') })).data?.createEvent.__typename).toBe('CreateEventPayload');
    await executeAs(secret, RETIRE_EVENT, { input: { id: id('Event', 'witness-speaks'), basedOnRevision: 1 } });
    expect((await executeAs(secret, RETIRE_ACTOR, { input: { id: id('Actor', 'a-witness'), basedOnRevision: 1 } })).data?.retireActor.__typename).toBe(
      'RetireActorPayload',
    );

    const naming = await executeAs(secret, CREATE_EVENT, { input: newEvent('witness-speaks-again', 'a-witness') });
    expect(naming.data?.createEvent).toMatchObject({
      __typename: 'InvalidInput',
      problems: [{ field: 'participants.actor', message: 'the actor "a-witness" is retired: reinstate it, or name another' }],
    });
    const back = await executeAs(
      secret,
      graphql('mutation ($input: EventRetirementInput!) { reinstateEvent(input: $input) { __typename ... on InvalidInput { message } } }'),
      {
        input: { id: id('Event', 'witness-speaks'), basedOnRevision: 2 },
      },
    );
    expect(back.data?.reinstateEvent).toMatchObject({
      __typename: 'InvalidInput',
      message: expect.stringContaining('names retired records (actor a-witness)'),
    });
  });

  it('leaves a retired event out of the links of a live one', async () => {
    const related = graphql('{ event(slug: "oval-office-meeting-with-russian-diplomats") { related { event { slug } } } }');
    const before = (await query(related)).event!.related.map((r) => r.event.slug);
    expect(before.length).toBeGreaterThan(0);
    await executeAs(await writer(), RETIRE_EVENT, { input: { id: id('Event', before[0]!), basedOnRevision: 1 } });
    expect((await query(related)).event!.related.map((r) => r.event.slug)).toEqual(before.slice(1));
  });
});

describe('an editor retires an actor', () => {
  it('is refused while live events name the actor, naming them', async () => {
    const result = await executeAs(await writer(), RETIRE_ACTOR, { input: { id: id('Actor', 'justin-trudeau'), basedOnRevision: 1 } });
    expect(result.data?.retireActor).toMatchObject({ __typename: 'InvalidInput', problems: [{ field: 'id', message: expect.stringContaining('event ') }] });
  });

  it('takes an actor no live record names out of the actor list', async () => {
    const secret = await writer();
    await executeAs(secret, graphql('mutation ($input: CreateActorInput!) { createActor(input: $input) { __typename } }'), {
      input: { actor: { slug: 'a-duplicate', name: 'A duplicate', kind: 'PERSON' } },
    });
    const listed = graphql('{ actors(first: 100) { totalCount edges { node { slug } } } }');
    const before = await query(listed);
    expect((await executeAs(secret, RETIRE_ACTOR, { input: { id: id('Actor', 'a-duplicate'), basedOnRevision: 1 } })).data?.retireActor.__typename).toBe(
      'RetireActorPayload',
    );
    const after = await query(listed);
    expect(after.actors.totalCount).toBe(before.actors.totalCount - 1);
    expect(after.actors.edges.map((e) => e.node.slug)).not.toContain('a-duplicate');
    expect((await execute(graphql('{ actor(slug: "a-duplicate") { retiredAt } }'))).data?.actor?.retiredAt).toEqual(expect.any(String));
  });
});
