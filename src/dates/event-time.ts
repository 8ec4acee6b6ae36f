// The instants an event's date means, as the database stores them for filters, order and
// histograms (docs/dates.md says the same for users). All are BigInt milliseconds since 1970; an
// open or unknown side is BEFORE_ALL or AFTER_ALL, so every comparison stays one indexable test.
import { AFTER_ALL, BEFORE_ALL } from './calendar.js';
import { DateParseError, parseEdtf, type Bound, type DatePoint, type DateValue } from './edtf.js';

export interface EventTime {
  /** Chronological order: when it can first have begun, or, if that is unknown, the date it is known by. */
  sortAt: bigint;
  /**
   * What a time window (timeMatch OVERLAP) compares: the span the event can have taken. An open
   * start reaches back without end; an unknown start, or a single date known only by one bound,
   * counts as that bound; a start with no known end (open or unknown) runs on, to now.
   */
  spanStart: bigint;
  spanEnd: bigint;
  /** The earliest and latest instants it can have begun and ended (WITHIN, histograms). */
  startEarliest: bigint;
  startLatest: bigint;
  endEarliest: bigint;
  endLatest: bigint;
}

const first = (b: Bound, otherwise: bigint) => (b.kind === 'KNOWN' ? b.point.earliest : otherwise);
const last = (b: Bound, otherwise: bigint) => (b.kind === 'KNOWN' ? b.point.latest : otherwise);
const point = (b: Bound) => (b as { point: DatePoint }).point;

export function eventTime(value: DateValue): EventTime {
  const { start, end } = value;
  if (value.form === 'DATE') {
    const p = point(start);
    return {
      sortAt: p.earliest,
      spanStart: p.earliest,
      spanEnd: p.latest,
      startEarliest: p.earliest,
      startLatest: p.latest,
      endEarliest: p.earliest,
      endLatest: p.latest,
    };
  }
  if (value.form === 'ONE_OF') {
    // One date somewhere in a range, [..E], [S..] or [S..E]: it began and ended on that date.
    const earliest = first(start, BEFORE_ALL);
    const latest = last(end, AFTER_ALL);
    const known = start.kind === 'KNOWN' ? point(start) : point(end);
    return {
      sortAt: start.kind === 'KNOWN' ? earliest : latest,
      spanStart: start.kind === 'KNOWN' ? earliest : known.earliest,
      spanEnd: end.kind === 'KNOWN' ? latest : known.latest,
      startEarliest: earliest,
      startLatest: latest,
      endEarliest: earliest,
      endLatest: latest,
    };
  }
  // An interval. An open or unknown end: it has begun and is not known to have ended.
  const startEarliest = first(start, BEFORE_ALL);
  const startLatest = start.kind === 'KNOWN' ? point(start).latest : start.kind === 'OPEN' ? BEFORE_ALL : last(end, AFTER_ALL);
  const endEarliest = first(end, AFTER_ALL);
  const endLatest = last(end, AFTER_ALL);
  return {
    sortAt: start.kind === 'KNOWN' ? startEarliest : endLatest,
    spanStart: start.kind === 'UNKNOWN' ? point(end).earliest : startEarliest,
    spanEnd: endLatest,
    startEarliest,
    startLatest,
    endEarliest,
    endLatest,
  };
}

/** The time columns of an event dated `edtf`; throws DateParseError when it cannot be read. */
export function eventTimeOf(edtf: string): EventTime & { date: string } {
  const value = parseEdtf(edtf);
  return { date: value.edtf, ...eventTime(value) };
}

/**
 * Older Chronicle data gave a start and an end apart: one EDTF interval now. A side given as a
 * range (which an EDTF interval cannot hold) becomes the range's outer date, marked uncertain.
 */
export function legacyDate(start: string, end: string | null | undefined): string {
  if (!end) return parseEdtf(start).edtf;
  const side = (text: string, which: 'start' | 'end') => {
    const value = parseEdtf(text);
    if (value.form === 'DATE') return value.edtf;
    const bound = which === 'start' ? (value.start.kind === 'KNOWN' ? value.start : value.end) : value.end.kind === 'KNOWN' ? value.end : value.start;
    const p = point(bound);
    return /[?%]$/.test(p.edtf) ? p.edtf : `${p.edtf.replace(/~$/, '')}${p.edtf.endsWith('~') ? '%' : '?'}`;
  };
  // When a side given as a range makes the interval end before it starts, that side is unknown.
  const exact = (text: string) => parseEdtf(text).form === 'DATE';
  const tries = [
    `${side(start, 'start')}/${side(end, 'end')}`,
    ...(exact(start) ? [] : [`/${side(end, 'end')}`]),
    ...(exact(end) ? [] : [`${side(start, 'start')}/`]),
  ];
  for (const interval of tries) {
    try {
      return parseEdtf(interval).edtf;
    } catch (error) {
      if (!(error instanceof DateParseError)) throw error;
    }
  }
  throw new DateParseError(`the end "${end}" is before the start "${start}"`);
}
