// Honest dates: a value is stored as given (a subset of EDTF, ISO 8601-2) with the precision it
// supports, and turned into the earliest and latest instants it can mean. Calendar dates are
// read as UTC days.
//
//   2017            a year                 2017-05      a month       2017-05-25   a day
//   2017-05~        about May 2017         2017-05?     May 2017, uncertain    2017-05%  both
//   ..2017-06-04    on or before 4 June 2017           2017-05-08..  on or after 8 May 2017
//   [2017-06-01..2017-06-02]  one day between 1 and 2 June 2017

export type Precision = 'YEAR' | 'MONTH' | 'DAY';

export interface DateValue {
  edtf: string;
  precision: Precision;
  approximate: boolean;
  uncertain: boolean;
  /** First instant the value can mean; null when only an upper bound is known. */
  earliest: Date | null;
  /** Last instant the value can mean; null when only a lower bound is known. */
  latest: Date | null;
  display: string;
}

export class DateParseError extends Error {}

interface Point {
  precision: Precision;
  approximate: boolean;
  uncertain: boolean;
  earliest: Date;
  latest: Date;
  year: number;
  month?: number;
  day?: number;
}

const POINT = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%])?$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const PRECISION_RANK: Record<Precision, number> = { YEAR: 0, MONTH: 1, DAY: 2 };
const FORMS = 'use YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ~ (approximate) or ? (uncertain), or a bound such as ..2017-06-04';

function parsePoint(text: string, whole: string): Point {
  const match = POINT.exec(text);
  if (!match) throw new DateParseError(`"${whole}" is not a date: ${FORMS}`);
  const [, y, m, d, qualifier] = match;
  const year = Number(y);
  const month = m === undefined ? undefined : Number(m);
  const day = d === undefined ? undefined : Number(d);
  if (month !== undefined && (month < 1 || month > 12)) throw new DateParseError(`"${whole}" has month ${m}; months run from 01 to 12`);
  if (day !== undefined && month !== undefined) {
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (day < 1 || day > daysInMonth) throw new DateParseError(`"${whole}" has day ${d}; ${MONTHS[month - 1]} ${year} has ${daysInMonth} days`);
  }
  const precision: Precision = day !== undefined ? 'DAY' : month !== undefined ? 'MONTH' : 'YEAR';
  const earliest = new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1));
  earliest.setUTCFullYear(year); // Date.UTC maps years 0-99 to 1900-1999
  const next = new Date(earliest);
  if (precision === 'YEAR') next.setUTCFullYear(year + 1);
  else if (precision === 'MONTH') next.setUTCMonth(next.getUTCMonth() + 1);
  else next.setUTCDate(next.getUTCDate() + 1);
  return {
    precision,
    approximate: qualifier === '~' || qualifier === '%',
    uncertain: qualifier === '?' || qualifier === '%',
    earliest,
    latest: new Date(next.getTime() - 1),
    year,
    month,
    day,
  };
}

function showPoint(p: Point): string {
  const base = p.day !== undefined ? `${p.day} ${MONTHS[p.month! - 1]} ${p.year}`
    : p.month !== undefined ? `${MONTHS[p.month - 1]} ${p.year}` : String(p.year);
  return `${p.approximate ? 'about ' : ''}${base}${p.uncertain ? ' (uncertain)' : ''}`;
}

function coarser(a: Point, b: Point): Precision {
  return PRECISION_RANK[a.precision] <= PRECISION_RANK[b.precision] ? a.precision : b.precision;
}

/** Parses an EDTF value; throws DateParseError with a message that says what to write instead. */
export function parseEdtf(input: string): DateValue {
  const edtf = input.trim();
  const set = /^\[(.*)\]$/.exec(edtf);
  const body = set ? set[1]! : edtf;
  const range = /^(.*)\.\.(.*)$/.exec(body);
  if (!range) {
    if (set) throw new DateParseError(`"${edtf}" is not a date range: write [2017-06-01..2017-06-02]`);
    const p = parsePoint(body, edtf);
    return { edtf, ...pick(p), display: showPoint(p) };
  }
  const [, fromText, toText] = range as unknown as [string, string, string];
  if (!fromText && !toText) throw new DateParseError(`"${edtf}" has no date on either side of ".."`);
  const from = fromText ? parsePoint(fromText, edtf) : undefined;
  const to = toText ? parsePoint(toText, edtf) : undefined;
  if (from && to) {
    if (to.latest < from.earliest) throw new DateParseError(`"${edtf}" ends before it starts`);
    return {
      edtf,
      precision: coarser(from, to),
      approximate: from.approximate || to.approximate,
      uncertain: from.uncertain || to.uncertain,
      earliest: from.earliest,
      latest: to.latest,
      display: `between ${showPoint(from)} and ${showPoint(to)}`,
    };
  }
  if (to) return { edtf, ...pick(to), earliest: null, display: `before ${showPoint(to)}` };
  return { edtf, ...pick(from!), latest: null, display: `after ${showPoint(from!)}` };
}

function pick(p: Point) {
  return { precision: p.precision, approximate: p.approximate, uncertain: p.uncertain, earliest: p.earliest as Date | null, latest: p.latest as Date | null };
}

/** The instants an event spans: from its start's earliest to its end's (or start's) latest. */
export interface Span {
  earliest: Date | null;
  latest: Date | null;
  /** The instant chronological order uses: earliest, or latest when only that is known. */
  sortAt: Date;
}

export function spanOf(start: DateValue, end?: DateValue | null): Span {
  const latest = end ? end.latest : start.latest;
  if (end && start.earliest && end.latest && end.latest < start.earliest) {
    throw new DateParseError(`the end "${end.edtf}" is before the start "${start.edtf}"`);
  }
  return { earliest: start.earliest, latest, sortAt: (start.earliest ?? start.latest)! };
}
