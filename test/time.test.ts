// Honest time on data shaped like real public timelines: tenures with and without an end, a
// 3-day trip, a date of 44 BC and one of 170,000 years ago. Every answer is checked, not only
// its presence.
import { describe, expect, it } from 'vitest';
import { importText } from '../src/imports/import-text.js';
import { useTestDatabase } from './helpers/database.js';
import { eventSlugs, graphql, query, yoga } from './helpers/graphql.js';

const EVENTS: [slug: string, date: string][] = [
  ['tenure-2017-2021', '2017-01-20/2021-01-20'],
  ['tenure-since-2021', '2021-01-20/..'],
  ['tenure-end-unknown', '2019-03/'],
  ['tenure-2015-2016', '2015/2016'],
  ['trip-may-2022', '2022-05-08/2022-05-10'],
  ['ides-of-march', '-0043-03-15'],
  ['stone-tools', 'Y-170000'],
  ['press-conference', '2017-05-09T17:40:00-04:00'],
];

// Imported as the file's starting point, which the database is put back to before each test.
useTestDatabase({
  seed: false,
  prepare: async ({ client }) => {
    // The press conference is cited by an undated source, first seen on 12 May 2017.
    const undated = { slug: 'undated-blog', kind: 'SOCIAL_MEDIA', title: 'A blog post without a date', retrieved: '2017-05-12' };
    const text = EVENTS.map(([slug, date]) =>
      JSON.stringify({
        slug,
        title: slug,
        kind: 'STATEMENT',
        status: 'REPORTED',
        date,
        citations: slug === 'press-conference' ? [{ source: undated }] : [],
      }),
    ).join('\n');
    await importText(client, text, 'time.ndjson');
  },
});

describe('events with an open or unknown end', () => {
  it('overlap every later window up to now: "tenures overlapping 2022"', async () => {
    expect(await eventSlugs({ from: '2022', to: '2022' })).toEqual(['tenure-end-unknown', 'tenure-since-2021', 'trip-may-2022']);
    expect(await eventSlugs({ from: '2020', to: '2020' })).toEqual(['tenure-2017-2021', 'tenure-end-unknown']);
    expect(await eventSlugs({ from: '2018', to: '2018' })).toEqual(['tenure-2017-2021']);
  });

  it('do not reach into windows after now', async () => {
    expect(await eventSlugs({ from: '2999' })).toEqual([]);
  });

  it('never lie WITHIN a window, as nothing bounds them', async () => {
    expect(await eventSlugs({ from: '2015', to: '2030', timeMatch: 'WITHIN' })).toEqual([
      'tenure-2015-2016',
      'tenure-2017-2021',
      'press-conference',
      'trip-may-2022',
    ]);
  });
});

describe('histograms of spans', () => {
  it('count a tenure in every year it was under way, and where it began', async () => {
    const data = await query(graphql('{ histogram(bucket: YEAR, filter: { from: "2020", to: "2023" }) { imprecise buckets { start started underway } } }'));
    expect(data.histogram.buckets.map((b) => [b.start.slice(0, 4), b.started, b.underway])).toEqual([
      ['2020', 0, 2],
      ['2021', 1, 3],
      ['2022', 1, 3],
      ['2023', 0, 2],
    ]);
  });

  it('count an exact 3-day trip on each of its days, not as imprecise', async () => {
    const data = await query(
      graphql(
        '{ histogram(bucket: DAY, filter: { from: "2022-05-07", to: "2022-05-11" }) { imprecise underwayImprecise buckets { start started underway } } }',
      ),
    );
    expect(data.histogram.buckets.map((b) => [b.start.slice(0, 10), b.started, b.underway])).toEqual([
      ['2022-05-07', 0, 2],
      ['2022-05-08', 1, 3],
      ['2022-05-09', 0, 3],
      ['2022-05-10', 0, 3],
      ['2022-05-11', 0, 2],
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
    const data = await query(
      graphql('{ a: event(slug: "ides-of-march") { date { display earliest } } b: event(slug: "stone-tools") { date { display precision } } }'),
    );
    expect(data).toEqual({
      a: { date: { display: '15 March 44 BC', earliest: '-000043-03-15T00:00:00.000Z' } },
      b: { date: { display: '170,001 BC', precision: 'YEAR' } },
    });
  });
});

describe('a time of day with its offset', () => {
  it('is kept as given, placed at that instant to the second, and shown in its own offset', async () => {
    const data = await query(graphql('{ event(slug: "press-conference") { date { edtf precision display earliest latest } } }'));
    expect(data.event?.date).toEqual({
      edtf: '2017-05-09T17:40:00-04:00',
      precision: 'SECOND',
      display: '9 May 2017, 17:40:00 (UTC\u221204:00)',
      earliest: '2017-05-09T21:40:00.000Z',
      latest: '2017-05-09T21:40:00.999Z',
    });
  });

  it('is a timed event in iCalendar, not an all-day or tentative one', async () => {
    const text = await (await yoga.fetch('http://yoga/export/events.ics?from=2017-05-09&to=2017-05-09')).text();
    const start = text.indexOf('UID:press-conference@chronicle');
    const vevent = text.slice(start, text.indexOf('END:VEVENT', start));
    expect(vevent).toContain('DTSTART:20170509T214000Z');
    expect(vevent).toContain('DTEND:20170509T214001Z');
    expect(vevent).not.toContain('TENTATIVE');
  });
});

describe('a source with no publication date', () => {
  it('is on the record for knownBy from the day it was first seen', async () => {
    expect(await eventSlugs({ knownBy: '2017-05-11' })).toEqual([]);
    expect(await eventSlugs({ knownBy: '2017-05-12' })).toEqual(['press-conference']);
    const data = await query(graphql('{ source(slug: "undated-blog") { published { edtf } retrieved { display } } }'));
    expect(data.source).toEqual({ published: null, retrieved: { display: '12 May 2017' } });
  });
});

describe('exports of dates beyond what other formats hold', () => {
  it('JSON-LD and TimelineJS carry 44 BC and 170,001 BC; iCalendar leaves them out and says so', async () => {
    const jsonld = JSON.parse(await (await yoga.fetch('http://yoga/export/events.jsonld?to=0001')).text());
    expect(jsonld.hasPart.map((e: { identifier: string; startDate: string }) => [e.identifier, e.startDate])).toEqual([
      ['stone-tools', '-170000'],
      ['ides-of-march', '-0043-03-15'],
    ]);
    const timeline = JSON.parse(await (await yoga.fetch('http://yoga/export/timelinejs.json?to=0001')).text());
    // TimelineJS numbers years before 1 as BCE, with no year 0: -44 is 44 BC (its "44 BCE").
    expect(timeline.events.map((e: { start_date: object }) => e.start_date)).toEqual([{ year: -170001 }, { year: -44, month: 3, day: 15 }]);
    const ics = await (await yoga.fetch('http://yoga/export/events.ics?to=0001')).text();
    expect(ics).not.toContain('BEGIN:VEVENT');
    expect(ics).toContain('X-CHRONICLE-NOTE:iCalendar holds the years 1 to 9999');
  });

  it('are said in the language a reader asks for, and a wrong language tag is refused', async () => {
    const DISPLAY = graphql(`
      query ($slug: String!, $locale: String) { event(slug: $slug) { date { english: display display(locale: $locale) } } }
    `);
    expect((await query(DISPLAY, { slug: 'ides-of-march', locale: 'fr' })).event!.date).toEqual({ english: '15 March 44 BC', display: '15 mars 44 av. J.-C.' });
    expect((await query(DISPLAY, { slug: 'tenure-since-2021', locale: 'de' })).event!.date.display).toBe('seit 20. Januar 2021, andauernd');
    const refused = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ event(slug: "ides-of-march") { date { display(locale: "??") } } }' }),
    });
    const body = (await refused.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({
      message: 'locale: "??" is not a language tag: use one such as "fr", "de-CH" or "pt-BR"',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
