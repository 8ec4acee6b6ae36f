// Two actors (or sources) that turn out to be the same are merged in one change: every record
// naming the merged one names the survivor, the survivor keeps what only the merged one said, the
// merged slug leads to the survivor with a note, and unmerging puts every record back as it was.
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { actorRecordOf, eventRecordOf, sourceRecordOf, storedActor, storedEvent, storedSource } from '../src/records/stored-records.js';
import { importText } from '../src/imports/import-text.js';
import { renameRecord } from '../src/records/slug-redirects.js';
import { useTestDatabase } from './helpers/database.js';
import { execute, executeAs, graphql } from './helpers/graphql.js';

const database = useTestDatabase();

const id = (type: string, slug: string) => Buffer.from(`${type}:${slug}`).toString('base64');

const CREATE_ACTOR = graphql(`
  mutation ($input: CreateActorInput!) { createActor(input: $input) { __typename ... on MutationError { message } } }
`);
const CREATE_SOURCE = graphql(`
  mutation ($input: CreateSourceInput!) { createSource(input: $input) { __typename ... on MutationError { message } } }
`);
const CREATE_EVENT = graphql(`
  mutation ($input: CreateEventInput!) { createEvent(input: $input) { __typename ... on MutationError { message } } }
`);
const MERGE_ACTORS = graphql(`
  mutation ($input: MergeActorsInput!) {
    mergeActors(input: $input) {
      __typename
      ... on MergeActorsPayload { actor { slug aliases revision } merged { id slug retiredAt revision } }
      ... on StaleRevision { currentRevision message }
      ... on InvalidInput { problems { field message } }
    }
  }
`);
const UNMERGE_ACTOR = graphql(`
  mutation ($input: UnmergeActorInput!) {
    unmergeActor(input: $input) {
      __typename
      ... on UnmergeActorPayload { actor { slug retiredAt revision } }
      ... on InvalidInput { problems { field message } }
    }
  }
`);
const MERGE_SOURCES = graphql(`
  mutation ($input: MergeSourcesInput!) {
    mergeSources(input: $input) {
      __typename
      ... on MergeSourcesPayload { source { slug url } merged { id slug } }
      ... on InvalidInput { problems { field message } }
    }
  }
`);
const UNMERGE_SOURCE = graphql(`
  mutation ($input: UnmergeSourceInput!) { unmergeSource(input: $input) { __typename ... on InvalidInput { problems { message } } } }
`);
const UPDATE_EVENT = graphql(`
  mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { __typename } }
`);

/** Every actor, source and event as its record reads (no record time or revision): what a merge and its undoing must keep. */
async function allRecords(db: PrismaClient) {
  const [actors, sources, events] = await Promise.all([
    db.actor.findMany({ include: storedActor, orderBy: { slug: 'asc' } }),
    db.source.findMany({ include: storedSource, orderBy: { slug: 'asc' } }),
    db.event.findMany({ include: storedEvent, orderBy: { slug: 'asc' } }),
  ]);
  return {
    actors: actors.map((a) => ({ ...actorRecordOf(a, 'dropped'), retired: a.retiredAt !== null })),
    sources: sources.map((s) => ({ ...sourceRecordOf(s, 'dropped'), retired: s.retiredAt !== null })),
    events: events.map((e) => ({ ...eventRecordOf(e, 'dropped'), retired: e.retiredAt !== null })),
  };
}

/** A second record of Justin Trudeau, named in two events: one with him under his own slug too. */
async function duplicateTrudeau(secret: string) {
  const made = await executeAs(secret, CREATE_ACTOR, {
    input: {
      actor: {
        slug: 'trudeau',
        name: 'Trudeau',
        kind: 'PERSON',
        externalIds: [{ scheme: 'wikidata', value: 'Q3099714' }],
        affiliations: [{ organisation: 'government-of-canada', role: 'Member of Parliament', start: '2008' }],
      },
    },
  });
  expect(made.data?.createActor.__typename).toBe('CreateActorPayload');
  const citations = [{ source: 'ap-cellphone-diplomacy' }];
  for (const [slug, participants] of [
    ['trudeau-calls-again', [{ actor: 'trudeau', role: 'INITIATOR' }]],
    [
      'trudeau-and-trump-talk',
      [
        { actor: 'trudeau', role: 'PARTICIPANT' },
        { actor: 'justin-trudeau', role: 'PARTICIPANT' },
        { actor: 'donald-trump', role: 'PARTICIPANT' },
      ],
    ],
  ] as const) {
    const event = await executeAs(secret, CREATE_EVENT, {
      input: { event: { slug, title: slug, kind: 'PHONE_CALL', status: 'REPORTED', date: '2017-05', participants: [...participants], citations } },
    });
    expect(event.data?.createEvent.__typename).toBe('CreateEventPayload');
  }
}

const ACTOR_REVISION = graphql('query ($slug: String!) { actor(slug: $slug) { revision } }');
async function revisionOf(slug: string): Promise<number> {
  return (await execute(ACTOR_REVISION, { slug })).data!.actor!.revision;
}

/** Justin Trudeau's second record, merged into his first: the write token it was done with. */
async function mergedTrudeau(db: PrismaClient): Promise<string> {
  const { secret } = await createApiToken(db, 'desk', 'WRITE');
  await duplicateTrudeau(secret);
  const into = await revisionOf('justin-trudeau');
  const merged = await executeAs(secret, MERGE_ACTORS, {
    input: { from: id('Actor', 'trudeau'), fromRevision: 1, into: id('Actor', 'justin-trudeau'), intoRevision: into },
  });
  expect(merged.data?.mergeActors.__typename).toBe('MergeActorsPayload');
  return secret;
}

describe('merging two actors', () => {
  it('moves every reference to the survivor in one change, keeps what only the merged one said, and redirects its slug with a note', async () => {
    const db = database().client;
    const { secret } = await createApiToken(db, 'desk', 'WRITE');
    await duplicateTrudeau(secret);
    const into = await revisionOf('justin-trudeau');

    const merged = await executeAs(secret, MERGE_ACTORS, {
      input: { from: id('Actor', 'trudeau'), fromRevision: 1, into: id('Actor', 'justin-trudeau'), intoRevision: into, note: 'the same man' },
    });
    expect(merged.data?.mergeActors).toMatchObject({
      __typename: 'MergeActorsPayload',
      actor: { slug: 'justin-trudeau', aliases: expect.arrayContaining(['Trudeau']), revision: into + 1 },
      merged: { slug: 'trudeau-merged', retiredAt: expect.any(String), revision: 2 },
    });

    const trudeau = await db.actor.findUniqueOrThrow({ where: { slug: 'justin-trudeau' }, include: storedActor });
    expect(trudeau.externalIds).toMatchObject({ wikidata: 'Q3099714' });
    expect(trudeau.affiliations.map((f) => [f.organisation.slug, f.role, f.startEdtf])).toContainEqual([
      'government-of-canada',
      'Member of Parliament',
      '2008',
    ]);
    const events = await db.event.findMany({
      where: { slug: { in: ['trudeau-calls-again', 'trudeau-and-trump-talk'] } },
      include: storedEvent,
      orderBy: { slug: 'asc' },
    });
    expect(events.map((e) => e.participants.map((p) => `${p.actor.slug} ${p.role}`))).toEqual([
      ['donald-trump participant', 'justin-trudeau participant'],
      ['justin-trudeau initiator'],
    ]);
    const retired = await db.actor.findUniqueOrThrow({ where: { slug: 'trudeau-merged' } });
    expect(await db.participation.count({ where: { actorId: retired.id } })).toBe(0);

    // One change: the survivor, both events and the merged actor, each with a revision.
    const revisions = await db.revision.findMany({ where: { change: { note: 'the same man' } }, orderBy: { action: 'asc' } });
    expect(new Set(revisions.map((r) => r.changeId)).size).toBe(1);
    expect(revisions.map((r) => `${r.recordKind} ${r.action}`).sort()).toEqual(['ACTOR MERGED', 'ACTOR UPDATED', 'EVENT UPDATED', 'EVENT UPDATED']);

    const lookup = await execute(graphql('{ actor(slug: "trudeau") { slug events(first: 10) { totalCount } } }'));
    expect(lookup.data?.actor).toMatchObject({ slug: 'justin-trudeau' });
    expect(lookup.extensions?.notes).toEqual(['actor "trudeau" was merged into "justin-trudeau": this is "justin-trudeau"']);
    const filtered = await execute(graphql('{ events(first: 10, filter: { actors: ["trudeau"] }) { totalCount } }'));
    expect(filtered.data?.events.totalCount).toBe(lookup.data?.actor?.events.totalCount);
  });

  it('is undone by unmerging: every record reads as it did before the merge', async () => {
    const db = database().client;
    const { secret } = await createApiToken(db, 'desk', 'WRITE');
    await duplicateTrudeau(secret);
    const before = await allRecords(db);
    const merged = await executeAs(secret, MERGE_ACTORS, {
      input: { from: id('Actor', 'trudeau'), fromRevision: 1, into: id('Actor', 'justin-trudeau'), intoRevision: await revisionOf('justin-trudeau') },
    });
    expect(await allRecords(db)).not.toEqual(before);
    const mergedActor = merged.data?.mergeActors.__typename === 'MergeActorsPayload' ? merged.data.mergeActors.merged : undefined;

    const undone = await executeAs(secret, UNMERGE_ACTOR, {
      input: { id: mergedActor!.id, basedOnRevision: mergedActor!.revision, note: 'not the same after all' },
    });
    expect(undone.data?.unmergeActor).toMatchObject({ __typename: 'UnmergeActorPayload', actor: { slug: 'trudeau', retiredAt: null, revision: 3 } });
    expect(await allRecords(db)).toEqual(before);
    expect(await db.slugRedirect.count({ where: { slug: 'trudeau' } })).toBe(0);
    const lookup = await execute(graphql('{ actor(slug: "trudeau") { slug } }'));
    expect(lookup.data?.actor?.slug).toBe('trudeau');
    expect(lookup.extensions?.notes).toBeUndefined();
  });

  it('undoes merges made one after another, last first, every slug leading where it did', async () => {
    const db = database().client;
    const { secret } = await createApiToken(db, 'desk', 'WRITE');
    await duplicateTrudeau(secret);
    const third = await executeAs(secret, CREATE_ACTOR, { input: { actor: { slug: 'pm-trudeau', name: 'PM Trudeau', kind: 'PERSON' } } });
    expect(third.data?.createActor.__typename).toBe('CreateActorPayload');
    const before = await allRecords(db);
    const merge = async (from: string, into: string) => {
      const result = await executeAs(secret, MERGE_ACTORS, {
        input: { from: id('Actor', from), fromRevision: await revisionOf(from), into: id('Actor', into), intoRevision: await revisionOf(into) },
      });
      expect(result.data?.mergeActors.__typename).toBe('MergeActorsPayload');
    };
    await merge('pm-trudeau', 'trudeau');
    await merge('trudeau', 'justin-trudeau');
    const lookup = async (slug: string) => (await execute(graphql('query ($slug: String!) { actor(slug: $slug) { slug } }'), { slug })).data?.actor?.slug;
    expect([await lookup('pm-trudeau'), await lookup('trudeau')]).toEqual(['justin-trudeau', 'justin-trudeau']);

    const unmerge = async (slug: string) => {
      const merged = await db.actor.findUniqueOrThrow({ where: { slug } });
      const result = await executeAs(secret, UNMERGE_ACTOR, { input: { id: id('Actor', slug), basedOnRevision: merged.revision } });
      expect(result.data?.unmergeActor).toMatchObject({ __typename: 'UnmergeActorPayload' });
    };
    await unmerge('trudeau-merged');
    expect([await lookup('pm-trudeau'), await lookup('trudeau')]).toEqual(['trudeau', 'trudeau']);
    await unmerge('pm-trudeau-merged');
    expect([await lookup('pm-trudeau'), await lookup('trudeau')]).toEqual(['pm-trudeau', 'trudeau']);
    expect(await allRecords(db)).toEqual(before);
    expect(await db.slugRedirect.count()).toBe(0);
  });

  it('refuses to unmerge once a field the merge wrote has changed again, naming the record; nothing is written', async () => {
    const db = database().client;
    const { secret } = await createApiToken(db, 'desk', 'WRITE');
    await duplicateTrudeau(secret);
    const merged = await executeAs(secret, MERGE_ACTORS, {
      input: { from: id('Actor', 'trudeau'), fromRevision: 1, into: id('Actor', 'justin-trudeau'), intoRevision: await revisionOf('justin-trudeau') },
    });
    expect(merged.data?.mergeActors.__typename).toBe('MergeActorsPayload');
    // The merge moved the event's participant: changing who took part again is a change it wrote.
    const edit = await executeAs(secret, UPDATE_EVENT, {
      input: { id: id('Event', 'trudeau-calls-again'), basedOnRevision: 2, changes: { participants: [{ actor: 'justin-trudeau', role: 'PARTICIPANT' }] } },
    });
    expect(edit.data?.updateEvent.__typename).toBe('UpdateEventPayload');
    const before = await allRecords(db);

    const refused = await executeAs(secret, UNMERGE_ACTOR, { input: { id: id('Actor', 'trudeau-merged'), basedOnRevision: 2 } });
    expect(refused.data?.unmergeActor).toMatchObject({
      __typename: 'InvalidInput',
      problems: [{ field: 'id', message: expect.stringContaining('event trudeau-calls-again') }],
    });
    expect(await allRecords(db)).toEqual(before);
  });

  it('unmerges past later changes of other fields, keeping them, and past a change undone since', async () => {
    const db = database().client;
    const { secret } = await createApiToken(db, 'desk', 'WRITE');
    await duplicateTrudeau(secret);
    const before = await allRecords(db);
    const merged = await executeAs(secret, MERGE_ACTORS, {
      input: { from: id('Actor', 'trudeau'), fromRevision: 1, into: id('Actor', 'justin-trudeau'), intoRevision: await revisionOf('justin-trudeau') },
    });
    expect(merged.data?.mergeActors.__typename).toBe('MergeActorsPayload');
    const update = async (slug: string, basedOnRevision: number, changes: Record<string, unknown>) => {
      const result = await executeAs(secret, UPDATE_EVENT, { input: { id: id('Event', slug), basedOnRevision, changes } });
      expect(result.data?.updateEvent.__typename).toBe('UpdateEventPayload');
    };
    // Another field of one event the merge changed; on the other, its participants changed and put back.
    await update('trudeau-calls-again', 2, { place: 'Ottawa' });
    const [talk] = (await allRecords(db)).events.filter((e) => e.slug === 'trudeau-and-trump-talk');
    await update('trudeau-and-trump-talk', 2, { participants: [{ actor: 'donald-trump', role: 'PARTICIPANT' }] });
    await update('trudeau-and-trump-talk', 3, { participants: talk!.participants.map(({ actor, role }) => ({ actor, roleType: role })) });

    const undone = await executeAs(secret, UNMERGE_ACTOR, { input: { id: id('Actor', 'trudeau-merged'), basedOnRevision: 2 } });
    expect(undone.data?.unmergeActor).toMatchObject({ __typename: 'UnmergeActorPayload', actor: { slug: 'trudeau' } });
    const after = await allRecords(db);
    const placed = (records: typeof before) => records.events.map((e) => (e.slug === 'trudeau-calls-again' ? { ...e, place: 'Ottawa' } : e));
    expect(after.events).toEqual(placed(before));
    expect(after.actors).toEqual(before.actors);
  });

  it('refuses what cannot be one record: itself, another kind, a stale revision; nothing is written', async () => {
    const db = database().client;
    const { secret } = await createApiToken(db, 'desk', 'WRITE');
    await duplicateTrudeau(secret);
    const before = await allRecords(db);
    const into = await revisionOf('justin-trudeau');
    const merge = (from: string, fromRevision: number, target: string, intoRevision: number) =>
      executeAs(secret, MERGE_ACTORS, { input: { from: id('Actor', from), fromRevision, into: id('Actor', target), intoRevision } });

    expect((await merge('trudeau', 1, 'trudeau', 1)).data?.mergeActors).toMatchObject({ __typename: 'InvalidInput', problems: [{ field: 'from' }] });
    const otherKind = (await merge('trudeau', 1, 'government-of-canada', await revisionOf('government-of-canada'))).data?.mergeActors;
    expect(otherKind).toMatchObject({ __typename: 'InvalidInput', problems: [{ field: 'from', message: expect.stringContaining('change the kind') }] });
    const stale = (await merge('trudeau', 1, 'justin-trudeau', into - 1 || 99)).data?.mergeActors;
    expect(stale).toMatchObject({ __typename: 'StaleRevision', currentRevision: into, message: expect.stringContaining('"justin-trudeau"') });
    expect(await allRecords(db)).toEqual(before);
  });
});

describe('an import after a merge or a rename', () => {
  it('takes the old slugs its file gives as the records they lead to, and brings back none', async () => {
    const db = database().client;
    await mergedTrudeau(db);
    await renameRecord(db, 'event', 'trudeau-calls-again', 'trudeau-calls-back');

    // A file written before both: it names the merged actor, and the event by its old slug.
    const person = async (slug: string) => ({ slug, name: (await db.actor.findUniqueOrThrow({ where: { slug } })).name, kind: 'PERSON' });
    const [trudeau, justin, trump] = [{ slug: 'trudeau', name: 'Trudeau', kind: 'PERSON' }, await person('justin-trudeau'), await person('donald-trump')];
    const row = (slug: string, title: string, participants: [typeof trudeau, string][]) =>
      JSON.stringify({
        slug,
        title,
        kind: 'PHONE_CALL',
        status: 'REPORTED',
        date: '2017-05',
        participants: participants.map(([actor, role]) => ({ role, actor })),
      });
    const file = [
      row('trudeau-calls-again', 'Trudeau calls again', [[trudeau, 'INITIATOR']]),
      row('trudeau-and-trump-talk', 'trudeau-and-trump-talk', [
        [trudeau, 'PARTICIPANT'],
        [justin, 'PARTICIPANT'],
        [trump, 'PARTICIPANT'],
      ]),
      // New, and naming him twice: once by each slug.
      row('trudeau-visits', 'Trudeau visits', [
        [trudeau, 'INITIATOR'],
        [justin, 'INITIATOR'],
      ]),
    ].join('\n');
    const report = await importText(db, file, 'before-the-merge.ndjson');

    expect(report.actors.created).toBe(0);
    expect(report.events).toMatchObject({ created: 1, updated: 1 });
    expect(report.warnings).toEqual([
      'before-the-merge.ndjson: actor "trudeau" is "justin-trudeau" now (renamed, or merged into it); the rows naming "trudeau" were taken as naming "justin-trudeau"',
      'before-the-merge.ndjson: event "trudeau-calls-again" is "trudeau-calls-back" now (renamed, or merged into it); the rows naming "trudeau-calls-again" were taken as naming "trudeau-calls-back"',
      'before-the-merge.ndjson: event "trudeau-visits" cites no source; marked unsourced (give citations, or unsourced: false, to say otherwise)',
    ]);
    expect(await db.actor.findUnique({ where: { slug: 'trudeau' } })).toBeNull();
    expect(await db.event.findUnique({ where: { slug: 'trudeau-calls-again' } })).toBeNull();
    const events = await db.event.findMany({
      where: { slug: { in: ['trudeau-calls-back', 'trudeau-and-trump-talk', 'trudeau-visits'] } },
      include: storedEvent,
      orderBy: { slug: 'asc' },
    });
    expect(events.map((e) => [e.slug, e.title, e.participants.map((p) => `${p.actor.slug} ${p.role}`).sort()])).toEqual([
      ['trudeau-and-trump-talk', 'trudeau-and-trump-talk', ['donald-trump participant', 'justin-trudeau participant']],
      ['trudeau-calls-back', 'Trudeau calls again', ['justin-trudeau initiator']],
      ['trudeau-visits', 'Trudeau visits', ['justin-trudeau initiator']],
    ]);
  });
});

describe('restoring a revision from before a merge', () => {
  const RESTORE = graphql(`
    mutation ($input: RestoreRevisionInput!) {
      restoreRevision(input: $input) {
        __typename
        ... on RestoreRevisionPayload { record { __typename ... on Event { title revision participants { role actor { slug } } } } }
        ... on MutationError { message }
      }
    }
  `);

  it('names the survivor where the revision named the merged actor, once', async () => {
    const db = database().client;
    const secret = await mergedTrudeau(db);
    // Revision 1 named both of his records: "trudeau" now leads to "justin-trudeau", so the event
    // reads as it does now, and the restore changes nothing.
    const restored = await executeAs(secret, RESTORE, { input: { record: id('Event', 'trudeau-and-trump-talk'), number: 1, basedOnRevision: 2 } });
    expect(restored.data?.restoreRevision).toMatchObject({ __typename: 'RestoreRevisionPayload', record: { revision: 2 } });
    const event = await db.event.findUniqueOrThrow({ where: { slug: 'trudeau-and-trump-talk' }, include: storedEvent });
    expect(event.participants.map((p) => `${p.actor.slug} ${p.role}`).sort()).toEqual(['donald-trump participant', 'justin-trudeau participant']);
  });
});

describe('merging two sources', () => {
  it('moves citations and bases to the survivor, fills its gaps, and is undone by unmerging', async () => {
    const db = database().client;
    const { secret } = await createApiToken(db, 'desk', 'WRITE');
    const source = await executeAs(secret, CREATE_SOURCE, {
      input: {
        source: { slug: 'ap-copy', kind: 'NEWS_REPORT', title: 'AP report (copy)', url: 'https://apnews.com/copy', basedOn: ['the-hill-twitter-meme'] },
      },
    });
    expect(source.data?.createSource).toMatchObject({ __typename: 'CreateSourcePayload' });
    const cited = await executeAs(secret, CREATE_EVENT, {
      input: {
        event: {
          slug: 'cited-twice',
          title: 'Cited by both copies',
          kind: 'STATEMENT',
          status: 'REPORTED',
          date: '2017-06',
          participants: [{ actor: 'donald-trump', role: 'SUBJECT' }],
          citations: [{ source: 'ap-copy', quote: 'the copy says so' }, { source: 'ap-cellphone-diplomacy' }],
        },
      },
    });
    expect(cited.data?.createEvent.__typename).toBe('CreateEventPayload');
    const before = await allRecords(db);
    const ap = await db.source.findUniqueOrThrow({ where: { slug: 'ap-cellphone-diplomacy' } });

    const merged = await executeAs(secret, MERGE_SOURCES, {
      input: { from: id('Source', 'ap-copy'), fromRevision: 1, into: id('Source', ap.slug), intoRevision: ap.revision },
    });
    expect(merged.data?.mergeSources).toMatchObject({ __typename: 'MergeSourcesPayload', source: { slug: ap.slug }, merged: { slug: 'ap-copy-merged' } });
    const event = await db.event.findUniqueOrThrow({ where: { slug: 'cited-twice' }, include: storedEvent });
    expect(event.citations.map((c) => [c.source.slug, c.quote])).toEqual([[ap.slug, 'the copy says so']]);
    const survivor = await db.source.findUniqueOrThrow({ where: { id: ap.id }, include: storedSource });
    expect(survivor.basedOn.map((b) => b.slug)).toContain('the-hill-twitter-meme');
    expect(survivor.url).toBe(ap.url ?? 'https://apnews.com/copy');

    const undone = await executeAs(secret, UNMERGE_SOURCE, { input: { id: id('Source', 'ap-copy-merged'), basedOnRevision: 2 } });
    expect(undone.data?.unmergeSource.__typename).toBe('UnmergeSourcePayload');
    expect(await allRecords(db)).toEqual(before);
  });
});
