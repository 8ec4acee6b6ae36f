// The span of time an exported event can have taken, for the formats that need one (iCalendar,
// schema.org, TimelineJS): apart from export-record.ts, which reads the database, so that the
// formats load without it.
import { AFTER_ALL, BEFORE_ALL } from '../dates/calendar.js';
import { parseEdtf, type Bound } from '../dates/edtf.js';
import { eventTime } from '../dates/event-time.js';
import type { ExportEvent } from './export-record.js';

/** The instants an exported event can have taken, for formats that need one span (iCalendar, schema.org). */
export interface ExportSpan {
  /** The first instant it can have begun, or, when its start is open or unknown, the date it is known by. */
  first: bigint;
  /** The last instant it can have ended; for an ongoing event, now. */
  last: bigint;
  /** True when the span is exactly the event's: known to the day or better, with no range, open side or qualifier. */
  exact: boolean;
  /** The value's precision at its start and its end. */
  startPrecision: string;
  endPrecision: string;
}

export function exportSpan(e: Pick<ExportEvent, 'date'>): ExportSpan {
  const value = parseEdtf(e.date.edtf);
  const time = eventTime(value);
  const known = (ms: bigint) => ms > BEFORE_ALL && ms < AFTER_ALL;
  const first = known(time.startEarliest) ? time.startEarliest : time.spanStart > BEFORE_ALL ? time.spanStart : time.sortAt;
  const last = known(time.endLatest) ? time.endLatest : time.spanEnd < AFTER_ALL ? time.spanEnd : BigInt(Date.now());
  const exactPoint = (b: Bound) =>
    b.kind === 'KNOWN' && ['DAY', 'MINUTE', 'SECOND'].includes(b.point.precision) && !b.point.approximate && !b.point.uncertain && !b.point.unspecified;
  const precision = (b: Bound, other: Bound) => (b.kind === 'KNOWN' ? b.point.precision : other.kind === 'KNOWN' ? other.point.precision : value.precision);
  return {
    first,
    last,
    exact: value.form !== 'ONE_OF' && exactPoint(value.start) && exactPoint(value.end),
    startPrecision: precision(value.start, value.end),
    endPrecision: precision(value.end, value.start),
  };
}
