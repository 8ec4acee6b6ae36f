// An event's media: written with it, kept in its history, exported in every format that can carry
// them (and read back by an import), never able to run as script where an export renders HTML.
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens.js';
import { importText } from '../src/imports/import-text.js';
import { openTestDatabase, useTestDatabase } from './helpers/database.js';
import { executeAs, graphql, query, yoga } from './helpers/graphql.js';

const database = useTestDatabase();

const SLUG = 'trump-macron-brussels-meeting';
const HOSTILE = '<script>alert(document.domain)</script><img src=x onerror=alert(1)>';

const EVENT = graphql(`
  query ($slug: String!, $asOf: DateTime) {
    event(slug: $slug, asOf: $asOf) { id revision media { url kind caption credit licence thumbnail } }
  }
`);
const UPDATE = graphql(`
  mutation ($input: UpdateEventInput!) {
    updateEvent(input: $input) { __typename ... on InvalidInput { problems { field message } } }
  }
`);

const PHOTO = {
  url: 'https://example.org/photos/handshake.jpg',
  caption: `The handshake ${HOSTILE}`,
  credit: 'AP Photo',
  licence: 'CC BY 4.0',
  thumbnail: 'https://example.org/photos/handshake-small.jpg',
};
const VIDEO = { url: 'https://www.youtube.com/watch?v=abc123' };

/** Gives the Brussels meeting `media` through the API, as an editor does. */
async function setMedia(media: unknown) {
  const { secret } = await createApiToken(database().client, `editor-${Math.random()}`, 'WRITE');
  const { event } = await query(EVENT, { slug: SLUG });
  return executeAs(secret, UPDATE, { input: { id: event!.id, basedOnRevision: event!.revision, changes: { media } } } as never);
}

async function download(path: string) {
  const response = await yoga.fetch(`http://yoga${path}`);
  expect(response.status).toBe(200);
  return response.text();
}

describe("an event's media", () => {
  it('are written in order, their kinds guessed from the URL, and kept in the history', async () => {
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await setMedia([PHOTO, VIDEO])).data?.updateEvent.__typename).toBe('UpdateEventPayload');
    expect((await query(EVENT, { slug: SLUG })).event!.media).toEqual([
      { ...PHOTO, kind: 'IMAGE' },
      { url: VIDEO.url, kind: 'VIDEO', caption: null, credit: null, licence: null, thumbnail: null },
    ]);
    expect((await query(EVENT, { slug: SLUG, asOf: before })).event!.media).toEqual([]);
    const revision = await database().client.revision.findFirstOrThrow({ where: { recordKind: 'EVENT' }, orderBy: { id: 'desc' } });
    expect((revision.fields as Record<string, { before: unknown; after: unknown }>).media).toEqual({
      before: [],
      after: [
        { url: PHOTO.url, kind: 'IMAGE', caption: PHOTO.caption, credit: 'AP Photo', licence: 'CC BY 4.0', thumbnail: PHOTO.thumbnail },
        { url: VIDEO.url, kind: 'VIDEO' },
      ],
    });
  });

  it('refuse a link that is not http(s), naming the field, and keep what was there', async () => {
    const refused = await setMedia([{ url: 'javascript:alert(document.domain)' }]);
    expect(refused.data?.updateEvent).toMatchObject({
      __typename: 'InvalidInput',
      problems: [{ field: 'media[0].url', message: expect.stringMatching(/must be an http:\/\/ or https:\/\/ URL/) }],
    });
    expect((await query(EVENT, { slug: SLUG })).event!.media).toEqual([]);
  });

  it('travel in an NDJSON export into another database, and a CSV without a media column leaves them be', async () => {
    await setMedia([PHOTO, VIDEO]);
    const ndjson = await download('/export/events.ndjson');
    const copy = await openTestDatabase({ seed: false });
    try {
      await importText(copy.client, ndjson, 'events.ndjson');
      const mediaOf = async (db: typeof copy.client) => (await db.event.findUniqueOrThrow({ where: { slug: SLUG } })).media;
      expect(await mediaOf(copy.client)).toEqual(await mediaOf(database().client));
      // A spreadsheet from before media were exported: its rows say nothing of them.
      const csv = await download(`/export/events.csv?actor=emmanuel-macron`);
      const rows: Record<string, string>[] = parseCsv(csv, { bom: true, columns: true });
      expect(JSON.parse(rows.find((r) => r.slug === SLUG)!.media!)).toHaveLength(2);
      const withoutMedia = stringify(
        rows.map(({ media: _, ...row }) => row),
        { header: true },
      );
      const report = await importText(copy.client, withoutMedia, 'old.csv');
      expect(report.events.created).toBe(0);
      expect(await mediaOf(copy.client)).toEqual(await mediaOf(database().client));
    } finally {
      await copy.close();
    }
  });

  it('show in TimelineJS and JSON-LD, where a hostile caption stays text', async () => {
    await setMedia([PHOTO, VIDEO]);
    const timeline = JSON.parse(await download('/export/timelinejs.json?actor=emmanuel-macron'));
    const slide = timeline.events.find((e: { unique_id: string }) => e.unique_id === SLUG);
    expect(slide.media).toEqual({
      url: PHOTO.url,
      caption: 'The handshake &lt;script&gt;alert(document.domain)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;',
      credit: 'AP Photo',
      thumbnail: PHOTO.thumbnail,
    });
    expect(JSON.stringify(timeline)).not.toMatch(/<script|<img/);
    const jsonld = JSON.parse(await download('/export/events.jsonld?actor=emmanuel-macron'));
    const event = jsonld.hasPart.find((e: { identifier: string }) => e.identifier === SLUG);
    expect(event.associatedMedia).toEqual([
      { '@type': 'ImageObject', contentUrl: PHOTO.url, caption: PHOTO.caption, creditText: 'AP Photo', license: 'CC BY 4.0', thumbnailUrl: PHOTO.thumbnail },
      { '@type': 'VideoObject', contentUrl: VIDEO.url },
    ]);
  });
});
