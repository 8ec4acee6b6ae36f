// Honest time on data shaped like real public timelines: tenures with and without an end, a
// 3-day trip, a date of 44 BC and one of 170,000 years ago. Every answer is checked, not only
// its presence.
import { describe, expect, it, beforeAll } from 'vitest';
import { applyImport } from '../src/imports/apply-import.js';
import { planImport } from '../src/imports/plan-import.js';
import { parseImportText } from '../src/imports/read-import-file.js';
import { useTestDatabase } from './helpers/database.js';
import { eventSlugs, query } from './helpers/graphql.js';

const database = useTestDatabase({ seed: false });

const EVENTS: [slug: string, date: string][] = [
  ['tenure-2017-2021', '2017-01-20/2021-01-20'],
  ['tenure-since-2021', '2021-01-20/..'],
  ['tenure-end-unknown', '2019-03/'],
  ['tenure-2015-2016', '2015/2016'],
  ['trip-may-2022', '2022-05-08/2022-05-10'],
  ['ides-of-march', '-0043-03-15'],
  ['stone-tools', 'Y-170000'],
];

beforeAll(async () => {
  const text = EVENTS.map(([slug, date]) => JSON.stringify({ slug, title: slug, kind: 'STATEMENT', status: 'REPORTED', date })).join('\n');
  await applyImport(database().client, planImport('time.ndjson', parseImportText(text, 'time.ndjson')));
});

describe('events with an open or unknown end', () => {
  it('overlap every later window up to now: "tenures overlapping 2022"', async () => {
    expect(await eventSlugs({ from: '2022', to: '2022' })).toEqual(['tenure-end-unknown', 'tenure-since-2021', 'trip-may-2022']);
    expect(await eventSlugs({ from: '2020', to: '2020' })).toEqual(['tenure-2017-2021', 'tenure-end-unknown']);
  });

  it('do not reach into windows after now', async () => {
    expect(await eventSlugs({ from: '2999' })).toEqual([]);
  });

  it('never lie WITHIN a window, as nothing bounds them', async () => {
    expect(await eventSlugs({ from: '2015', to: '2030', timeMatch: 'WITHIN' })).toEqual(['tenure-2015-2016', 'tenure-2017-2021', 'trip-may-2022']);
  });
});

describe('histograms of spans', () => {
  it('count a tenure in every year it was under way, and where it began', async () => {
    const data = await query('{ histogram(bucket: YEAR, filter: { from: "2020", to: "2023" }) { imprecise buckets { start started underway } } }');
    expect(data.histogram.buckets.map((b: any) => [b.start.slice(0, 4), b.started, b.underway])).toEqual([
      ['2020', 0, 2], ['2021', 1, 3], ['2022', 1, 3], ['2023', 0, 2],
    ]);
  });

  it('count an exact 3-day trip on each of its days, not as imprecise', async () => {
    const data = await query('{ histogram(bucket: DAY, filter: { from: "2022-05-07", to: "2022-05-11" }) { imprecise underwayImprecise buckets { start started underway } } }');
    expect(data.histogram.buckets.map((b: any) => [b.start.slice(0, 10), b.started, b.underway])).toEqual([
      ['2022-05-07', 0, 2], ['2022-05-08', 1, 3], ['2022-05-09', 0, 3], ['2022-05-10', 0, 3], ['2022-05-11', 0, 2],
    ]);
  });
});

describe('dates before year 1 and beyond 9999', () => {
  it('sort before everything later, and filter with BCE bounds', async () => {
    expect((await eventSlugs()).slice(0, 3)).toEqual(['stone-tools', 'ides-of-march', 'tenure-2015-2016']);
    expect(await eventSlugs({ from: '-0044', to: '-0043' })).toEqual(['ides-of-march']);
    expect(await eventSlugs({ to: 'Y-100000' })).toEqual(['stone-tools']);
  });

  it('show as people write them', async () => {
    const data = await query('{ a: event(slug: "ides-of-march") { date { display earliest } } b: event(slug: "stone-tools") { date { display precision } } }');
    expect(data).toEqual({
      a: { date: { display: '15 March 44 BC', earliest: '-000043-03-15T00:00:00.000Z' } },
      b: { date: { display: '170,001 BC', precision: 'YEAR' } },
    });
  });
});
