// Event types, participant roles and source types are data: terms with labels and broader terms,
// which imports, dumps and editors extend, filters follow down the tree, and the old GraphQL
// enums still answer for.
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens.js';
import { dumpDatabase } from '../src/records/dump.js';
import { ImportValidationError } from '../src/imports/import-problems.js';
import { importText } from '../src/imports/import-text.js';
import { writeTerms } from '../src/vocabulary/term-writer.js';
import { openTestDatabase, useTestDatabase } from './helpers/database.js';
import { execute, executeAs, graphql, query } from './helpers/graphql.js';

const database = useTestDatabase();

const CREATE = graphql(`
  mutation ($input: CreateEventInput!) {
    createEvent(input: $input) { __typename ... on MutationError { message } ... on InvalidInput { problems { field message } } ... on CreateEventPayload { event { slug } } }
  }
`);

const TYPED = graphql(`
  query ($filter: EventFilter) {
    events(filter: $filter, first: 100) {
      totalCount
      edges { node { slug kind type { slug label parent { slug } } participants { role roleType { slug label } } } }
    }
  }
`);

/** A new event by an editor, of `type`, with Trump in `roleType`. */
async function createEvent(slug: string, type: string, roleType = 'visitor') {
  const { secret } = await createApiToken(database().client, `editor-${slug}`, 'WRITE');
  const result = await executeAs(secret, CREATE, {
    input: {
      event: {
        slug,
        title: `Event ${slug}`,
        type,
        status: 'REPORTED',
        date: '2017-05',
        participants: [{ actor: 'donald-trump', roleType }],
        unsourced: true,
      },
    },
  });
  expect(result.errors).toBeUndefined();
  expect(result.data!.createEvent).toMatchObject({ __typename: 'CreateEventPayload' });
  return result.data!.createEvent;
}

const slugsOf = (answer: { events: { edges: { node: { slug: string } }[] } }) => answer.events.edges.map((e) => e.node.slug).sort();

describe('the vocabularies', () => {
  it('list each term with its label and its broader and narrower terms', async () => {
    const { terms } = await query(graphql(`{ terms(scheme: EVENT_TYPE) { slug label parent { slug } children { slug } } }`));
    expect(terms.find((t) => t.slug === 'phone-call')).toEqual({ slug: 'phone-call', label: 'Phone call', parent: null, children: [] });
    expect(terms.find((t) => t.slug === 'visit')).toEqual({ slug: 'visit', label: 'Visit', parent: { slug: 'meeting' }, children: [{ slug: 'state-visit' }] });
    expect(terms.map((t) => t.slug)).toEqual([...terms.map((t) => t.slug)].sort());
  });

  it('give every seeded event its type, label and roles, and the old enums their values', async () => {
    const answer = await query(TYPED, { filter: { actors: ['justin-trudeau'] } });
    const call = answer.events.edges.find((e) => e.node.type.slug === 'phone-call')!.node;
    expect(call.kind).toBe('PHONE_CALL');
    expect(call.type).toEqual({ slug: 'phone-call', label: 'Phone call', parent: null });
    expect(call.participants.map((p) => [p.role, p.roleType.slug])).toContainEqual(['INITIATOR', 'initiator']);
  });

  it('find the terms under a type: meeting finds visits and state visits, visit only those', async () => {
    await createEvent('a-state-visit', 'state-visit');
    await createEvent('a-visit', 'visit');
    const meetings = await query(TYPED, { filter: { types: ['meeting'] } });
    const seededMeetings = await database().client.event.findMany({ where: { kind: 'meeting' }, select: { slug: true } });
    expect(seededMeetings.map((e) => e.slug)).toContain('trump-macron-brussels-meeting');
    expect(slugsOf(meetings)).toEqual(['a-state-visit', 'a-visit', ...seededMeetings.map((e) => e.slug)].sort());
    expect(slugsOf(await query(TYPED, { filter: { types: ['visit'] } }))).toEqual(['a-state-visit', 'a-visit']);
    // The old enum: MEETING is every type under meeting, and a state visit reads as one.
    expect(slugsOf(await query(TYPED, { filter: { kinds: ['MEETING'] } }))).toEqual(slugsOf(meetings));
    const stateVisit = meetings.events.edges.find((e) => e.node.slug === 'a-state-visit')!.node;
    expect(stateVisit).toMatchObject({ kind: 'MEETING', type: { slug: 'state-visit', label: 'State visit', parent: { slug: 'visit' } } });
    expect(stateVisit.participants).toEqual([{ role: 'PARTICIPANT', roleType: { slug: 'visitor', label: 'Visitor' } }]);
    // Roles likewise: a visitor took part as a participant.
    const visitors = await query(TYPED, { filter: { roleTypes: ['participant'], types: ['visit'] } });
    expect(slugsOf(visitors)).toEqual(['a-state-visit', 'a-visit']);
  });

  it('give a type under none of the old values as OTHER, which the old filter finds', async () => {
    await createEvent('a-trip', 'trip', 'participant');
    const others = await query(TYPED, { filter: { kinds: ['OTHER'] } });
    expect(slugsOf(others)).toEqual(['a-trip']);
    expect(others.events.edges[0]!.node.kind).toBe('OTHER');
  });

  it('take a type by its label or its old enum name as well as its slug', async () => {
    expect(slugsOf(await query(TYPED, { filter: { types: ['Phone call'] } }))).toEqual(slugsOf(await query(TYPED, { filter: { types: ['PHONE_CALL'] } })));
    expect((await query(TYPED, { filter: { types: ['phone-call'] } })).events.totalCount).toBe(4);
  });

  it('refuse a type no term has, naming the argument and the types there are', async () => {
    const result = await execute(TYPED, { filter: { types: ['gossip'] } });
    expect(result.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^filter\.types: no event type has the slug "gossip"; the event types are analysis, appointment, .*phone-call/),
      extensions: { code: 'BAD_USER_INPUT', argument: 'filter.types' },
    });
    const created = await createEventAnyway('gossip');
    expect(created).toMatchObject({ __typename: 'InvalidInput' });
    expect(JSON.stringify(created)).toContain('no event type has the slug \\"gossip\\"');
    expect(await database().client.event.count({ where: { slug: 'a-gossip' } })).toBe(0);
  });

  it('answer asOf with the type and roles the event had then', async () => {
    const { secret } = await createApiToken(database().client, 'retyper', 'WRITE');
    const EVENT = graphql(`
      query ($asOf: DateTime) {
        event(slug: "trump-macron-brussels-meeting", asOf: $asOf) { id revision kind type { slug label } participants { role roleType { slug label } actor { slug } } }
      }
    `);
    const then = await query(EVENT);
    const at = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const UPDATE = graphql(`mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { __typename } }`);
    const changed = await executeAs(secret, UPDATE, {
      input: {
        id: then.event!.id,
        basedOnRevision: then.event!.revision,
        changes: {
          type: 'state-visit',
          participants: [
            { actor: 'donald-trump', roleType: 'visitor' },
            { actor: 'emmanuel-macron', roleType: 'host' },
          ],
        },
      },
    });
    expect(changed.data?.updateEvent.__typename).toBe('UpdateEventPayload');
    expect((await query(EVENT)).event).toMatchObject({ kind: 'MEETING', type: { slug: 'state-visit', label: 'State visit' } });
    expect((await query(EVENT, { asOf: at })).event).toEqual(then.event);
  });

  it('grow by a file: its terms are written first, and the events of them after', async () => {
    const file = [
      { type: 'term', scheme: 'EVENT_TYPE', slug: 'summit', label: 'Summit', parent: 'meeting', description: 'A meeting of heads of government.' },
      { type: 'term', scheme: 'ROLE_TYPE', slug: 'chair', label: 'Chair', parent: 'host' },
      {
        type: 'event',
        slug: 'g7-taormina',
        title: 'G7 summit in Taormina',
        kind: 'summit',
        status: 'CONFIRMED',
        date: '2017-05-26/2017-05-27',
        participants: [{ actor: 'donald-trump', role: 'participant' }],
        unsourced: true,
      },
    ];
    await importText(database().client, file.map((r) => JSON.stringify(r)).join('\n'), 'summit.ndjson');
    const meetings = await query(TYPED, { filter: { types: ['meeting'] } });
    expect(slugsOf(meetings)).toContain('g7-taormina');
    expect(meetings.events.edges.find((e) => e.node.slug === 'g7-taormina')!.node).toMatchObject({ kind: 'MEETING', type: { label: 'Summit' } });
    const chair = await database().client.term.findUniqueOrThrow({ where: { scheme_slug: { scheme: 'ROLE_TYPE', slug: 'chair' } } });
    expect(chair).toMatchObject({ parentSlug: 'host', enumValue: 'PARTICIPANT' });
  });

  it('refuse an event list row of a role no term has, by row and field, and import nothing', async () => {
    const rows = [1, 2].map((n) => ({
      slug: `listed-${n}`,
      title: `Listed ${n}`,
      kind: 'phone-call',
      status: 'REPORTED',
      date: '2017-05-01',
      participants: [{ role: n === 2 ? 'caller' : 'initiator', actor: { slug: 'donald-trump', name: 'Donald Trump', kind: 'PERSON' } }],
    }));
    const error = await importText(database().client, rows.map((r) => JSON.stringify(r)).join('\n'), 'list.ndjson').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportValidationError);
    expect((error as ImportValidationError).problems).toEqual([
      expect.stringMatching(/^list\.ndjson: row 2, field participants\[0\]\.role: no participant role has the slug "caller": use one of accused, appointee, /),
    ]);
    expect(await database().client.event.count({ where: { slug: { startsWith: 'listed-' } } })).toBe(0);
  });

  it('refuse a term under itself, naming the cycle, and keep the terms as they were', async () => {
    const before = await database().client.term.findMany({ orderBy: [{ scheme: 'asc' }, { slug: 'asc' }] });
    const cycle = database().client.$transaction((tx) => writeTerms(tx, [{ scheme: 'EVENT_TYPE', slug: 'meeting', label: 'Meeting', parent: 'state-visit' }]));
    const error = (await cycle.catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^parent: the event types ("[a-z-]+" -> ){3}"[a-z-]+" would each be under the next: a term cannot be under itself$/);
    for (const slug of ['meeting', 'visit', 'state-visit']) expect(error.message).toContain(`"${slug}"`);
    expect(await database().client.term.findMany({ orderBy: [{ scheme: 'asc' }, { slug: 'asc' }] })).toEqual(before);
  });

  it('travel in a dump: a copy has the same terms, the new ones included', async () => {
    await database().client.$transaction((tx) => writeTerms(tx, [{ scheme: 'SOURCE_TYPE', slug: 'court-filing', label: 'Court filing', parent: 'document' }]));
    let dump = '';
    await dumpDatabase(database().client, (line) => {
      dump += line;
    });
    const copy = await openTestDatabase({ seed: false });
    try {
      await importText(copy.client, dump, 'dump.ndjson');
      const terms = (db: typeof copy.client) => db.term.findMany({ orderBy: [{ scheme: 'asc' }, { slug: 'asc' }] });
      expect(await terms(copy.client)).toEqual(await terms(database().client));
    } finally {
      await copy.close();
    }
  });
});

/** createEvent without the checks: the answer as it is. */
async function createEventAnyway(type: string) {
  const { secret } = await createApiToken(database().client, 'editor-anyway', 'WRITE');
  const result = await executeAs(secret, CREATE, {
    input: {
      event: {
        slug: 'a-gossip',
        title: 'Gossip',
        type,
        status: 'REPORTED',
        date: '2017-05',
        participants: [{ actor: 'donald-trump', roleType: 'participant' }],
        unsourced: true,
      },
    },
  });
  return result.data?.createEvent;
}
