import { describe, expect, it } from 'vitest';
import { DateParseError, parseEdtf, spanOf } from '../src/dates/edtf.js';

describe('reading EDTF dates', () => {
  it.each([
    ['2017', 'YEAR', '2017', '2017-01-01T00:00:00.000Z', '2017-12-31T23:59:59.999Z'],
    ['2017-05', 'MONTH', 'May 2017', '2017-05-01T00:00:00.000Z', '2017-05-31T23:59:59.999Z'],
    ['2016-02-29', 'DAY', '29 February 2016', '2016-02-29T00:00:00.000Z', '2016-02-29T23:59:59.999Z'],
    ['2017-05~', 'MONTH', 'about May 2017', '2017-05-01T00:00:00.000Z', '2017-05-31T23:59:59.999Z'],
    ['2017?', 'YEAR', '2017 (uncertain)', '2017-01-01T00:00:00.000Z', '2017-12-31T23:59:59.999Z'],
    ['[2017-06-01..2017-06-02]', 'DAY', 'between 1 June 2017 and 2 June 2017', '2017-06-01T00:00:00.000Z', '2017-06-02T23:59:59.999Z'],
  ])('%s', (edtf, precision, display, earliest, latest) => {
    const value = parseEdtf(edtf);
    expect(value).toMatchObject({ edtf, precision, display });
    expect(value.earliest?.toISOString()).toBe(earliest);
    expect(value.latest?.toISOString()).toBe(latest);
  });

  it('keeps an open bound open', () => {
    expect(parseEdtf('..2017-06-04')).toMatchObject({ earliest: null, display: 'before 4 June 2017', precision: 'DAY' });
    expect(parseEdtf('2017-05-08..')).toMatchObject({ latest: null, display: 'after 8 May 2017' });
  });

  it('marks approximate and uncertain values', () => {
    expect(parseEdtf('2017-05%')).toMatchObject({ approximate: true, uncertain: true, display: 'about May 2017 (uncertain)' });
  });

  it.each([
    ['2017-13', '"2017-13" has month 13; months run from 01 to 12'],
    ['2017-02-29', '"2017-02-29" has day 29; February 2017 has 28 days'],
    ['May 2017', '"May 2017" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD'],
    ['..', '".." has no date on either side of ".."'],
    ['[2017-06-02..2017-06-01]', '"[2017-06-02..2017-06-01]" ends before it starts'],
  ])('refuses %s, saying why', (edtf, message) => {
    expect(() => parseEdtf(edtf)).toThrow(DateParseError);
    expect(() => parseEdtf(edtf)).toThrow(message);
  });

  it('sorts an event known only by an upper bound at that bound', () => {
    const span = spanOf(parseEdtf('..2017-06-04'));
    expect(span.earliest).toBeNull();
    expect(span.sortAt.toISOString()).toBe('2017-06-04T23:59:59.999Z');
  });

  it('refuses an end before the start', () => {
    expect(() => spanOf(parseEdtf('2017-05-10'), parseEdtf('2017-05-09'))).toThrow('the end "2017-05-09" is before the start "2017-05-10"');
  });
});
