// EDTF as Chronicle reads it: every form of levels 0 and 1 (and the "one of" ranges of level 2),
// the instants each can mean, the words people read, and the instants filters and order use.
import { describe, expect, it } from 'vitest';
import { AFTER_ALL, BEFORE_ALL } from '../src/dates/calendar.js';
import { parse } from 'edtf';
import { DateParseError, parseEdtf, plainNode } from '../src/dates/edtf.js';
import { eventTimeOf, legacyDate } from '../src/dates/event-time.js';
import { checkedLocale, displayIn } from '../src/dates/localized-display.js';

const iso = (ms: bigint | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

describe('reading EDTF dates', () => {
  it.each([
    ['2017', 'DATE', 'YEAR', '2017', '2017-01-01T00:00:00.000Z', '2017-12-31T23:59:59.999Z'],
    ['2017-05', 'DATE', 'MONTH', 'May 2017', '2017-05-01T00:00:00.000Z', '2017-05-31T23:59:59.999Z'],
    ['2016-02-29', 'DATE', 'DAY', '29 February 2016', '2016-02-29T00:00:00.000Z', '2016-02-29T23:59:59.999Z'],
    ['2017-05~', 'DATE', 'MONTH', 'about May 2017', '2017-05-01T00:00:00.000Z', '2017-05-31T23:59:59.999Z'],
    ['2017?', 'DATE', 'YEAR', '2017 (uncertain)', '2017-01-01T00:00:00.000Z', '2017-12-31T23:59:59.999Z'],
    ['2017-05%', 'DATE', 'MONTH', 'about May 2017 (uncertain)', '2017-05-01T00:00:00.000Z', '2017-05-31T23:59:59.999Z'],
    ['2017-?05', 'DATE', 'MONTH', 'May 2017 (month uncertain)', '2017-05-01T00:00:00.000Z', '2017-05-31T23:59:59.999Z'],
    ['2017~-05-25', 'DATE', 'DAY', '25 May 2017 (year approximate)', '2017-05-25T00:00:00.000Z', '2017-05-25T23:59:59.999Z'],
    ['-0043-03-15', 'DATE', 'DAY', '15 March 44 BC', '-000043-03-15T00:00:00.000Z', '-000043-03-15T23:59:59.999Z'],
    ['0000', 'DATE', 'YEAR', '1 BC', '0000-01-01T00:00:00.000Z', '0000-12-31T23:59:59.999Z'],
    ['Y-170000', 'DATE', 'YEAR', '170,001 BC', '-170000-01-01T00:00:00.000Z', '-170000-12-31T23:59:59.999Z'],
    ['2017-22', 'DATE', 'SEASON', 'Summer 2017', '2017-06-01T00:00:00.000Z', '2017-08-31T23:59:59.999Z'],
    ['2016-24', 'DATE', 'SEASON', 'Winter 2016\u20132017', '2016-12-01T00:00:00.000Z', '2017-02-28T23:59:59.999Z'],
    ['19XX', 'DATE', 'YEAR', 'some year in 1900\u20131999', '1900-01-01T00:00:00.000Z', '1999-12-31T23:59:59.999Z'],
    ['2017-XX', 'DATE', 'MONTH', 'some month of 2017', '2017-01-01T00:00:00.000Z', '2017-12-31T23:59:59.999Z'],
    ['2017-05-1X', 'DATE', 'DAY', 'some day of 10\u201319 May 2017', '2017-05-10T00:00:00.000Z', '2017-05-19T23:59:59.999Z'],
    ['2017-05-09T17:40-04:00', 'DATE', 'MINUTE', '9 May 2017, 17:40 (UTC\u221204:00)', '2017-05-09T21:40:00.000Z', '2017-05-09T21:40:59.999Z'],
    ['2017-05-09T17:40:05Z', 'DATE', 'SECOND', '9 May 2017, 17:40:05 (UTC)', '2017-05-09T17:40:05.000Z', '2017-05-09T17:40:05.999Z'],
    ['2017-05-25/2017-06-04', 'INTERVAL', 'DAY', '25 May 2017 to 4 June 2017', '2017-05-25T00:00:00.000Z', '2017-06-04T23:59:59.999Z'],
    ['2016-07-31/..', 'INTERVAL', 'DAY', 'from 31 July 2016, ongoing', '2016-07-31T00:00:00.000Z', null],
    ['2016-07-31/', 'INTERVAL', 'DAY', 'from 31 July 2016, end unknown', '2016-07-31T00:00:00.000Z', null],
    ['/2017-06-04', 'INTERVAL', 'DAY', 'until 4 June 2017, start unknown', null, '2017-06-04T23:59:59.999Z'],
    ['../2017-06-04', 'INTERVAL', 'DAY', 'until 4 June 2017, open start', null, '2017-06-04T23:59:59.999Z'],
    ['2017-05/2017-06-10~', 'INTERVAL', 'MONTH', 'May 2017 to about 10 June 2017', '2017-05-01T00:00:00.000Z', '2017-06-10T23:59:59.999Z'],
    ['[..2017-06-04]', 'ONE_OF', 'DAY', 'before 4 June 2017', null, '2017-06-04T23:59:59.999Z'],
    ['[2017-05-08..]', 'ONE_OF', 'DAY', 'after 8 May 2017', '2017-05-08T00:00:00.000Z', null],
    ['[2017-06-01..2017-06-02]', 'ONE_OF', 'DAY', 'between 1 June 2017 and 2 June 2017', '2017-06-01T00:00:00.000Z', '2017-06-02T23:59:59.999Z'],
  ])('%s', (edtf, form, precision, display, earliest, latest) => {
    const value = parseEdtf(edtf);
    expect(value).toMatchObject({ edtf, form, precision, display });
    expect([iso(value.earliestMs), iso(value.latestMs)]).toEqual([earliest, latest]);
  });

  it('places years beyond what a JavaScript Date or PostgreSQL timestamp holds', () => {
    const value = parseEdtf('Y170000002');
    expect(value).toMatchObject({ display: '170,000,002', earliest: null, latest: null });
    expect(value.earliestMs! > 5_000_000_000_000_000_000n).toBe(true);
    expect(eventTimeOf('Y-170000').sortAt < eventTimeOf('-0043-03-15').sortAt).toBe(true);
    expect(eventTimeOf('-0043-03-15').sortAt < eventTimeOf('0001').sortAt).toBe(true);
  });

  it('reads the older Chronicle forms, and writes them as EDTF', () => {
    expect(parseEdtf('..2017-06-04').edtf).toBe('[..2017-06-04]');
    expect(parseEdtf('2017-05-08..').edtf).toBe('[2017-05-08..]');
    expect(legacyDate('2017-05-25', '2017-06-04')).toBe('2017-05-25/2017-06-04');
    expect(legacyDate('2017-01-31', '[2017-02-01..2017-02-02]')).toBe('2017-01-31/2017-02-02?');
    expect(legacyDate('..2017-06-04', null)).toBe('[..2017-06-04]');
    expect(parseEdtf('2017-05-08..2017-06-04').edtf).toBe('[2017-05-08..2017-06-04]');
    // Old sides that were ranges, where the range's outer date would end the interval before it starts: that side is unknown.
    expect(legacyDate('..2017-06-04', '2017-06-01')).toBe('/2017-06-01');
    expect(legacyDate('2017-06-04', '2017-06-01..')).toBe('2017-06-04/');
    expect(() => legacyDate('2017-06-04', '2017-06-01')).toThrow('the end "2017-06-01" is before the start "2017-06-04"');
  });

  it.each([
    ['2017-13', '"2017-13" has month 13; months run from 01 to 12 (21 to 24 are the seasons spring to winter)'],
    ['2017-02-29', '"2017-02-29" has day 29; February 2017 has 28 days'],
    ['201', '"201" has the year 201: write years with four digits (0201 for the year 201, -0043 for 44 BC), or Y and the year beyond 9999'],
    ['12345', '"12345" has the year 12345: write a year beyond 9999 as Y12345'],
    ['2017-05-25T25:00', '"2017-05-25T25:00" has the time 25:00; hours run from 00 to 23'],
    ['May 2017', '"May 2017" is not a date Chronicle can read: write a date as 2017, 2017-05, 2017-05-25'],
    ['../..', '"../.." has no date on either side of "/"'],
    ['2017-05-25/2017-05-20', '"2017-05-25/2017-05-20" ends before it starts'],
    ['[2017-06-02..2017-06-01]', '"[2017-06-02..2017-06-01]" ends before it starts'],
    ['2017-25', '"2017-25" has month 25'],
    ['[2017,2018]', 'record one event per date of a list'],
  ])('refuses %s, saying why', (edtf, message) => {
    expect(() => parseEdtf(edtf)).toThrow(DateParseError);
    expect(() => parseEdtf(edtf)).toThrow(message);
  });
});

describe('plain dates read without the grammar', () => {
  // Every day of two years (one a leap year) and impossible months and days around them.
  const days = [2016, 2017].flatMap((year) =>
    Array.from({ length: 14 }, (_, m) => m).flatMap((month) =>
      Array.from({ length: 33 }, (_, day) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`),
    ),
  );
  const months = ['2017-00', '2017-01', '2017-12', '2017-13', '2017-21'];
  const plain = [...days, ...months, '2017', '0000', '9999'];
  const grammar = (text: string) => {
    try {
      return parse(text, { level: 2 });
    } catch {
      return undefined;
    }
  };
  // Open sides are ±Infinity and unknown ones null: keep them apart through JSON.
  const shape = (node: unknown) =>
    JSON.parse(
      JSON.stringify(node, (key, value: unknown) =>
        key === 'level' ? undefined : typeof value === 'number' && !Number.isFinite(value) ? String(value) : value,
      ),
    );

  it('agrees with the grammar on every plain date it takes, and leaves the rest to it', () => {
    let taken = 0;
    for (const text of plain) {
      const fast = plainNode(text);
      if (!fast) continue;
      taken += 1;
      expect(shape(fast), text).toEqual(shape(grammar(text)));
    }
    // 366 + 365 real days, the 2 real months, and the 3 years; not 2017-02-29, 2017-13 or 2017-21.
    expect(taken).toBe(366 + 365 + 2 + 3);
  });

  it('reads intervals of plain dates, open and unknown sides included, as the grammar does', () => {
    for (const text of ['2017-05-25/2017-06-04', '2017/..', '../2017-06', '/2017-06-04', '2016-07-31/']) {
      expect(shape(plainNode(text)), text).toEqual(shape(grammar(text)));
      expect(parseEdtf(text).form).toBe('INTERVAL');
    }
    for (const text of ['/', '../..', '2017-02-30/2017-03-01', '2017/2018/2019', '2017-05~/2017-06']) expect(plainNode(text), text).toBeUndefined();
  });
});

describe('the instants an event date stands for', () => {
  const time = (edtf: string) =>
    Object.fromEntries(
      Object.entries(eventTimeOf(edtf)).map(([k, v]) => [k, typeof v === 'bigint' ? (v <= BEFORE_ALL ? '-inf' : v >= AFTER_ALL ? '+inf' : iso(v)) : v]),
    );

  it('an ongoing interval runs on without end, and sorts at its start', () => {
    expect(time('2016-07-31/..')).toMatchObject({
      sortAt: '2016-07-31T00:00:00.000Z',
      spanStart: '2016-07-31T00:00:00.000Z',
      spanEnd: '+inf',
      endEarliest: '+inf',
    });
    expect(time('2016-07-31/')).toMatchObject({ spanEnd: '+inf', endEarliest: '+inf' });
  });

  it('a date known only by an upper bound counts as that bound and sorts at its end', () => {
    expect(time('[..2017-06-04]')).toMatchObject({
      sortAt: '2017-06-04T23:59:59.999Z',
      spanStart: '2017-06-04T00:00:00.000Z',
      spanEnd: '2017-06-04T23:59:59.999Z',
      startEarliest: '-inf',
      startLatest: '2017-06-04T23:59:59.999Z',
    });
  });

  it('an open start reaches back without end; an unknown one counts from the end it is known by', () => {
    expect(time('../2017-06-04')).toMatchObject({ spanStart: '-inf', startLatest: '-inf', sortAt: '2017-06-04T23:59:59.999Z' });
    expect(time('/2017-06-04')).toMatchObject({ spanStart: '2017-06-04T00:00:00.000Z', startEarliest: '-inf', startLatest: '2017-06-04T23:59:59.999Z' });
  });

  it('an exact span is certainly under way from its start to its end', () => {
    expect(time('2017-05-08/2017-05-10')).toMatchObject({
      startEarliest: '2017-05-08T00:00:00.000Z',
      startLatest: '2017-05-08T23:59:59.999Z',
      endEarliest: '2017-05-10T00:00:00.000Z',
      endLatest: '2017-05-10T23:59:59.999Z',
    });
  });
});

describe('dates in the words of another language', () => {
  it.each([
    ['2017-05-25', 'fr', '25 mai 2017'],
    ['2017-05~', 'fr', 'vers mai 2017'],
    ['2017-22', 'fr', 'été 2017'],
    ['2017-XX', 'fr', 'au cours de 2017'],
    ['-0043-03-15', 'fr', '15 mars 44 av. J.-C.'],
    ['2017-05-25/2017-06-04', 'fr', 'du 25 mai 2017 au 4 juin 2017'],
    ['2016/2017', 'fr', 'de 2016 à 2017'],
    ['2016-07-31/..', 'fr', 'depuis le 31 juillet 2016, en cours'],
    ['[..2017-06-04]', 'fr', 'avant le 4 juin 2017'],
    ['2017-05-25', 'de', '25. Mai 2017'],
    ['-0043-03-15', 'de', '15. März 44 v. Chr.'],
    ['[2017-06-01..2017-06-02]', 'es', 'entre 1 de junio de 2017 y 2 de junio de 2017'],
    // A language with no words of its own here yet: its dates, English words around them.
    ['[..2017-06-04]', 'ja', 'before 2017年6月4日'],
    ['Y-170000', 'fr', '170001 av. J.-C.'],
    // Beyond the years a JavaScript Date holds (271,821 BC), the English words stay.
    ['Y-300000', 'fr', '300,001 BC'],
  ])('%s in %s', (edtf, locale, display) => {
    expect(displayIn(parseEdtf(edtf), locale)).toBe(display);
  });

  it('refuses what is not a language tag, naming the argument', () => {
    expect(() => checkedLocale('not a locale!', 'locale')).toThrow('locale: "not a locale!" is not a language tag: use one such as "fr", "de-CH" or "pt-BR"');
    expect(checkedLocale('FR-ch', 'locale')).toBe('fr-CH');
  });
});
