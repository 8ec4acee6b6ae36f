// GDELT 2.0 event files as GDELT publishes them (synthetic rows: test/fixtures/gdelt/README.md):
// each row an event of its CAMEO root type, at its place on the map, citing the article GDELT read
// and GDELT; importing the same file again changes nothing.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../src/imports/import-text.js';
import { openTestDatabase, useTestDatabase } from './helpers/database.js';

const database = useTestDatabase({ seed: false });
const NAME = '20170525120000.export.CSV';
const sample = () => readFile(path.resolve(import.meta.dirname, 'fixtures/gdelt', NAME), 'utf8');

describe('a GDELT event file', () => {
  it('imports as it is: CAMEO types with labels, places with coordinates, actors, the article and GDELT cited', async () => {
    const report = await importText(database().client, await sample(), NAME);
    expect(report.events.created).toBe(2);
    const events = await database().client.event.findMany({
      orderBy: { slug: 'asc' },
      include: {
        type: true,
        location: true,
        participants: { include: { actor: true } },
        citations: { include: { source: true }, orderBy: { source: { slug: 'asc' } } },
      },
    });
    expect(events.map((e) => [e.slug, e.title, e.type.label, e.date, e.tags, e.location?.name, e.location?.latitude, e.location?.externalIds])).toEqual([
      [
        'gdelt-900000001',
        'Consult: UNITED STATES, FRANCE',
        'Consult (CAMEO 04)',
        '2017-05-25',
        ['cameo-042'],
        'Brussels, Bruxelles-Capitale, Belgium',
        50.8333,
        { gdelt: '-1955538' },
      ],
      [
        'gdelt-900000002',
        'Express intent to cooperate: CANADA, UNITED STATES',
        'Express intent to cooperate (CAMEO 03)',
        '2017-06-02',
        ['cameo-036'],
        'Canada',
        60,
        { gdelt: 'CA' },
      ],
    ]);
    expect(events[0]!.participants.map((p) => [p.actor.name, p.actor.kind]).sort()).toEqual([
      ['FRANCE', 'GOVERNMENT'],
      ['UNITED STATES', 'GOVERNMENT'],
    ]);
    expect(events[0]!.citations.map((c) => [c.source.slug, c.source.kind, c.source.url, c.note])).toEqual([
      ['example-com-news-2017-05-25-summit', 'news-report', 'https://www.example.com/news/2017/05/25/summit', null],
      ['gdelt', 'dataset', 'https://www.gdeltproject.org', 'GDELT event 900000001, CAMEO 042; Goldstein 1.9, 10 mentions, tone 2.5'],
    ]);
    expect((await importText(database().client, await sample(), NAME)).events).toEqual({ created: 0, updated: 0, unchanged: 2 });
  });

  it('in GDELT 1.0 layouts (daily files without ADM2 codes, backfiles without URLs) imports to the same events', async () => {
    // The 2.0 rows as 1.0 lays them out: the three ADM2 codes (columns 39, 47, 55) gone; a backfile
    // row has no SOURCEURL either.
    const daily = (await sample())
      .trim()
      .split('\n')
      .map((line) => line.split('\t').filter((_, i) => ![39, 47, 55].includes(i)));
    expect(daily.map((cells) => cells.length)).toEqual([58, 58]);
    const backfile = daily.map((cells) => cells.slice(0, 57));
    const read = async (rows: string[][], name: string) => {
      const copy = await openTestDatabase({ seed: false });
      try {
        await importText(copy.client, rows.map((cells) => cells.join('\t')).join('\n'), name);
        return await copy.client.event.findMany({
          orderBy: { slug: 'asc' },
          select: {
            slug: true,
            title: true,
            kind: true,
            date: true,
            tags: true,
            location: { select: { name: true, latitude: true, longitude: true, externalIds: true } },
            participants: { select: { actor: { select: { name: true, kind: true } } }, orderBy: { actor: { slug: 'asc' } } },
            citations: { select: { source: { select: { slug: true, title: true, url: true } }, note: true }, orderBy: { source: { slug: 'asc' } } },
          },
        });
      } finally {
        await copy.close();
      }
    };
    const v2 = await read(
      (await sample())
        .trim()
        .split('\n')
        .map((line) => line.split('\t')),
      NAME,
    );
    const gdelt1 = { slug: 'gdelt-1', title: 'GDELT 1.0 Event Database', url: 'https://www.gdeltproject.org' };
    const asV1 = v2.map((e) => ({ ...e, citations: e.citations.map((c) => (c.source.slug === 'gdelt' ? { ...c, source: gdelt1 } : c)) }));
    expect(await read(daily, '20170525.export.CSV')).toEqual(asV1);
    expect(await read(backfile, '2012.csv')).toEqual(asV1.map((e) => ({ ...e, citations: e.citations.filter((c) => c.source.slug === 'gdelt-1') })));
  }, 60_000);

  it("with a row that is not GDELT's is refused by row, and nothing is written", async () => {
    const broken = (await sample()).replace('\t20170602\t', '\t2017-06-02\t');
    await expect(importText(database().client, broken, NAME)).rejects.toThrow(/row 2, field SQLDATE: "2017-06-02" is not a day as GDELT writes them/);
    expect(await database().client.event.count()).toBe(0);
  });
});
