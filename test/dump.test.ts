// A lossless dump: `chronicle dump` of a database, imported into an empty one, recreates it
// exactly. The proof compares the two databases table by table (rows by their natural keys, record
// time included), then checks that a second dump, of the copy, is byte-identical.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { importText } from '../src/imports/import-text.js';
import { ImportValidationError } from '../src/imports/import-problems.js';
import { dumpDatabase } from '../src/records/dump.js';
import { mergeRecords } from '../src/records/merge.js';
import { setRetired } from '../src/records/retirement.js';
import { renameRecord } from '../src/records/slug-redirects.js';
import { openTestDatabase, useTestDatabase, type TestDatabase } from './helpers/database.js';

// More than the seed holds: an old slug, an interval, a source known only by its retrieval date,
// a retired event, an actor merged into another, a TimelineJS file's timeline (eras, HTML
// summaries, groups, backgrounds, media as markup), and a history of several changes (the seed, a
// rename, a retirement, imports, a merge).
const original = useTestDatabase({
  prepare: async ({ client }) => {
    await renameRecord(client, 'actor', 'justin-trudeau', 'justin-pierre-trudeau');
    const retired = await client.event.findUniqueOrThrow({ where: { slug: 'trump-turnbull-call' } });
    await setRetired(client, 'event', { via: 'API', by: 'archivist' }, retired.id, retired.revision, true);
    await importText(
      client,
      `${JSON.stringify({
        slug: 'investigation-opened',
        title: 'An investigation opens',
        kind: 'STATEMENT',
        status: 'REPORTED',
        date: '2016-07-31/..',
        participants: [
          { role: 'SUBJECT', actor: { slug: 'donald-trump', name: 'Donald Trump', kind: 'PERSON' } },
          { role: 'SPEAKER', actor: { slug: 'the-donald', name: 'The Donald', kind: 'PERSON' } },
        ],
        citations: [{ source: { slug: 'undated-note', kind: 'SOCIAL_MEDIA', title: 'An undated note', retrieved: '2017-05-12' } }],
      })}\n`,
      'extra.ndjson',
    );
    const rome = await readFile(path.resolve(import.meta.dirname, 'fixtures/timelinejs/ancient-rome.json'), 'utf8');
    await importText(client, rome, 'ancient-rome.json');
    // A timeline and a place each changed after they were made: their history has two revisions.
    await importText(client, rome.replace('"headline": "Ancient Rome"', '"headline": "Rome, ancient"'), 'ancient-rome.json');
    const at = (latitude: number) => ({ slug: 'taormina', name: 'Taormina', latitude, longitude: 15.29 });
    for (const place of [at(37.85), at(37.852)]) {
      await importText(
        client,
        `${JSON.stringify({ slug: 'g7-taormina', title: 'G7 summit', kind: 'meeting', status: 'CONFIRMED', date: '2017-05-26', location: place, unsourced: true })}\n`,
        'g7.ndjson',
      );
    }
    const [duplicate, trump] = await Promise.all(['the-donald', 'donald-trump'].map((slug) => client.actor.findUniqueOrThrow({ where: { slug } })));
    await mergeRecords(
      client,
      'actor',
      { via: 'API', by: 'archivist' },
      { id: duplicate!.id, basedOnRevision: 1 },
      { id: trump!.id, basedOnRevision: trump!.revision },
    );
  },
});
let dump: string;
/** An empty database the dump was imported into, and that import's report. */
let copy: TestDatabase;
let report: Awaited<ReturnType<typeof importText>>;

async function dumpOf(client: PrismaClient): Promise<string> {
  let text = '';
  await dumpDatabase(client, (line) => {
    text += line;
  });
  return text;
}

/** Every table, each row by its natural keys instead of surrogate ids, in a fixed order. */
async function tables(c: PrismaClient) {
  const slugOf = new Map<string, string>([
    ...(await c.actor.findMany({ select: { id: true, slug: true } })).map((r) => [r.id, `actor:${r.slug}`] as const),
    ...(await c.source.findMany({ select: { id: true, slug: true } })).map((r) => [r.id, `source:${r.slug}`] as const),
    ...(await c.event.findMany({ select: { id: true, slug: true } })).map((r) => [r.id, `event:${r.slug}`] as const),
    ...(await c.place.findMany({ select: { id: true, slug: true } })).map((r) => [r.id, `place:${r.slug}`] as const),
    ...(await c.timeline.findMany({ select: { id: true, slug: true } })).map((r) => [r.id, `timeline:${r.slug}`] as const),
  ]);
  const key = (id: string | null) => (id === null ? null : (slugOf.get(id) ?? `missing:${id}`));
  const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).sort();
  return {
    actors: sorted((await c.actor.findMany()).map(({ id: _, ...r }) => r)),
    affiliations: sorted(
      (await c.affiliation.findMany()).map(({ id: _, actorId, organisationId, ...r }) => ({ ...r, actor: key(actorId), organisation: key(organisationId) })),
    ),
    sources: sorted(
      (await c.source.findMany({ include: { basedOn: { select: { slug: true } } } })).map(({ id: _, publisherId, basedOn, ...r }) => ({
        ...r,
        publisher: key(publisherId),
        basedOn: basedOn.map((b) => b.slug).sort(),
      })),
    ),
    events: sorted((await c.event.findMany()).map(({ id: _, locationId, ...r }) => ({ ...r, location: key(locationId) }))),
    places: sorted((await c.place.findMany()).map(({ id: _, ...r }) => r)),
    search: sorted((await c.eventSearch.findMany()).map(({ eventId, ...r }) => ({ ...r, event: key(eventId) }))),
    participations: sorted((await c.participation.findMany()).map(({ id: _, eventId, actorId, ...r }) => ({ ...r, event: key(eventId), actor: key(actorId) }))),
    citations: sorted((await c.citation.findMany()).map(({ id: _, eventId, sourceId, ...r }) => ({ ...r, event: key(eventId), source: key(sourceId) }))),
    relations: sorted((await c.eventRelation.findMany()).map(({ id: _, fromId, toId, ...r }) => ({ ...r, from: key(fromId), to: key(toId) }))),
    redirects: sorted(
      (await c.slugRedirect.findMany()).map(({ targetId, mergedFromId, ...r }) => ({ ...r, target: key(targetId), mergedFrom: key(mergedFromId) })),
    ),
    changes: sorted(await c.change.findMany()),
    revisions: sorted((await c.revision.findMany()).map(({ recordId, ...r }) => ({ ...r, record: key(recordId) }))),
    timelines: sorted(
      (await c.timeline.findMany({ include: { events: { select: { eventId: true } } } })).map(({ id: _, events, ...r }) => ({
        ...r,
        events: events.map((e) => key(e.eventId)).sort(),
      })),
    ),
  };
}

beforeAll(async () => {
  dump = await dumpOf(original().client);
  copy = await openTestDatabase({ seed: false });
  report = await importText(copy.client, dump, 'chronicle.ndjson');
});
afterAll(() => copy?.close());

describe('an archivist dumps a database and imports it into an empty one', () => {
  it('recreates every table exactly, record time included', async () => {
    expect(report.events).toEqual({ created: 26, updated: 0, unchanged: 0 });
    expect(report.timelines).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await tables(copy.client)).toEqual(await tables(original().client));
  });

  it('keeps the revision history: who changed each record, when, how and why', async () => {
    expect(await copy.client.change.count()).toBe(9);
    expect((await copy.client.event.findUniqueOrThrow({ where: { slug: 'trump-turnbull-call' } })).retiredAt).not.toBeNull();
    const trudeau = await copy.client.actor.findUniqueOrThrow({ where: { slug: 'justin-pierre-trudeau' } });
    expect(trudeau.revision).toBe(2);
    const rename = await copy.client.revision.findFirstOrThrow({ where: { recordId: trudeau.id, number: 2 }, include: { change: true } });
    expect(rename).toMatchObject({
      change: { via: 'COMMAND', by: 'chronicle rename' },
      fields: { slug: { before: 'justin-trudeau', after: 'justin-pierre-trudeau' } },
    });
    for (const [kind, slug, field] of [
      ['TIMELINE', 'ancient-rome', 'headline'],
      ['PLACE', 'taormina', 'latitude'],
    ] as const) {
      const find = { where: { slug }, select: { id: true } };
      const { id } = kind === 'PLACE' ? await copy.client.place.findUniqueOrThrow(find) : await copy.client.timeline.findUniqueOrThrow(find);
      const history = await copy.client.revision.findMany({ where: { recordKind: kind, recordId: id }, orderBy: { number: 'asc' } });
      expect(history.map((r) => [r.number, r.action, Object.keys(r.fields as object)])).toEqual([
        [1, 'CREATED', []],
        [2, 'UPDATED', [field]],
      ]);
    }
    const merged = await copy.client.actor.findUniqueOrThrow({ where: { slug: 'the-donald-merged' } });
    expect(await copy.client.slugRedirect.findUnique({ where: { kind_slug: { kind: 'ACTOR', slug: 'the-donald' } } })).toMatchObject({
      mergedFromId: merged.id,
    });
  });

  it('keeps its own history when imported into a database that has records, and says so', async () => {
    const changes = await copy.client.change.count();
    const again = await importText(copy.client, dump, 'chronicle.ndjson');
    expect(again.warnings).toEqual([expect.stringContaining("the file's revision history (9 changes) was not restored")]);
    // Everything was there already: nothing changed, so no change was kept.
    expect(await copy.client.change.count()).toBe(changes);
  });

  it('dumps the copy to the same bytes', async () => {
    expect(await dumpOf(copy.client)).toBe(dump);
  });

  // The embedded database has one connection: a write waits for the dump's transaction to end.
  it.skipIf(!process.env.DATABASE_URL)('is one snapshot: what commits while it is written is in none of it (PostgreSQL only)', async () => {
    const before = await dumpOf(original().client);
    let text = '';
    await dumpDatabase(original().client, async (line) => {
      text += line;
      // After the first record (a term), so after the dump's first read and before it reads the events.
      if (text.split('\n').length === 3) {
        await original().client.event.update({ where: { slug: 'trump-macron-brussels-meeting' }, data: { title: 'Changed while the dump was written' } });
      }
    });
    expect(text).toBe(before);
    expect(await dumpOf(original().client)).toContain('Changed while the dump was written');
  });

  it('refuses a damaged dump whole, naming each line', async () => {
    const lines = dump.split('\n');
    const actor = lines.findIndex((line) => line.includes('"kind":"MEDIA_OUTLET"'));
    const broken = [
      ...lines.slice(0, actor),
      lines[actor]!.replace('"kind":"MEDIA_OUTLET"', '"kind":"BLOG"'),
      '{"type":"event","slug":"x"}',
      ...lines.slice(actor + 1),
    ].join('\n');
    const error = await importText(copy.client, broken, 'broken.ndjson').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportValidationError);
    expect((error as ImportValidationError).problems.slice(0, 2)).toEqual([
      expect.stringMatching(new RegExp(`^broken\\.ndjson: line ${actor + 1}, field kind: `)),
      expect.stringMatching(new RegExp(`^broken\\.ndjson: line ${actor + 2}, field title: `)),
    ]);
  });
});
