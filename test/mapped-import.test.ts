// A researcher's own spreadsheet, with its own columns and its own way of writing dates, imported
// through a mapping: no converter, the same checks, and importing it again changes nothing.
import { describe, expect, it } from 'vitest';
import { parsedMapping } from '../src/imports/column-mapping.js';
import { ImportFileError, ImportValidationError } from '../src/imports/import-problems.js';
import { importText } from '../src/imports/import-text.js';
import { suggestMapping } from '../src/imports/suggest-mapping.js';
import { storedEvent } from '../src/records/stored-records.js';
import { useTestDatabase } from './helpers/database.js';

const database = useTestDatabase({ seed: false });

const SHEET = [
  'Start,Finish,Headline,Who,Hosts,Where,Type,Outlet,Link,Notes,Keywords',
  '25 May 2017,,Trump and Macron shake hands in Brussels,Donald Trump; Emmanuel Macron,,Brussels,Meeting,AP,https://apnews.com/a,A long handshake.,NATO; handshake',
  '26 May 2017,27 May 2017,G7 summit in Taormina,Donald Trump; Justin Trudeau,Government of Italy,Taormina,state visit,AP,https://apnews.com/b,,G7',
  'June 2017,,Trudeau calls Trump on his cellphone,Justin Trudeau,,,Phone call,The Hill,https://thehill.com/c,,phone numbers',
].join('\n');

const MAPPING = parsedMapping(
  {
    title: 'Headline',
    date: { column: 'Start', format: 'D MMMM YYYY' },
    end: { column: 'Finish', format: 'D MMMM YYYY' },
    summary: 'Notes',
    kind: 'Type',
    place: 'Where',
    tags: { column: 'Keywords', split: ';' },
    actors: [
      { column: 'Who', split: ';', role: 'participant', kind: 'PERSON' },
      { column: 'Hosts', role: 'host', kind: 'GOVERNMENT' },
    ],
    source: { title: 'Outlet', url: 'Link', kind: { value: 'wire-report' } },
  },
  'map.yaml',
);

/** The sheet, with its third row's date as given (by month, unlike the other rows, unless given otherwise). */
const sheet = (thirdDate = 'June 2017') => SHEET.replace('June 2017', thirdDate);

describe("a spreadsheet of one's own, through a mapping", () => {
  it('imports its rows as events: dates at their precision, names split into actors, labels taken as types', async () => {
    const rows = sheet('2 June 2017');
    const report = await importText(database().client, rows, 'mine.csv', { map: { mapping: MAPPING } });
    expect(report.events).toMatchObject({ created: 3, updated: 0 });
    const events = await database().client.event.findMany({ include: storedEvent, orderBy: { sortAt: 'asc' } });
    expect(
      events.map((e) => ({
        slug: e.slug,
        kind: e.kind,
        date: e.date,
        tags: e.tags,
        place: e.place,
        participants: e.participants.map((p) => `${p.actor.slug} ${p.role}`).sort(),
        sources: e.citations.map((c) => c.source.slug),
      })),
    ).toEqual([
      {
        slug: '2017-05-25-trump-and-macron-shake-hands-in-brussels',
        kind: 'meeting',
        date: '2017-05-25',
        tags: ['nato', 'handshake'],
        place: 'Brussels',
        participants: ['donald-trump participant', 'emmanuel-macron participant'],
        sources: ['apnews-com-a'],
      },
      {
        slug: '2017-05-26-g7-summit-in-taormina',
        kind: 'state-visit',
        date: '2017-05-26/2017-05-27',
        tags: ['g7'],
        place: 'Taormina',
        participants: ['donald-trump participant', 'government-of-italy host', 'justin-trudeau participant'],
        sources: ['apnews-com-b'],
      },
      {
        slug: '2017-06-02-trudeau-calls-trump-on-his-cellphone',
        kind: 'phone-call',
        date: '2017-06-02',
        tags: ['phone-numbers'],
        place: null,
        participants: ['justin-trudeau participant'],
        sources: ['thehill-com-c'],
      },
    ]);
    const italy = await database().client.actor.findUniqueOrThrow({ where: { slug: 'government-of-italy' } });
    expect(italy).toMatchObject({ name: 'Government of Italy', kind: 'GOVERNMENT' });
    const again = await importText(database().client, rows, 'mine.csv', { map: { mapping: MAPPING } });
    expect(again.events).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('keeps a month a month when the format writes only a month', async () => {
    const monthly = [SHEET.split('\n')[0], SHEET.split('\n')[3]].join('\n');
    await importText(database().client, monthly, 'months.csv', { map: { mapping: { ...MAPPING, date: { column: 'Start', format: 'MMMM YYYY' } } } });
    expect((await database().client.event.findFirstOrThrow()).date).toBe('2017-06');
  });

  it('names each row whose date is not in the format, and imports nothing', async () => {
    const error = await importText(database().client, sheet('June 2017'), 'mine.csv', { map: { mapping: MAPPING } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportValidationError);
    expect((error as ImportValidationError).problems).toEqual([
      'mine.csv: row 4, field date: column "Start": "June 2017" is not a date written D MMMM YYYY; fix it, or the mapping\'s format',
    ]);
    expect(await database().client.event.count()).toBe(0);
  });

  it('refuses a mapping that reads a column the file does not have, naming the columns it has', async () => {
    const error = await importText(database().client, sheet(), 'mine.csv', { map: { mapping: { ...MAPPING, place: 'Location' } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toBe(
      'mine.csv: the mapping reads column "Location", which the file does not have; its columns are "Start", "Finish", "Headline", "Who", "Hosts", "Where", "Type", "Outlet", "Link", "Notes", "Keywords"',
    );
  });

  it('refuses a mapping that is not one, naming the field', () => {
    expect(() => parsedMapping({ title: 'Headline', date: { column: 'Start', fromat: 'D MMM YYYY' } }, 'map.yaml')).toThrow(/^map\.yaml: field date: /);
    expect(() => parsedMapping({ date: 'Start' }, 'map.yaml')).toThrow(/^map\.yaml: field title: /);
  });
});

describe('a first mapping, guessed from a header and a few rows', () => {
  it('places the columns it recognises, reads the date format, and lists the rest', () => {
    const [header, ...lines] = SHEET.split('\n');
    const columns = header!.split(',');
    const rows = lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i], cell])));
    const { mapping, unplaced } = suggestMapping(columns, rows.slice(0, 2));
    expect(mapping).toEqual({
      title: 'Headline',
      date: { column: 'Start', format: 'D MMMM YYYY' },
      end: { column: 'Finish', format: 'D MMMM YYYY' },
      summary: 'Notes',
      kind: 'Type',
      place: 'Where',
      tags: { column: 'Keywords', split: ';' },
      actors: [{ column: 'Who', split: ';', role: 'participant', kind: 'PERSON' }],
      source: { title: 'Outlet', url: 'Link', kind: { value: 'news-report' } },
    });
    expect(unplaced).toEqual(['Hosts']);
  });
});
