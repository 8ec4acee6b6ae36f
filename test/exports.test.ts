// A researcher takes the events out of Chronicle, with their evidence, in the formats their tools read.
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { ExportEvent } from '../src/exports/export-record.js';
import { metaHeaders } from '../src/exports/export-http.js';
import { CSV_COLUMNS } from '../src/exports/formats/csv.js';
import type { ExportFormat } from '../src/exports/formats/format.js';
import { ics } from '../src/exports/formats/ics.js';
import { jsonld } from '../src/exports/formats/jsonld.js';
import { timelinejs } from '../src/exports/formats/timelinejs.js';
import { MAX_EXACT_COUNT } from '../src/events/event-listing.js';
import { useTestDatabase } from './helpers/database.js';
import { assertNoInternals, eventSlugs, graphql, query, yoga } from './helpers/graphql.js';

const database = useTestDatabase();

async function download(path: string) {
  const response = await yoga.fetch(`http://yoga${path}`);
  const text = await response.text();
  if (response.status >= 400) assertNoInternals(text);
  return { response, text };
}

describe("a researcher exports Trump's events", () => {
  it('as CSV that a spreadsheet and pandas read: BOM, CRLF, quoted cells, JSON lists', async () => {
    const { response, text } = await download('/export/events.csv?actor=donald-trump&from=2017-05&to=2017-06');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="chronicle-events.csv"');
    expect(response.headers.get('chronicle-export-count')).toBe('12');
    expect(text.startsWith('\uFEFFslug,title,')).toBe(true);
    expect(text.split('\r\n').length).toBeGreaterThan(12);
    const rows: Record<string, string>[] = parseCsv(text, { bom: true, columns: true });
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(rows.map((r) => r.slug)).toEqual(await eventSlugs({ actors: ['donald-trump'], from: '2017-05', to: '2017-06' }));
    const brussels = rows.find((r) => r.slug === 'trump-macron-brussels-meeting')!;
    expect(brussels).toMatchObject({
      date: '2017-05-25',
      date_precision: 'DAY',
      date_display: '25 May 2017',
      place: "Brussels (US ambassador's residence)",
      tags: 'france; nato',
    });
    expect(JSON.parse(brussels.participants!)).toEqual([
      { role: 'participant', actor: { slug: 'donald-trump', name: 'Donald Trump', kind: 'PERSON' } },
      { role: 'participant', actor: { slug: 'emmanuel-macron', name: 'Emmanuel Macron', kind: 'PERSON' } },
    ]);
    const [citation] = JSON.parse(brussels.citations!);
    expect(citation).toMatchObject({
      stance: 'SUPPORTS',
      source: { slug: 'politico-europe-handshake', publisher: { name: 'Politico Europe' }, published: { edtf: '2017-05-26', display: '26 May 2017' } },
    });
  });

  it('as NDJSON and JSON, one record per event, in chronological order', async () => {
    const slugs = await eventSlugs({ actors: ['donald-trump'] });
    const ndjson = await download('/export/events.ndjson?actor=donald-trump');
    expect(ndjson.response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const lines: ExportEvent[] = ndjson.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.slug)).toEqual(slugs);
    const json = await download('/export/events.json?actor=donald-trump');
    expect(JSON.parse(json.text)).toEqual(lines);
    const trudeau = lines.find((l) => l.slug === 'trudeau-calls-trump-cellphone');
    expect(trudeau?.citations.map((c) => [c.stance, c.source.slug, c.attribution])).toContainEqual([
      'DISPUTES',
      'cbc-pmo-not-aware',
      "Canada's Prime Minister's Office",
    ]);
  });

  it('as iCalendar that a real parser reads, one all-day event each', async () => {
    const { response, text } = await download('/export/events.ics?actor=donald-trump&kind=meeting');
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('x-chronicle-count')).toBe('2');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => [e.uid, e.summary, e.startDate.toString(), e.endDate.toString(), e.location])).toEqual([
      [
        'oval-office-meeting-with-russian-diplomats@chronicle',
        'Trump meets Sergey Lavrov and Sergey Kislyak in the Oval Office',
        '2017-05-10',
        '2017-05-11',
        'Oval Office, White House, Washington',
      ],
      ['trump-macron-brussels-meeting@chronicle', 'Trump and Macron meet in Brussels', '2017-05-25', '2017-05-26', "Brussels (US ambassador's residence)"],
    ]);
    expect(events[1]!.description).toContain('Source: [Politico Europe: media cheer Macron going mano a mano with Trump], Politico Europe, 26 May 2017');
  });

  it('spans every day a vague date can mean in iCalendar', async () => {
    const { text } = await download('/export/events.ics?actor=justin-trudeau&kind=phone_call');
    const [event] = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect([event!.startDate.toString(), event!.endDate.toString()]).toEqual(['2017-04-01', '2017-05-01']);
    expect(event!.description).toContain('When: April 2017 (2017-04)');
  });

  it('as JSON-LD with schema.org Events, participants and citations', async () => {
    const { response, text } = await download('/export/events.jsonld?tag=nato');
    expect(response.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({
      '@context': ['https://schema.org', { chronicle: 'urn:chronicle:' }],
      '@type': 'Dataset',
      description: '1 events matching {"tags":["nato"]}',
    });
    expect(doc.hasPart).toHaveLength(1);
    expect(doc.hasPart[0]).toMatchObject({
      '@type': 'Event',
      identifier: 'trump-macron-brussels-meeting',
      startDate: '2017-05-25',
      location: { name: "Brussels (US ambassador's residence)" },
      attendee: [{ '@type': 'Role', roleName: 'participant', attendee: { '@type': 'Person', name: 'Donald Trump' } }, expect.anything()],
    });
  });

  it('as JSON-LD giving every event a schema.org startDate and only schema.org eventStatus values', async () => {
    const events = JSON.parse((await download('/export/events.jsonld')).text).hasPart;
    expect(events).toHaveLength(19);
    for (const e of events) {
      expect(e.startDate, e.identifier).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      if (e.endDate) expect(e.endDate >= e.startDate, e.identifier).toBe(true);
      if ('eventStatus' in e) expect(e.eventStatus, e.identifier).toBe('https://schema.org/EventScheduled');
      expect(['CONFIRMED', 'REPORTED', 'ALLEGED', 'DISPUTED', 'REFUTED']).toContain(e['chronicle:status']);
    }
    const bySlug = new Map(events.map((e: { identifier: string }) => [e.identifier, e]));
    expect(bySlug.get('trump-gives-cellphone-number-to-leaders')).toMatchObject({
      startDate: '2017-05-30',
      endDate: '2017-05-30',
      temporalCoverage: '[..2017-05-30]',
      disambiguatingDescription: 'before 30 May 2017',
    });
    expect(bySlug.get('trudeau-calls-trump-cellphone')).toMatchObject({ startDate: '2017-04', endDate: '2017-04', temporalCoverage: '2017-04' });
  });

  it('as iCalendar marking a date not known to the day as tentative, with its EDTF value', async () => {
    const { text } = await download('/export/events.ics?actor=justin-trudeau');
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
    const read = (v: ICAL.Component) => [
      v.getFirstPropertyValue('uid'),
      v.getFirstPropertyValue('status'),
      v.getFirstPropertyValue('x-chronicle-edtf'),
      v.getFirstPropertyValue('dtstart')?.toString(),
      v.getFirstPropertyValue('dtend')?.toString(),
    ];
    expect(events.map(read)).toEqual([
      ['trudeau-calls-trump-cellphone@chronicle', 'TENTATIVE', '2017-04', '2017-04-01', '2017-05-01'],
      ['trump-gives-cellphone-number-to-leaders@chronicle', 'TENTATIVE', '[..2017-05-30]', '2017-05-30', '2017-05-31'],
    ]);
    const meetings = new ICAL.Component(ICAL.parse((await download('/export/events.ics?actor=donald-trump&kind=meeting')).text)).getAllSubcomponents('vevent');
    expect(meetings.map((v) => v.getFirstPropertyValue('status'))).toEqual([null, null]);
  });

  it('as TimelineJS JSON with a title slide and dates at their precision', async () => {
    const { text } = await download('/export/timelinejs.json?actor=justin-trudeau');
    const timeline = JSON.parse(text);
    expect(timeline.title.text.text).toContain('2 events');
    expect(timeline.events.map((e: { unique_id: string; start_date: object; display_date: string }) => [e.unique_id, e.start_date, e.display_date])).toEqual([
      ['trudeau-calls-trump-cellphone', { year: 2017, month: 4 }, 'April 2017'],
      ['trump-gives-cellphone-number-to-leaders', { year: 2017, month: 5, day: 30 }, 'before 30 May 2017'],
    ]);
  });
});

describe('an export states how it was made and can be made again', () => {
  it('gives the same bytes for the same data and filter', async () => {
    for (const path of [
      '/export/events.csv',
      '/export/events.ndjson',
      '/export/events.json',
      '/export/events.ics',
      '/export/events.jsonld',
      '/export/timelinejs.json',
    ]) {
      const [a, b] = [await download(path), await download(path)];
      expect(a.text, path).toBe(b.text);
    }
  });

  it('says filter, count, version and data timestamp in headers and a meta document', async () => {
    const { response } = await download('/export/events.csv?kind=LEAK');
    const meta = JSON.parse((await download('/export/events.meta.json?kind=LEAK')).text);
    expect(meta).toEqual({
      generator: 'Chronicle',
      version: '0.1.0',
      filter: { kinds: ['LEAK'] },
      count: 5,
      countExact: true,
      dataTimestamp: response.headers.get('chronicle-export-data-timestamp'),
    });
    expect(response.headers.get('chronicle-export-filter')).toBe('{"kinds":["LEAK"]}');
    expect(response.headers.get('chronicle-export-count')).toBe('5');
  });

  it("answers a HEAD with the download's headers, without reading a record", async () => {
    const { response: get } = await download('/export/events.ndjson?kind=LEAK');
    const before = database().statements.sql.length;
    const head = await yoga.fetch('http://yoga/export/events.ndjson?kind=LEAK', { method: 'HEAD' });
    const statements = database().statements.sql.slice(before);
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const headers = (response: Response) => Object.fromEntries([...response.headers].filter(([name]) => name !== 'x-request-id'));
    expect(headers(head)).toEqual(headers(get));
    expect(head.headers.get('chronicle-export-count')).toBe('5');
    expect(statements.some((sql) => sql.includes('json_build_object'))).toBe(false);
    expect(statements.length).toBeGreaterThan(0);
  });

  it('says "more than" where a download of more than 100,000 events starts before counting them all', async () => {
    const meta = { generator: 'Chronicle', version: '0.1.0', filter: {}, count: MAX_EXACT_COUNT, countExact: false, dataTimestamp: null };
    const headers = metaHeaders(meta);
    expect(headers['chronicle-export-count-more-than']).toBe('100000');
    expect(headers).not.toHaveProperty('chronicle-export-count');
    const body = async (format: ExportFormat) => {
      let text = '';
      for await (const chunk of format.write((async function* () {})(), meta, { label: (_scheme, slug) => slug })) text += chunk;
      return text;
    };
    expect(ICAL.Component.fromString(await body(ics)).getFirstPropertyValue('x-chronicle-count-more-than')).toBe('100000');
    expect(JSON.parse(await body(timelinejs)).title.text.text).toMatch(/^<p>More than 100000 events\. /);
    expect(JSON.parse(await body(jsonld))).toMatchObject({ description: 'More than 100000 events matching {}', hasPart: [] });
  });

  it('reports knownBy through the citations it keeps', async () => {
    const lines: ExportEvent[] = (await download('/export/events.ndjson?actor=justin-trudeau&kind=PHONE_CALL&knownBy=2017-06-04')).text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]?.citations.map((c) => c.source.slug)).toEqual(['ap-cellphone-diplomacy', 'cbc-pmo-not-aware', 'seed-article']);
  });
});

describe('export parameters are checked like the GraphQL filter', () => {
  it('takes the filter as JSON instead of parameters', async () => {
    const { response } = await download(`/export/events.csv?filter=${encodeURIComponent('{"actors":["malcolm-turnbull"],"kinds":["LEAK"]}')}`);
    expect(response.headers.get('chronicle-export-count')).toBe('1');
  });

  it.each([
    [
      '/export/events.csv?from=2017-13',
      'filter.from',
      'filter.from: "2017-13" has month 13; months run from 01 to 12 (21 to 24 are the seasons spring to winter)',
    ],
    ['/export/events.csv?actor=nobody', 'filter.actors', 'filter.actors: no actor has the slug "nobody"; look it up with actors(...)'],
    [
      '/export/events.csv?colour=red',
      'colour',
      'colour: is not a filter parameter; use actor, type, kind, status, roleType, role, tag, source, timeline, from, to, timeMatch, actorsMatch, text, place, knownBy, disputed, retired, near, bbox, filter',
    ],
    ['/export/events.csv?filter={oops', 'filter', 'filter: is not valid JSON: write it like {"actors":["donald-trump"],"from":"2017-05"}'],
    ['/export/events.csv?kind=GOSSIP', 'filter.kinds[0]', undefined],
  ])('refuses %s with a 400 naming %s', async (path, argument, message) => {
    const { response, text } = await download(path);
    expect(response.status).toBe(400);
    const { error } = JSON.parse(text);
    expect(error.argument).toBe(argument);
    if (message) expect(error.message).toBe(message);
  });
});

describe('a frontend offers a download of the current view', () => {
  it('lists the formats and builds the URL for a filter', async () => {
    const data = await query(
      graphql(`{
      exportFormats { name path contentType fileExtension }
      exportUrl(format: CSV, filter: { actors: ["donald-trump", "emmanuel-macron"], actorsMatch: ALL, from: "2017-05" })
    }`),
    );
    expect(data.exportFormats.map((f) => f.name)).toEqual(['CSV', 'NDJSON', 'JSON', 'ICS', 'JSONLD', 'TIMELINEJS', 'GEOJSON']);
    expect(data.exportFormats.find((f) => f.name === 'TIMELINEJS')).toEqual({
      name: 'TIMELINEJS',
      path: '/export/timelinejs.json',
      contentType: 'application/json; charset=utf-8',
      fileExtension: 'timeline.json',
    });
    expect(data.exportUrl).toBe('/export/events.csv?actor=donald-trump&actor=emmanuel-macron&from=2017-05&actorsMatch=ALL');
    const { response } = await download(data.exportUrl);
    const count = await query(graphql('{ events(filter: { actors: ["donald-trump", "emmanuel-macron"], actorsMatch: ALL, from: "2017-05" }) { totalCount } }'));
    expect(Number(response.headers.get('chronicle-export-count'))).toBe(count.events.totalCount);
  });
});

describe('a formula in the data stays text in a spreadsheet', () => {
  it('neutralises cells that start with = + - @', async () => {
    const c = database().client;
    await c.event.update({ where: { slug: 'tait-analysis-direct-line-cuts-out-state-department' }, data: { summary: '=HYPERLINK("http://evil","click")' } });
    const { text } = await download('/export/events.csv?kind=ANALYSIS');
    const [row] = parseCsv(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(row!.summary).toBe('\'=HYPERLINK("http://evil","click")');
  });
});
