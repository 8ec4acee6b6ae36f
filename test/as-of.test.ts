// "The timeline as Chronicle had it": an event asked for asOf a moment of record time answers
// what the same query answered at that moment, from the revision history.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens.js';
import { renameRecord } from '../src/records/slug-redirects.js';
import { eventTimeOf } from '../src/dates/event-time.js';
import { importText } from '../src/imports/import-text.js';
import { useTestDatabase } from './helpers/database.js';
import { executeAs, graphql, query } from './helpers/graphql.js';

const database = useTestDatabase();

const EVENT = graphql(`
  query ($slug: String!, $asOf: DateTime) {
    event(slug: $slug, asOf: $asOf) {
      id slug revision updatedAt retiredAt title summary place kind status tags unsourced disputed
      date { edtf display }
      participants { role actor { slug name } }
      citations { stance quote source { slug title } }
    }
  }
`);

const UPDATE = graphql(`
  mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { __typename ... on MutationError { message } } }
`);

const RETIRE = graphql(`
  mutation ($input: EventRetirementInput!) { retireEvent(input: $input) { __typename ... on MutationError { message } } }
`);

const SLUG = 'trump-macron-brussels-meeting';

/** A moment of record time between two writes: the clock moves on before and after it. */
async function moment(): Promise<string> {
  await sleep(15);
  const at = new Date().toISOString();
  await sleep(15);
  return at;
}

describe('an event asOf a moment of record time', () => {
  it('answers what it answered then, through edits of every kind, a rename of its actor and its retirement', async () => {
    const { secret } = await createApiToken(database().client, 'editor', 'WRITE');
    const write = async (mutation: typeof UPDATE | typeof RETIRE, input: Record<string, unknown>) => {
      const result = await executeAs(secret, mutation as typeof UPDATE, { input } as never);
      expect(result.errors).toBeUndefined();
      expect(JSON.stringify(result.data)).not.toContain('MutationError');
    };
    const answers: { at: string; event: unknown }[] = [];
    const keep = async () => {
      const at = await moment();
      answers.push({ at, event: (await query(EVENT, { slug: SLUG })).event });
    };

    await keep();
    const { id } = (await query(EVENT, { slug: SLUG })).event!;
    await write(UPDATE, { id, basedOnRevision: 1, changes: { title: 'Trump and Macron meet', place: null, date: '2017-05' } });
    await keep();
    await write(UPDATE, {
      id,
      basedOnRevision: 2,
      changes: {
        participants: [
          { actor: 'donald-trump', role: 'PARTICIPANT' },
          { actor: 'emmanuel-macron', role: 'PARTICIPANT' },
        ],
        citations: [{ source: 'ap-trump-cellphone', stance: 'DISPUTES', quote: 'A quote of our own' }],
      },
    });
    await keep();
    // The actor's new slug is followed: the participants of then name the record it is now.
    await renameRecord(database().client, 'actor', 'emmanuel-macron', 'macron');
    await write(RETIRE, { id, basedOnRevision: 3 });
    await keep();

    for (const [i, { at, event }] of answers.entries()) {
      const past = (await query(EVENT, { slug: SLUG, asOf: at })).event!;
      // The same answer, but for the actors named, which are as they are now (renamed since), and
      // the time of the last change, which is the record time of its revision then.
      const renamed = i < 3 ? JSON.parse(JSON.stringify(event).replaceAll('"emmanuel-macron"', '"macron"')) : event;
      expect({ ...past, updatedAt: (event as { updatedAt: string }).updatedAt }, `as of ${at}`).toEqual(renamed);
      const revision = await database().client.revision.findFirstOrThrow({
        where: { recordKind: 'EVENT', recordId: (await database().client.event.findUniqueOrThrow({ where: { slug: SLUG } })).id, number: past.revision },
        select: { change: { select: { at: true } } },
      });
      expect(past.updatedAt).toBe(revision.change.at.toISOString());
    }
    // Before the seed made it, it was not there.
    const seeded = await database().client.change.findFirstOrThrow({ where: { via: 'SEED' }, select: { at: true } });
    expect((await query(EVENT, { slug: SLUG, asOf: new Date(seeded.at.getTime() - 1).toISOString() })).event).toBeNull();
  });
});

describe('a list of events asOf a moment of record time', () => {
  const LIST = graphql(`
    query ($filter: EventFilter, $asOf: DateTime, $after: String, $orderBy: EventOrder) {
      events(filter: $filter, asOf: $asOf, first: 3, after: $after, orderBy: $orderBy) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { slug title kind date { edtf } participants { role actor { slug } } previous { slug } next { slug } } }
      }
    }
  `);
  const CREATE = graphql(`
    mutation ($input: CreateEventInput!) { createEvent(input: $input) { __typename ... on MutationError { message } } }
  `);

  /** Every page of a list, in order, with its count: what a timeline reads. */
  async function wholeList({ orderBy, ...filter }: Record<string, unknown>, asOf?: string) {
    const nodes: unknown[] = [];
    let after: string | null | undefined;
    let totalCount = 0;
    do {
      const { events } = await query(LIST, { filter, asOf, after, orderBy: (orderBy as 'RELEVANCE' | undefined) ?? 'CHRONOLOGICAL' });
      totalCount = events.totalCount;
      nodes.push(...events.edges.map((e) => e.node));
      after = events.pageInfo.hasNextPage ? events.pageInfo.endCursor : undefined;
    } while (after);
    return { totalCount, nodes };
  }

  it('lists, counts and pages the events of then: the filter on their fields then, none created since', async () => {
    const { secret } = await createApiToken(database().client, 'editor', 'WRITE');
    const filters: Record<string, unknown>[] = [{ actors: ['donald-trump'] }, { kinds: ['MEETING'] }, { from: '2017-05', to: '2017-05' }, {}];
    const at = await moment();
    const trumpEvents = (await wholeList(filters[0]!)).nodes as { slug: string; title: string; participants: { role: string; actor: { slug: string } }[] }[];
    const [first, second] = trumpEvents;
    // Words of then: a title changed below is found by its old words, and ranked by them.
    const word = second!.title.split(/\W+/).sort((a, b) => b.length - a.length)[0]!;
    filters.push({ text: word }, { text: word, orderBy: 'RELEVANCE' });
    const then = await Promise.all(filters.map((filter) => wholeList(filter)));

    const ids = await Promise.all([first!, second!].map(async ({ slug }) => (await query(EVENT, { slug })).event!));
    const write = async (mutation: typeof UPDATE, input: Record<string, unknown>) => {
      const result = await executeAs(secret, mutation, { input } as never);
      expect(JSON.stringify(result.data)).not.toContain('MutationError');
    };
    // Trump taken out of one event, another moved in time and made a meeting, one retired, one created.
    await write(UPDATE, {
      id: ids[0]!.id,
      basedOnRevision: ids[0]!.revision,
      changes: { participants: first!.participants.filter((p) => p.actor.slug !== 'donald-trump').map((p) => ({ actor: p.actor.slug, role: p.role })) },
    });
    await write(UPDATE, { id: ids[1]!.id, basedOnRevision: ids[1]!.revision, changes: { date: '2016-11', kind: 'MEETING', title: 'Moved' } });
    await write(RETIRE as never, { id: (await query(EVENT, { slug: 'trudeau-calls-trump-cellphone' })).event!.id, basedOnRevision: 1 });
    await write(CREATE as never, {
      event: {
        title: 'Created later',
        kind: 'MEETING',
        status: 'REPORTED',
        date: '2017-05-20',
        participants: [{ actor: 'donald-trump', role: 'PARTICIPANT' }],
        citations: [{ source: 'seed-article' }],
      },
    });
    const now = await Promise.all(filters.map((filter) => wholeList(filter)));
    for (const [i, filter] of filters.entries()) expect(now[i], JSON.stringify(filter)).not.toEqual(then[i]);
    for (const [i, filter] of filters.entries()) expect(await wholeList(filter, at), JSON.stringify(filter)).toEqual(then[i]);
  });

  it('leaves out an event older than the history whose record was made later, alone and in a list', async () => {
    const at = await moment();
    const trump = await database().client.actor.findUniqueOrThrow({ where: { slug: 'donald-trump' } });
    // Written around the writer, as a database from before the revision history holds its events.
    await database().client.event.create({
      data: {
        slug: 'without-history',
        title: 'Without history',
        kind: 'meeting',
        status: 'REPORTED',
        unsourced: true,
        ...eventTimeOf('2017-05-20'),
        participants: { create: [{ actorId: trump.id, role: 'participant' }] },
      },
    });
    expect((await query(EVENT, { slug: 'without-history' })).event?.slug).toBe('without-history');
    expect((await query(EVENT, { slug: 'without-history', asOf: at })).event).toBeNull();
    const listed = await wholeList({ actors: ['donald-trump'] }, at);
    expect(listed.nodes.map((n) => (n as { slug: string }).slug)).not.toContain('without-history');
  });

  it('searches the words of then over hundreds of changed events, and finds each by them', async () => {
    const events = (title: (n: number) => string) =>
      Array.from({ length: 300 }, (_, n) =>
        JSON.stringify({
          slug: `many-${n}`,
          title: title(n),
          kind: 'statement',
          status: 'REPORTED',
          date: '2016-03-01',
          participants: [{ role: 'speaker', actor: { slug: 'donald-trump', name: 'Donald Trump', kind: 'PERSON' } }],
          citations: [{ quote: `Quote ${n}`, source: { slug: 'seed-article', kind: 'news-report', title: 'x' } }],
        }),
      ).join('\n');
    const seedArticle = await database().client.source.findUniqueOrThrow({ where: { slug: 'seed-article' } });
    const cite = (text: string) => text.replaceAll('"title":"x"', `"title":${JSON.stringify(seedArticle.title)}`);
    await importText(database().client, cite(events((n) => `Zanzibar statement ${n}`)), 'first.ndjson');
    const at = await moment();
    await importText(database().client, cite(events((n) => `Quito statement ${n}`)), 'second.ndjson');
    const SEARCH = graphql(`
      query ($text: String!, $asOf: DateTime) {
        events(filter: { text: $text }, asOf: $asOf, first: 100, orderBy: RELEVANCE) { totalCount edges { node { title } } }
      }
    `);
    const then = (await query(SEARCH, { text: 'zanzibar', asOf: at })).events;
    expect(then.totalCount).toBe(300);
    expect(then.edges).toHaveLength(100);
    expect(then.edges.every((e) => e.node.title.startsWith('Zanzibar'))).toBe(true);
    expect((await query(SEARCH, { text: 'quito', asOf: at })).events.totalCount).toBe(0);
    expect((await query(SEARCH, { text: 'zanzibar' })).events.totalCount).toBe(0);
  });
});
