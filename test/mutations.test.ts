// Writing events through the API: who may, what is refused and why, and what each change leaves
// in the records' revisions.
import { describe, expect, it } from 'vitest';
import { createApiToken, revokeApiToken } from '../src/auth/api-tokens.js';
import { schema } from '../src/schema.js';
import { useTestDatabase } from './helpers/database.js';
import { execute, executeAs, graphql, yoga } from './helpers/graphql.js';

const database = useTestDatabase();

const CREATE = graphql(`
  mutation ($input: CreateEventInput!) {
    createEvent(input: $input) {
      __typename
      ... on CreateEventPayload { event { id slug title revision participants { role actor { slug } } citations { source { slug } } } }
      ... on MutationError { message }
      ... on InvalidInput { problems { field message } }
    }
  }
`);

const UPDATE = graphql(`
  mutation ($input: UpdateEventInput!) {
    updateEvent(input: $input) {
      __typename
      ... on UpdateEventPayload { event { title summary revision participants { role actor { slug } } } }
      ... on MutationError { message }
      ... on StaleRevision { basedOnRevision currentRevision }
      ... on InvalidInput { problems { field message } }
    }
  }
`);

const BRUSSELS = graphql('{ event(slug: "trump-macron-brussels-meeting") { id title summary revision } }');

/** A new event as an editor would send it: from the article, with one participant. */
const newEvent = (overrides: Record<string, unknown> = {}) => ({
  event: {
    title: 'Trump tells reporters he speaks with Macron often',
    kind: 'STATEMENT' as const,
    status: 'REPORTED' as const,
    date: '2017-06',
    participants: [{ actor: 'donald-trump', role: 'SPEAKER' as const }],
    citations: [{ source: 'seed-article' }],
    ...overrides,
  },
  note: 'from the follow-up story',
});

async function token(scope: 'READ' | 'WRITE' | 'ADMIN', name = `${scope.toLowerCase()}-editor`) {
  return (await createApiToken(database().client, name, scope)).secret;
}

const eventCount = () => database().client.event.count();

describe('who may write', () => {
  it('refuses an anonymous client with 401 and writes nothing', async () => {
    const before = await eventCount();
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation ($input: CreateEventInput!) { createEvent(input: $input) { __typename } }', variables: { input: newEvent() } }),
    });
    const body = await response.json();
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(body.errors[0].message).toContain('needs a token with the WRITE scope');
    expect(await eventCount()).toBe(before);
  });

  it('refuses a READ token as FORBIDDEN, naming the token and the scope it lacks', async () => {
    const result = await executeAs(await token('READ'), CREATE, { input: newEvent() });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(result.errors?.[0]?.message).toContain('"read-editor" has the READ scope; this needs WRITE');
  });

  it('refuses a revoked or unknown token with 401, rather than serving it as anonymous', async () => {
    const secret = await token('WRITE');
    await revokeApiToken(database().client, 'write-editor');
    for (const bearer of [secret, 'chronicle_not-a-real-token']) {
      const response = await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect((await response.json()).errors[0].message).toContain('not one this server knows, or it was revoked');
    }
  });

  it('declares a scope on every mutation', () => {
    const mutations = Object.values(schema.getMutationType()!.getFields());
    expect(mutations.length).toBeGreaterThan(0);
    const undeclared = mutations.filter((field) => !(field.extensions?.pothosOptions as { authScopes?: unknown } | undefined)?.authScopes);
    expect(undeclared.map((field) => field.name)).toEqual([]);
  });

  it('never runs a mutation sent by GET, as a link or an image on another site would', async () => {
    const secret = await token('WRITE');
    const before = await eventCount();
    const query = encodeURIComponent(
      'mutation { createEvent(input: {event: {title: "x", kind: STATEMENT, status: REPORTED, date: "2017", participants: [{actor: "donald-trump", role: SPEAKER}], citations: [{source: "seed-article"}]}}) { __typename } }',
    );
    const response = await yoga.fetch(`http://yoga/graphql?query=${query}`, { headers: { accept: 'application/json', authorization: `Bearer ${secret}` } });
    expect(response.status).toBe(405);
    expect(await eventCount()).toBe(before);
  });
});

describe('an editor creates an event', () => {
  it('creates it at revision 1, with a slug made from its title, and keeps who, how and why', async () => {
    const result = await executeAs(await token('WRITE'), CREATE, { input: newEvent() });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createEvent).toMatchObject({
      __typename: 'CreateEventPayload',
      event: {
        slug: 'trump-tells-reporters-he-speaks-with-macron-often',
        revision: 1,
        participants: [{ role: 'SPEAKER', actor: { slug: 'donald-trump' } }],
        citations: [{ source: { slug: 'seed-article' } }],
      },
    });
    const revisions = await database().client.revision.findMany({
      where: { recordKind: 'EVENT', action: 'CREATED', change: { via: 'API' } },
      include: { change: true },
    });
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ number: 1, change: { by: 'write-editor', note: 'from the follow-up story' } });
  });

  it('refuses what an import would refuse, naming each field, and writes nothing', async () => {
    const before = await eventCount();
    const result = await executeAs(await token('WRITE'), CREATE, {
      input: newEvent({ date: '2017-13-45', participants: [{ actor: 'nobody-at-all', role: 'SPEAKER' }] }),
    });
    const answer = result.data?.createEvent;
    expect(answer?.__typename).toBe('InvalidInput');
    expect(answer && 'problems' in answer ? answer.problems.map((p) => p.field) : []).toEqual(['date']);
    // References are checked once the record itself is well formed.
    const unknown = await executeAs(await token('WRITE', 'second'), CREATE, {
      input: newEvent({ participants: [{ actor: 'nobody-at-all', role: 'SPEAKER' }] }),
    });
    expect(unknown.data?.createEvent).toMatchObject({
      __typename: 'InvalidInput',
      problems: [{ field: 'participants.actor', message: 'unknown slug "nobody-at-all"' }],
    });
    expect(await eventCount()).toBe(before);
    expect(await database().client.change.count({ where: { via: 'API' } })).toBe(0);
  });

  it('refuses a slug another event has', async () => {
    const result = await executeAs(await token('WRITE'), CREATE, { input: newEvent({ slug: 'trump-macron-brussels-meeting' }) });
    expect(result.data?.createEvent).toMatchObject({ __typename: 'InvalidInput', problems: [{ field: 'slug' }] });
  });
});

describe('an editor corrects an event', () => {
  it('changes the fields given, moves the revision on, and keeps each field before and after', async () => {
    const { data } = await execute(BRUSSELS);
    const brussels = data!.event!;
    const result = await executeAs(await token('WRITE'), UPDATE, {
      input: {
        id: brussels.id,
        basedOnRevision: brussels.revision,
        changes: { title: 'Trump and Macron lunch in Brussels', summary: null },
        note: 'shorter title',
      },
    });
    expect(result.data?.updateEvent).toMatchObject({
      __typename: 'UpdateEventPayload',
      event: { title: 'Trump and Macron lunch in Brussels', summary: null, revision: brussels.revision + 1 },
    });
    const revision = await database().client.revision.findFirstOrThrow({ where: { action: 'UPDATED' }, include: { change: true } });
    expect(revision).toMatchObject({
      number: brussels.revision + 1,
      change: { via: 'API', by: 'write-editor', note: 'shorter title' },
      fields: { title: { before: brussels.title, after: 'Trump and Macron lunch in Brussels' }, summary: { before: brussels.summary, after: null } },
    });
  });

  it('replaces a list whole, and keeps the list before and after', async () => {
    const { data } = await execute(BRUSSELS);
    const brussels = data!.event!;
    const result = await executeAs(await token('WRITE'), UPDATE, {
      input: { id: brussels.id, basedOnRevision: brussels.revision, changes: { participants: [{ actor: 'donald-trump', role: 'PARTICIPANT' }] } },
    });
    expect(result.data?.updateEvent).toMatchObject({ event: { participants: [{ role: 'PARTICIPANT', actor: { slug: 'donald-trump' } }] } });
    const { fields } = await database().client.revision.findFirstOrThrow({ where: { action: 'UPDATED' } });
    const participants = (fields as { participants: { before: unknown[]; after: unknown[] } }).participants;
    expect(participants.after).toEqual([{ role: 'participant', actor: 'donald-trump' }]);
    expect(participants.before).toContainEqual({ role: 'participant', actor: 'emmanuel-macron' });
  });

  it('refuses the second of two editors working from the same revision, so neither overwrites the other unseen', async () => {
    const { data } = await execute(BRUSSELS);
    const brussels = data!.event!;
    const [first, second] = [await token('WRITE', 'first-editor'), await token('WRITE', 'second-editor')];
    const change = (title: string) => ({ id: brussels.id, basedOnRevision: brussels.revision, changes: { title } });
    expect((await executeAs(first, UPDATE, { input: change('First title') })).data?.updateEvent.__typename).toBe('UpdateEventPayload');
    const stale = await executeAs(second, UPDATE, { input: change('Second title') });
    expect(stale.data?.updateEvent).toMatchObject({
      __typename: 'StaleRevision',
      basedOnRevision: brussels.revision,
      currentRevision: brussels.revision + 1,
    });
    expect((await execute(BRUSSELS)).data?.event?.title).toBe('First title');
  });

  it('lets one of two editors sending at the same moment win, and refuses the other as stale', async () => {
    const { data } = await execute(BRUSSELS);
    const brussels = data!.event!;
    const [first, second] = [await token('WRITE', 'first-editor'), await token('WRITE', 'second-editor')];
    const change = (title: string) => ({ input: { id: brussels.id, basedOnRevision: brussels.revision, changes: { title } } });
    const answers = await Promise.all([executeAs(first, UPDATE, change('Title A')), executeAs(second, UPDATE, change('Title B'))]);
    const kinds = answers.map((a) => a.data?.updateEvent.__typename).sort();
    expect(kinds).toEqual(['StaleRevision', 'UpdateEventPayload']);
    const winner = answers.findIndex((a) => a.data?.updateEvent.__typename === 'UpdateEventPayload');
    expect((await execute(BRUSSELS)).data?.event).toMatchObject({ title: ['Title A', 'Title B'][winner], revision: brussels.revision + 1 });
  });

  it('changes nothing, and keeps no revision, when the change says what the record says', async () => {
    const { data } = await execute(BRUSSELS);
    const brussels = data!.event!;
    const result = await executeAs(await token('WRITE'), UPDATE, {
      input: { id: brussels.id, basedOnRevision: brussels.revision, changes: { title: brussels.title } },
    });
    expect(result.data?.updateEvent).toMatchObject({ event: { revision: brussels.revision } });
    expect(await database().client.change.count({ where: { via: 'API' } })).toBe(0);
  });

  it('answers RecordNotFound for an event id no event has', async () => {
    const result = await executeAs(await token('WRITE'), UPDATE, {
      input: { id: Buffer.from('Event:no-such-event').toString('base64'), basedOnRevision: 1, changes: { title: 'x' } },
    });
    expect(result.data?.updateEvent.__typename).toBe('RecordNotFound');
  });
});

describe('an editor adds and corrects actors and sources', () => {
  const CREATE_ACTOR = graphql(`
    mutation ($input: CreateActorInput!) {
      createActor(input: $input) {
        __typename
        ... on CreateActorPayload { actor { slug revision name aliases externalIds { scheme value } affiliations { role organisation { slug } } } }
        ... on InvalidInput { problems { field message } }
      }
    }
  `);
  const UPDATE_ACTOR = graphql(`
    mutation ($input: UpdateActorInput!) {
      updateActor(input: $input) {
        __typename
        ... on UpdateActorPayload { actor { revision aliases } }
        ... on StaleRevision { currentRevision }
      }
    }
  `);
  const CREATE_SOURCE = graphql(`
    mutation ($input: CreateSourceInput!) {
      createSource(input: $input) {
        __typename
        ... on CreateSourcePayload { source { slug revision title basedOn { slug } } }
        ... on InvalidInput { problems { field message } }
      }
    }
  `);
  const UPDATE_SOURCE = graphql(`
    mutation ($input: UpdateSourceInput!) {
      updateSource(input: $input) { __typename ... on InvalidInput { problems { field message } } }
    }
  `);

  it('creates an actor with a slug from the name, its ids and its role, then corrects its aliases once', async () => {
    const secret = await token('WRITE');
    const made = await executeAs(secret, CREATE_ACTOR, {
      input: {
        actor: {
          name: 'Sébastien Lecornu',
          kind: 'PERSON',
          externalIds: [{ scheme: 'wikidata', value: 'Q16203390' }],
          affiliations: [{ organisation: 'donald-trump', role: 'counterpart' }],
        },
      },
    });
    expect(made.data?.createActor).toEqual({
      __typename: 'CreateActorPayload',
      actor: {
        slug: 'sebastien-lecornu',
        revision: 1,
        name: 'Sébastien Lecornu',
        aliases: [],
        externalIds: [{ scheme: 'wikidata', value: 'Q16203390' }],
        affiliations: [{ role: 'counterpart', organisation: { slug: 'donald-trump' } }],
      },
    });
    const id = Buffer.from('Actor:sebastien-lecornu').toString('base64');
    const change = { id, basedOnRevision: 1, changes: { aliases: ['Lecornu'] } };
    expect((await executeAs(secret, UPDATE_ACTOR, { input: change })).data?.updateActor).toEqual({
      __typename: 'UpdateActorPayload',
      actor: { revision: 2, aliases: ['Lecornu'] },
    });
    expect((await executeAs(secret, UPDATE_ACTOR, { input: change })).data?.updateActor).toEqual({ __typename: 'StaleRevision', currentRevision: 2 });
  });

  it('refuses an id of another kind of record as a client mistake', async () => {
    const result = await executeAs(await token('WRITE'), UPDATE_ACTOR, {
      input: { id: Buffer.from('Event:trump-macron-brussels-meeting').toString('base64'), basedOnRevision: 1, changes: { aliases: [] } },
    });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(result.errors?.[0]?.message).toContain('is the id of an Event, not of an actor');
  });

  it('creates a source based on another, and refuses a basis that would make a circle', async () => {
    const secret = await token('WRITE');
    const made = await executeAs(secret, CREATE_SOURCE, {
      input: { source: { kind: 'NEWS_REPORT', title: 'A follow-up on the calls', basedOn: ['seed-article'], url: 'https://example.org/follow-up' } },
    });
    expect(made.data?.createSource).toMatchObject({ source: { slug: 'a-follow-up-on-the-calls', revision: 1, basedOn: [{ slug: 'seed-article' }] } });
    const seedArticle = Buffer.from('Source:seed-article').toString('base64');
    const basis = () => database().client.source.findUniqueOrThrow({ where: { slug: 'seed-article' }, include: { basedOn: { select: { slug: true } } } });
    const { revision, basedOn } = await basis();
    const circle = await executeAs(secret, UPDATE_SOURCE, {
      input: { id: seedArticle, basedOnRevision: revision, changes: { basedOn: [...basedOn.map((b) => b.slug), 'a-follow-up-on-the-calls'] } },
    });
    expect(circle.data?.updateSource).toMatchObject({ __typename: 'InvalidInput', problems: [{ field: 'basedOn' }] });
    expect(JSON.stringify(circle.data)).toContain('seed-article -> a-follow-up-on-the-calls -> seed-article');
    expect((await basis()).basedOn).toEqual(basedOn);
  });

  it('refuses a link that is not http(s), naming the field', async () => {
    const result = await executeAs(await token('WRITE'), CREATE_SOURCE, {
      input: { source: { kind: 'NEWS_REPORT', title: 'A trap', url: 'javascript:alert(1)' } },
    });
    expect(result.data?.createSource).toMatchObject({
      __typename: 'InvalidInput',
      problems: [{ field: 'url', message: expect.stringContaining('http:// or https://') }],
    });
  });
});
