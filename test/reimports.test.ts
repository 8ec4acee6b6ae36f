// What an editor made of imported events survives the next import: a TimelineJS file imported
// again, Chronicle's own TimelineJS export imported back, an export read in French imported back,
// an event list without HTML summaries, and a spreadsheet whose HTML summary alone was edited.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { importText } from '../src/imports/import-text.js';
import { useTestDatabase } from './helpers/database.js';
import { yoga } from './helpers/graphql.js';

const database = useTestDatabase();
const rome = () => readFile(path.resolve(import.meta.dirname, 'fixtures/timelinejs/ancient-rome.json'), 'utf8');
const download = async (url: string, headers: Record<string, string> = {}) => (await yoga.fetch(`http://yoga${url}`, { headers })).text();

/** What an import could wrongly change of every event. */
async function events(client: PrismaClient) {
  return client.event.findMany({
    orderBy: { slug: 'asc' },
    select: {
      slug: true,
      title: true,
      summary: true,
      summaryHtml: true,
      kind: true,
      status: true,
      date: true,
      place: true,
      tags: true,
      media: true,
      language: true,
      translations: true,
    },
  });
}

describe('importing again', () => {
  it('a TimelineJS file keeps what an editor added that TimelineJS cannot say: type, status, place, tags, media, an approximate date', async () => {
    const client = database().client;
    await importText(client, await rome(), 'ancient-rome.json');
    const media = [
      { url: 'https://example.org/a.jpg', kind: 'IMAGE' as const },
      { url: 'https://example.org/b.jpg', kind: 'IMAGE' as const },
    ];
    await client.event.update({
      where: { slug: 'founding-of-rome' },
      data: { kind: 'meeting', status: 'ALLEGED', place: 'Palatine Hill', tags: ['legend'], media, date: '-0752-04-21~' },
    });
    const before = await events(client);
    const report = await importText(client, await rome(), 'ancient-rome.json');
    expect(report.changes.filter((c) => c.startsWith('event '))).toEqual([]);
    expect(await events(client)).toEqual(before);
  });

  it("Chronicle's own TimelineJS export changes nothing: the participants and sources it adds are not the summary", async () => {
    const client = database().client;
    const exported = await download('/export/timelinejs.json?actor=malcolm-turnbull');
    const before = await events(client);
    await importText(client, exported, 'turnbull.timeline.json');
    expect(await events(client)).toEqual(before);
  });

  it('two files with a slide of one id are refused, rather than made one event', async () => {
    const client = database().client;
    const file = (title: string) =>
      JSON.stringify({ title: { text: { headline: title } }, events: [{ unique_id: 'intro', start_date: { year: 2020 }, text: { headline: title } }] });
    await importText(client, file('First story'), 'first.json');
    await expect(importText(client, file('Second story'), 'second.json')).rejects.toThrow(
      'second.json: slide "intro" is an event of timeline "first": give the slide another unique_id, or import the file under that timeline\'s name (first.json)',
    );
    expect((await client.event.findUniqueOrThrow({ where: { slug: 'intro' } })).title).toBe('First story');
  });

  it('an export read in French changes nothing: its own words are its own again', async () => {
    const client = database().client;
    await client.event.update({
      where: { slug: 'trump-turnbull-call' },
      data: { language: 'en', translations: { fr: { title: 'Appel de Trump avec Turnbull' } } },
    });
    const before = await events(client);
    const french = await download('/export/events.ndjson?lang=fr');
    expect(french).toContain('"title":"Appel de Trump avec Turnbull"');
    await importText(client, french, 'french.ndjson');
    expect(await events(client)).toEqual(before);
  });

  it('an event list without HTML summaries keeps them; one whose HTML alone was edited takes the edit', async () => {
    const client = database().client;
    await client.event.update({
      where: { slug: 'trump-turnbull-call' },
      data: { summary: 'See the report.', summaryHtml: '<p>See <a href="https://example.org/r">the report</a>.</p>' },
    });
    const ndjson = (await download('/export/events.ndjson'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .map(({ summaryHtml: _, ...rest }) => JSON.stringify(rest))
      .join('\n');
    await importText(client, ndjson, 'older.ndjson');
    expect((await client.event.findUniqueOrThrow({ where: { slug: 'trump-turnbull-call' } })).summaryHtml).toBe(
      '<p>See <a href="https://example.org/r">the report</a>.</p>',
    );
    const edited = (await download('/export/events.ndjson'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .map((e) =>
        JSON.stringify(e.slug === 'trump-turnbull-call' ? { ...e, summaryHtml: '<p>See <a href="https://example.org/r">the full report</a>.</p>' } : e),
      )
      .join('\n');
    await importText(client, edited, 'edited.ndjson');
    expect(await client.event.findUniqueOrThrow({ where: { slug: 'trump-turnbull-call' }, select: { summary: true, summaryHtml: true } })).toEqual({
      summary: 'See the full report.',
      summaryHtml: '<p>See <a href="https://example.org/r">the full report</a>.</p>',
    });
    // Both edited, to say different things: the file is asked which it means.
    const both = edited.replace('"summary":"See the report."', '"summary":"Something else."').replace('the full report', 'another report');
    await expect(importText(client, both, 'both.ndjson')).rejects.toThrow('summary and summaryHtml say different things');
  });
});
