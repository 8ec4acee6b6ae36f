// Every change by any path is kept: who, when, how, why, and each field before and after; read
// back as a record's history and as the audit of all revisions.
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens.js';
import { importText } from '../src/imports/import-text.js';
import { renameRecord } from '../src/records/slug-redirects.js';
import { eventRecordOf, storedEvent } from '../src/records/stored-records.js';
import { useTestDatabase } from './helpers/database.js';
import { execute, executeAs, graphql, query } from './helpers/graphql.js';

const database = useTestDatabase();

const HISTORY = graphql(`
  query ($slug: String!) {
    event(slug: $slug) {
      id revision
      history(first: 10) { edges { node { number action by via note changes { field before after } } } }
    }
  }
`);

const UPDATE = graphql(`
  mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { __typename ... on MutationError { message } } }
`);

describe("an event's history", () => {
  it('starts with the seed, which created every record', async () => {
    const { event } = await query(HISTORY, { slug: 'trump-macron-brussels-meeting' });
    expect(event?.history.edges.map((e) => e.node)).toEqual([
      { number: 1, action: 'CREATED', by: 'seed', via: 'SEED', note: 'the article of 2017-06-04 (seed/)', changes: [] },
    ]);
  });

  it('lists each change newest first, with the author, the note and the fields before and after', async () => {
    const { secret } = await createApiToken(database().client, 'fact-checker', 'WRITE');
    const start = (await query(HISTORY, { slug: 'trump-macron-brussels-meeting' })).event!;
    for (const [n, place] of ['Brussels, Belgium', 'US embassy, Brussels'].entries()) {
      const result = await executeAs(secret, UPDATE, {
        input: { id: start.id, basedOnRevision: start.revision + n, changes: { place }, note: `place, take ${n + 1}` },
      });
      expect(result.data?.updateEvent.__typename).toBe('UpdateEventPayload');
    }
    const { event } = await query(HISTORY, { slug: 'trump-macron-brussels-meeting' });
    const [latest, previous, created] = event!.history.edges.map((e) => e.node);
    expect(latest).toEqual({
      number: 3,
      action: 'UPDATED',
      by: 'fact-checker',
      via: 'API',
      note: 'place, take 2',
      changes: [{ field: 'place', before: 'Brussels, Belgium', after: 'US embassy, Brussels' }],
    });
    expect(previous).toMatchObject({ number: 2, changes: [{ field: 'place', after: 'Brussels, Belgium' }] });
    expect(created).toMatchObject({ number: 1, action: 'CREATED' });
  });

  it('keeps an import’s changes too, under the importer and its note', async () => {
    const before = (await query(HISTORY, { slug: 'trump-macron-brussels-meeting' })).event!;
    const stored = await database().client.event.findUniqueOrThrow({ where: { slug: 'trump-macron-brussels-meeting' }, include: storedEvent });
    // The event as a whole, as a dump or a hand-written file gives it, with a new title.
    const line = JSON.stringify({ type: 'event', ...eventRecordOf(stored, 'dropped'), title: 'Trump and Macron: the Brussels lunch' });
    await importText(database().client, line, 'fix.ndjson', { note: 'retitled in the spreadsheet' });
    const { event } = await query(HISTORY, { slug: 'trump-macron-brussels-meeting' });
    expect(event!.revision).toBe(before.revision + 1);
    expect(event!.history.edges[0]?.node).toMatchObject({
      number: before.revision + 1,
      via: 'IMPORT',
      by: 'chronicle import',
      note: 'retitled in the spreadsheet',
      changes: [{ field: 'title', before: 'Trump and Macron meet in Brussels', after: 'Trump and Macron: the Brussels lunch' }],
    });
  });
  it('keeps a rename as a change of the slug', async () => {
    await renameRecord(database().client, 'event', 'trump-macron-brussels-meeting', 'brussels-lunch', {
      via: 'COMMAND',
      by: 'chronicle rename',
      note: 'shorter',
    });
    const { event } = await query(HISTORY, { slug: 'brussels-lunch' });
    expect(event!.history.edges[0]?.node).toEqual({
      number: 2,
      action: 'UPDATED',
      by: 'chronicle rename',
      via: 'COMMAND',
      note: 'shorter',
      changes: [{ field: 'slug', before: 'trump-macron-brussels-meeting', after: 'brussels-lunch' }],
    });
  });
});

describe('the history of a list of events', () => {
  const PAGE = graphql(`
    query ($first: Int) {
      events(first: $first) {
        edges { node { slug history(first: 2) { edges { node { number action by } } pageInfo { hasNextPage } } } }
      }
    }
  `);
  const OWN = graphql(`
    query ($slug: String!) {
      event(slug: $slug) { history(first: 2) { edges { node { number action by } } pageInfo { hasNextPage } } }
    }
  `);

  it("costs the same statements for 2 events as for every one, each answered as the event's own", async () => {
    const { secret } = await createApiToken(database().client, 'fact-checker', 'WRITE');
    const start = (await query(HISTORY, { slug: 'trump-macron-brussels-meeting' })).event!;
    for (const [n, place] of ['Brussels, Belgium', 'US embassy, Brussels'].entries()) {
      await executeAs(secret, UPDATE, { input: { id: start.id, basedOnRevision: start.revision + n, changes: { place } } });
    }
    const statementsFor = async (first: number) => {
      const before = database().statements.count;
      const page = await query(PAGE, { first });
      return { page, statements: database().statements.count - before };
    };
    const small = await statementsFor(2);
    const all = await statementsFor(100);
    expect(all.statements).toBe(small.statements);
    const events = all.page.events.edges.map((e) => e.node);
    expect(events.length).toBeGreaterThan(10);
    // The Brussels meeting has three revisions: more than a page of 2.
    expect(events.find((e) => e.slug === 'trump-macron-brussels-meeting')?.history.pageInfo.hasNextPage).toBe(true);
    for (const { slug, history } of events) expect(history).toEqual((await query(OWN, { slug })).event?.history);
  });
});

describe('the history of places and timelines', () => {
  it('keeps who changed a place or a timeline, when, and each field before and after', async () => {
    const event = (slug: string, latitude: number) =>
      `${JSON.stringify({ slug, title: slug, kind: 'meeting', status: 'REPORTED', date: '2017-05-26', unsourced: true, location: { slug: 'taormina', name: 'Taormina', latitude, longitude: 15.29 } })}\n`;
    await importText(database().client, event('g7-opens', 37.85), 'g7.ndjson', { by: 'desk', note: 'first take' });
    await importText(database().client, event('g7-opens', 37.852), 'g7.ndjson', { by: 'desk', note: 'the town hall, not the station' });
    const slide = (id: string) => ({ unique_id: id, start_date: { year: '2017', month: '5', day: '26' }, text: { headline: id } });
    const file = (ids: string[]) => JSON.stringify({ title: { text: { headline: 'The G7 in Sicily' } }, events: ids.map(slide) });
    await importText(database().client, file(['opening']), 'g7-sicily.json', { by: 'desk' });
    await importText(database().client, file(['opening', 'closing']), 'g7-sicily.json', { by: 'desk', note: 'the second day' });
    const { place, timeline } = await query(
      graphql(`{
        place(slug: "taormina") { history(first: 5) { edges { node { number action by note changes { field before after } } } } }
        timeline(slug: "g7-sicily") { history(first: 5) { edges { node { number action note changes { field before after } } } } }
      }`),
    );
    expect(place!.history.edges.map((e) => e.node)).toEqual([
      { number: 2, action: 'UPDATED', by: 'desk', note: 'the town hall, not the station', changes: [{ field: 'latitude', before: 37.85, after: 37.852 }] },
      { number: 1, action: 'CREATED', by: 'desk', note: 'first take', changes: [] },
    ]);
    expect(timeline!.history.edges.map((e) => e.node)).toEqual([
      { number: 2, action: 'UPDATED', note: 'the second day', changes: [{ field: 'events', before: ['opening'], after: ['closing', 'opening'] }] },
      { number: 1, action: 'CREATED', note: null, changes: [] },
    ]);
    const { revisions } = await query(
      graphql(`{ revisions(kind: PLACE, first: 5) { edges { node { number record { __typename ... on Place { slug latitude } } } } } }`),
    );
    expect(revisions.edges.map((e) => e.node)).toEqual([
      { number: 2, record: { __typename: 'Place', slug: 'taormina', latitude: 37.852 } },
      { number: 1, record: { __typename: 'Place', slug: 'taormina', latitude: 37.852 } },
    ]);
    // The same files again change nothing, and keep no change.
    const changes = await database().client.change.count();
    await importText(database().client, event('g7-opens', 37.852), 'g7.ndjson');
    await importText(database().client, file(['opening', 'closing']), 'g7-sicily.json');
    expect(await database().client.change.count()).toBe(changes);
  });
});

describe('the audit of all revisions', () => {
  it('finds changes by author and kind, newest first, with the record each changed', async () => {
    const { secret } = await createApiToken(database().client, 'night-desk', 'WRITE');
    const brussels = (await query(HISTORY, { slug: 'trump-macron-brussels-meeting' })).event!;
    await executeAs(secret, UPDATE, { input: { id: brussels.id, basedOnRevision: brussels.revision, changes: { tags: ['brussels'] } } });
    const { revisions } = await query(
      graphql(`{ revisions(by: "night-desk", kind: EVENT, first: 5) { edges { node { number by record { __typename ... on Event { slug } } } } } }`),
    );
    expect(revisions.edges.map((e) => e.node)).toEqual([
      { number: brussels.revision + 1, by: 'night-desk', record: { __typename: 'Event', slug: 'trump-macron-brussels-meeting' } },
    ]);
    const seeded = await query(graphql('{ revisions(kind: ACTOR, first: 100) { edges { node { action via record { __typename } } } } }'));
    expect(seeded.revisions.edges.length).toBe(await database().client.actor.count());
    expect(new Set(seeded.revisions.edges.map((e) => `${e.node.action} ${e.node.via} ${e.node.record?.__typename}`))).toEqual(new Set(['CREATED SEED Actor']));
  });

  it('keeps the list of tokens to administrators', async () => {
    const result = await execute('{ apiTokens { name } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('an editor undoes changes', () => {
  const RESTORE = graphql(`
    mutation ($input: RestoreRevisionInput!) {
      restoreRevision(input: $input) {
        __typename
        ... on RestoreRevisionPayload { record { __typename ... on Event { title place revision participants { role actor { slug } } } } }
        ... on MutationError { message }
      }
    }
  `);

  it('puts an event back as it was at an earlier revision, as a new revision that says so', async () => {
    const { secret } = await createApiToken(database().client, 'corrector', 'WRITE');
    const start = (await query(HISTORY, { slug: 'trump-macron-brussels-meeting' })).event!;
    const original = await database().client.event.findUniqueOrThrow({ where: { slug: 'trump-macron-brussels-meeting' }, include: storedEvent });
    await executeAs(secret, UPDATE, { input: { id: start.id, basedOnRevision: 1, changes: { title: 'Wrong title', place: null } } });
    await executeAs(secret, UPDATE, {
      input: { id: start.id, basedOnRevision: 2, changes: { participants: [{ actor: 'donald-trump', role: 'PARTICIPANT' }] } },
    });
    const restored = await executeAs(secret, RESTORE, { input: { record: start.id, number: 1, basedOnRevision: 3, note: 'both changes were mistakes' } });
    expect(restored.data?.restoreRevision).toMatchObject({
      __typename: 'RestoreRevisionPayload',
      record: { __typename: 'Event', title: original.title, place: original.place, revision: 4 },
    });
    const now = await database().client.event.findUniqueOrThrow({ where: { slug: 'trump-macron-brussels-meeting' }, include: storedEvent });
    expect(eventRecordOf(now, 'dropped')).toEqual(eventRecordOf(original, 'dropped'));
    const { event } = await query(HISTORY, { slug: 'trump-macron-brussels-meeting' });
    expect(event!.history.edges[0]?.node).toMatchObject({ number: 4, by: 'corrector', note: 'both changes were mistakes' });
  });

  it('refuses a revision the record never had, and a stale restore', async () => {
    const { secret } = await createApiToken(database().client, 'corrector', 'WRITE');
    const { id } = (await query(HISTORY, { slug: 'trump-macron-brussels-meeting' })).event!;
    const never = await executeAs(secret, RESTORE, { input: { record: id, number: 7, basedOnRevision: 1 } });
    expect(never.data?.restoreRevision).toMatchObject({ __typename: 'InvalidInput', message: expect.stringContaining('1 to 1') });
    const stale = await executeAs(secret, RESTORE, { input: { record: id, number: 1, basedOnRevision: 5 } });
    expect(stale.data?.restoreRevision.__typename).toBe('StaleRevision');
  });
});
