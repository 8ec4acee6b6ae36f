// Excel workbooks read as their first sheet saved as CSV would be: a spreadsheet of one's own
// through a mapping (its date cells taken as the dates they are, whatever the mapping's format),
// and TimelineJS's template downloaded as .xlsx. Files made with write-excel-file, as Excel saves them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import writeExcelFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../src/imports/import-text.js';
import { mappingFromPairs } from '../src/imports/column-mapping.js';
import { fileSource } from '../src/imports/record-source.js';
import { useTestDatabase } from './helpers/database.js';

const database = useTestDatabase({ seed: false });
let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'chronicle-excel-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

const day = (iso: string) => ({ value: new Date(`${iso}T00:00:00.000Z`), type: Date, format: 'd mmmm yyyy' });

describe('an Excel workbook', () => {
  it('of its own columns imports through a mapping, its date cells read as dates and its text dates by the format', async () => {
    const file = path.join(work, 'mine.xlsx');
    await writeExcelFile([
      ['Start', 'Headline', 'Who', 'Where'],
      [day('2017-05-25'), 'Trump and Macron shake hands', 'Donald Trump; Emmanuel Macron', 'Brussels'],
      // Typed as text, the way a date pasted from elsewhere often is.
      ['2 June 2017', 'Trudeau calls Trump', 'Justin Trudeau', null],
      [null, null, null, null],
    ]).toFile(file);
    const map = { mapping: mappingFromPairs({ title: 'Headline', date: 'Start', actors: 'Who', place: 'Where' }, 'D MMMM YYYY') };
    const report = await importRecords(database().client, fileSource(file, map));
    expect(report.events.created).toBe(2);
    const events = await database().client.event.findMany({ orderBy: { sortAt: 'asc' }, include: { participants: { include: { actor: true } } } });
    expect(events.map((e) => [e.slug, e.date, e.place, e.participants.map((p) => p.actor.name).sort()])).toEqual([
      ['2017-05-25-trump-and-macron-shake-hands', '2017-05-25', 'Brussels', ['Donald Trump', 'Emmanuel Macron']],
      ['2017-06-02-trudeau-calls-trump', '2017-06-02', null, ['Justin Trudeau']],
    ]);
    // Read again, the same workbook changes nothing.
    expect((await importRecords(database().client, fileSource(file, map))).events).toEqual({ created: 0, updated: 0, unchanged: 2 });
  });

  it("reads a date cell at its column format's precision, and numbers as they were typed", async () => {
    const file = path.join(work, 'months.xlsx');
    await writeExcelFile([
      ['Month', 'Headline', 'Share'],
      [{ value: new Date('2017-05-01T00:00:00.000Z'), type: Date, format: 'mmmm yyyy' }, 'A month', 0.1 + 0.2],
    ]).toFile(file);
    const map = { mapping: mappingFromPairs({ title: 'Headline', date: 'Month', summary: 'Share' }, 'MMMM YYYY') };
    await importRecords(database().client, fileSource(file, map));
    const [event] = await database().client.event.findMany();
    expect([event!.date, event!.summary]).toEqual(['2017-05', '0.3']);
  });

  it('without a column the mapping reads is refused before anything is written, naming the columns it has', async () => {
    const file = path.join(work, 'short.xlsx');
    await writeExcelFile([['Headline'], ['A']]).toFile(file);
    const map = { mapping: mappingFromPairs({ title: 'Headline', date: 'Start' }, undefined) };
    await expect(importRecords(database().client, fileSource(file, map))).rejects.toThrow(
      'short.xlsx: the mapping reads column "Start", which the file does not have; its columns are "Headline"',
    );
    expect(await database().client.event.count()).toBe(0);
  });

  it("that is TimelineJS's template imports as a timeline, its years as numbers", async () => {
    const file = path.join(work, 'women-in-computing.xlsx');
    const header = [
      'Year',
      'Month',
      'Day',
      'Time',
      'End Year',
      'End Month',
      'End Day',
      'End Time',
      'Display Date',
      'Headline',
      'Text',
      'Media',
      'Media Credit',
      'Media Caption',
      'Media Thumbnail',
      'Type',
      'Group',
      'Background',
    ];
    const row = (cells: Record<string, unknown>) => header.map((column) => cells[column] ?? null);
    await writeExcelFile([
      header,
      row({ Headline: 'Women in computing', Text: '<p>A sample</p>', Type: 'title' }),
      row({ Year: 1815, Month: 12, Day: 10, 'End Year': 1852, 'End Month': 11, 'End Day': 27, Headline: 'Ada Lovelace', Group: 'Pioneers' }),
      // A time typed in Excel is a date on its day 0 (30 December 1899), formatted as a time.
      row({ Year: 1943, Month: 6, Day: 5, Time: { value: new Date('1899-12-30T14:30:00.000Z'), type: Date, format: 'hh:mm' }, Headline: 'The First Computer' }),
      row({ Year: 1939, 'End Year': 1945, Headline: 'War', Type: 'era' }),
    ] as never).toFile(file);
    const report = await importRecords(database().client, fileSource(file));
    expect(report.timelines.created).toBe(1);
    const timeline = await database().client.timeline.findUniqueOrThrow({ where: { slug: 'women-in-computing' } });
    expect(timeline).toMatchObject({ headline: 'Women in computing', text: '<p>A sample</p>', eras: [{ date: '1939/1945', headline: 'War' }] });
    const events = await database().client.event.findMany({ orderBy: { sortAt: 'asc' } });
    expect(events.map((e) => [e.title, e.date, e.presentation])).toEqual([
      ['Ada Lovelace', '1815-12-10/1852-11-27', { group: 'Pioneers' }],
      ['The First Computer', '1943-06-05T14:30', {}],
    ]);
  });
});
