// Wikidata's events from SPARQL results as the Query Service writes them (JSON with language tags,
// and CSV): one event per item, its participants and place with their QIDs, its labels in other
// languages as translations, each citing its item; importing a newer result updates the same events.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../src/imports/import-text.js';
import { useTestDatabase } from './helpers/database.js';

const database = useTestDatabase({ seed: false });
const fixture = (name: string) => readFile(path.resolve(import.meta.dirname, 'fixtures/wikidata', name), 'utf8');

async function stored() {
  return database().client.event.findMany({
    orderBy: { slug: 'asc' },
    select: {
      slug: true,
      title: true,
      summary: true,
      language: true,
      translations: true,
      date: true,
      unsourced: true,
      location: { select: { slug: true, name: true, latitude: true, longitude: true, externalIds: true } },
      participants: { orderBy: { actor: { slug: 'asc' } }, select: { role: true, actor: { select: { slug: true, name: true, externalIds: true } } } },
      citations: { select: { source: { select: { slug: true, kind: true, url: true } } } },
    },
  });
}

describe('a Wikidata SPARQL result', () => {
  it('in JSON becomes one event per item, with its dates at their precision, place, participants, translations and citation', async () => {
    const report = await importText(database().client, await fixture('sandbox-events.json'), 'sandbox-events.json');
    expect(report.events.created).toBe(3);
    const events = await stored();
    expect(events.map((e) => [e.slug, e.date])).toEqual([
      ['wikidata-q13406268', '2017-05-26/2017-05-27'],
      ['wikidata-q15397819', '-0043'],
      ['wikidata-q4115189', '2017-05-25'],
    ]);
    expect(events[2]).toEqual({
      slug: 'wikidata-q4115189',
      title: 'Sandbox meeting',
      summary: 'a meeting in the sandbox',
      language: 'en',
      translations: { fr: { title: 'Réunion du bac à sable', summary: 'une réunion dans le bac à sable' } },
      date: '2017-05-25',
      unsourced: false,
      location: { slug: 'brussels', name: 'Brussels', latitude: 50.846666666, longitude: 4.351666666, externalIds: { wikidata: 'Q239' } },
      participants: [
        { role: 'participant', actor: { slug: 'donald-trump', name: 'Donald Trump', externalIds: { wikidata: 'Q22686' } } },
        { role: 'participant', actor: { slug: 'emmanuel-macron', name: 'Emmanuel Macron', externalIds: { wikidata: 'Q3052772' } } },
      ],
      citations: [{ source: { slug: 'wikidata-q4115189', kind: 'dataset', url: 'https://www.wikidata.org/wiki/Q4115189' } }],
    });
  });

  it('imported again changes nothing, and a newer one updates the same events', async () => {
    const text = await fixture('sandbox-events.json');
    await importText(database().client, text, 'sandbox-events.json');
    expect((await importText(database().client, text, 'sandbox-events.json')).events).toEqual({ created: 0, updated: 0, unchanged: 3 });
    const renamed = text.replaceAll('"Sandbox summit"', '"Sandbox summit (renamed)"');
    expect((await importText(database().client, renamed, 'sandbox-events.json')).events).toEqual({ created: 0, updated: 1, unchanged: 2 });
    expect((await database().client.event.findUniqueOrThrow({ where: { slug: 'wikidata-q13406268' } })).title).toBe('Sandbox summit (renamed)');
  });

  it('in CSV gives the same events, and decades and centuries as EDTF', async () => {
    const csv = await fixture('sandbox-events.csv');
    await importText(database().client, csv, 'sandbox-events.csv');
    expect((await stored()).map((e) => [e.slug, e.date, e.participants.length, e.location?.latitude ?? null])).toEqual([
      ['wikidata-q13406268', '2017-05-26/2017-05-27', 1, null],
      ['wikidata-q15397819', '-0043', 0, null],
      ['wikidata-q4115189', '2017-05-25', 2, 50.846666666],
    ]);
    const header = 'event,eventLabel,date,datePrecision\r\n';
    await importText(database().client, `${header}http://www.wikidata.org/entity/Q15397819,A decade,2010-01-01T00:00:00Z,8\r\n`, 'decade.csv');
    expect((await database().client.event.findUniqueOrThrow({ where: { slug: 'wikidata-q15397819' } })).date).toBe('201X');
    await importText(database().client, `${header}http://www.wikidata.org/entity/Q15397819,A century,1901-01-01T00:00:00Z,7\r\n`, 'century.csv');
    expect((await database().client.event.findUniqueOrThrow({ where: { slug: 'wikidata-q15397819' } })).date).toBe('19XX');
  });

  it('with an item that has no date is refused by row, saying what the query lacks', async () => {
    const csv = 'event,eventLabel\r\nhttp://www.wikidata.org/entity/Q4115189,Undated\r\n';
    await expect(importText(database().client, csv, 'undated.csv')).rejects.toThrow(
      'undated.csv: row 1, field date: Q4115189 has no date, start or end in the result: add ?date (P585) or ?start/?end (P580/P582) to the query',
    );
    expect(await database().client.event.count()).toBe(0);
  });
});

describe('chronicle import --wikidata', () => {
  it("asks the Query Service for an item's significant events, keeps its answer as a file, and imports it", async () => {
    const { createServer } = await import('node:http');
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { fetchSignificantEvents } = await import('../src/imports/wikidata-query.js');
    const answer = await fixture('sandbox-events.json');
    const asked: URL[] = [];
    const server = createServer((req, res) => {
      asked.push(new URL(req.url!, 'http://localhost'));
      res.writeHead(200, { 'content-type': 'application/sparql-results+json' }).end(answer);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const work = await mkdtemp(path.join(tmpdir(), 'chronicle-wikidata-'));
    try {
      const file = path.join(work, 'q22686.json');
      await fetchSignificantEvents('Q22686', `http://127.0.0.1:${(server.address() as { port: number }).port}/sparql`, file);
      expect(asked[0]!.searchParams.get('query')).toContain('VALUES ?subject { wd:Q22686 }');
      expect((await importText(database().client, await readFile(file, 'utf8'), 'q22686.json')).events.created).toBe(3);
      await expect(fetchSignificantEvents('Trump', 'http://127.0.0.1:1/sparql', file)).rejects.toThrow('"Trump" is not a Wikidata item');
    } finally {
      server.close();
      await rm(work, { recursive: true, force: true });
    }
  });
});
