// Every event cites a source, unless it is marked unsourced (no source known yet), and an event
// that cites one is not unsourced: kept by mutations, imports and exports alike.
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens.js';
import { importText } from '../src/imports/import-text.js';
import { ImportValidationError } from '../src/imports/import-problems.js';
import { eventRecordOf, storedEvent } from '../src/records/stored-records.js';
import { openTestDatabase, useTestDatabase } from './helpers/database.js';
import { executeAs, graphql, yoga } from './helpers/graphql.js';

const database = useTestDatabase();

const CREATE_EVENT = graphql(`
  mutation ($input: CreateEventInput!) {
    createEvent(input: $input) {
      __typename
      ... on CreateEventPayload { event { slug unsourced citations { source { slug } } revision } }
      ... on InvalidInput { problems { field message } }
    }
  }
`);
const UPDATE_EVENT = graphql(`
  mutation ($input: UpdateEventInput!) {
    updateEvent(input: $input) {
      __typename
      ... on UpdateEventPayload { event { unsourced citations { source { slug } } } }
      ... on InvalidInput { problems { field message } }
    }
  }
`);

const id = (slug: string) => Buffer.from(`Event:${slug}`).toString('base64');
const rumour = (extra: object) => ({
  event: {
    slug: 'rumoured-call',
    title: 'A call no one has sourced yet',
    kind: 'PHONE_CALL' as const,
    status: 'ALLEGED' as const,
    date: '2017-06',
    participants: [{ actor: 'donald-trump', role: 'PARTICIPANT' as const }],
    ...extra,
  },
});

async function writer() {
  return (await createApiToken(database().client, 'desk', 'WRITE')).secret;
}

describe('an event without a source', () => {
  it('is refused unless marked unsourced, and the message says how to mark it', async () => {
    const created = await executeAs(await writer(), CREATE_EVENT, { input: rumour({}) });
    expect(created.data?.createEvent).toEqual({
      __typename: 'InvalidInput',
      problems: [{ field: 'citations', message: expect.stringContaining('mark it unsourced: true') }],
    });
    expect(await database().client.event.count({ where: { slug: 'rumoured-call' } })).toBe(0);
  });

  it('is kept when marked, and the mark must go when a citation comes', async () => {
    const secret = await writer();
    const created = await executeAs(secret, CREATE_EVENT, { input: rumour({ unsourced: true }) });
    expect(created.data?.createEvent).toMatchObject({ __typename: 'CreateEventPayload', event: { unsourced: true, citations: [], revision: 1 } });

    const cited = { citations: [{ source: 'seed-article' }] };
    const stillMarked = await executeAs(secret, UPDATE_EVENT, { input: { id: id('rumoured-call'), basedOnRevision: 1, changes: cited } });
    expect(stillMarked.data?.updateEvent).toMatchObject({ __typename: 'InvalidInput', problems: [{ field: 'unsourced' }] });
    const sourced = await executeAs(secret, UPDATE_EVENT, { input: { id: id('rumoured-call'), basedOnRevision: 1, changes: { ...cited, unsourced: false } } });
    expect(sourced.data?.updateEvent).toMatchObject({ event: { unsourced: false, citations: [{ source: { slug: 'seed-article' } }] } });
  });

  it('is exported with its mark, and a CSV of it imports into an empty database as it was', async () => {
    await executeAs(await writer(), CREATE_EVENT, { input: rumour({ unsourced: true }) });
    const json = (await (await yoga.fetch('http://yoga/export/events.json')).json()) as { slug: string; unsourced: boolean }[];
    expect(json).toContainEqual(expect.objectContaining({ slug: 'rumoured-call', unsourced: true }));
    const csv = await (await yoga.fetch('http://yoga/export/events.csv')).text();
    const header = csv.split('\r\n')[0]!.replace('\uFEFF', '').split(',');
    expect(header).toContain('unsourced');

    const copy = await openTestDatabase({ seed: false });
    try {
      await importText(copy.client, csv, 'events.csv');
      const read = async (client: typeof copy.client) =>
        eventRecordOf(await client.event.findUniqueOrThrow({ where: { slug: 'rumoured-call' }, include: storedEvent }), 'dropped');
      expect(await read(copy.client)).toEqual(await read(database().client));
      expect((await read(copy.client)).unsourced).toBe(true);
    } finally {
      await copy.close();
    }
  });

  it('in an event list: a new event with neither citation nor mark is marked, saying so; an explicit false is refused; citations clear the mark', async () => {
    const db = database().client;
    const line = (extra: object) =>
      `${JSON.stringify({
        slug: 'listed-rumour',
        title: 'A rumour in a list',
        kind: 'STATEMENT',
        status: 'ALLEGED',
        date: '2017-06',
        participants: [{ role: 'SPEAKER', actor: { slug: 'donald-trump', name: 'Donald Trump', kind: 'PERSON' } }],
        ...extra,
      })}\n`;
    const refused = await importText(db, line({ unsourced: false }), 'list.ndjson').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ImportValidationError);
    expect((refused as ImportValidationError).problems).toEqual([expect.stringContaining('event listed-rumour: an event needs at least one citation')]);
    expect(await db.event.count({ where: { slug: 'listed-rumour' } })).toBe(0);

    const report = await importText(db, line({}), 'list.ndjson');
    expect(report.warnings).toEqual([
      'list.ndjson: event "listed-rumour" cites no source; marked unsourced (give citations, or unsourced: false, to say otherwise)',
    ]);
    expect((await db.event.findUniqueOrThrow({ where: { slug: 'listed-rumour' } })).unsourced).toBe(true);
    // The source as an export gives it, so the import changes nothing of it.
    const exported = (await (await yoga.fetch('http://yoga/export/events.json')).json()) as { citations: { source: { slug: string } }[] }[];
    const source = exported.flatMap((e) => e.citations).find((c) => c.source.slug === 'seed-article')!.source;
    await importText(db, line({ citations: [{ source }] }), 'list.ndjson');
    const now = await db.event.findUniqueOrThrow({ where: { slug: 'listed-rumour' }, include: { citations: true } });
    expect([now.unsourced, now.citations.length]).toEqual([false, 1]);
  });
});
