// Counts of events per day, week, month or year, for density bars, in one SQL statement. Two
// counts per bucket: the events that began in it (their whole possible start lies inside), and
// the events certainly under way during it (a 4-year tenure in each of its years, an ongoing
// investigation in every bucket up to now). Nothing is spread or guessed: "May 2017" has no day.
import { AFTER_ALL, BEFORE_ALL, civil, instant } from '../dates/calendar.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { InputError } from '../lib/errors.js';
import type { ResolvedEventFilter } from './event-filter.js';
import { matchingEventIds } from './event-ids.js';

export type BucketSize = 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';

export const MAX_BUCKETS = 1_000;

export interface Bucket {
  start: bigint;
  end: bigint;
  /** Events whose start lies wholly in this bucket. */
  started: number;
  /** Events certainly under way at some time in this bucket. */
  underway: number;
}

export interface Histogram {
  bucket: BucketSize;
  buckets: Bucket[];
  /** Matching events whose start lies in no single bucket: too vague for its size, unknown, or outside the buckets. */
  imprecise: number;
  /** Matching events certainly under way in no bucket (too vague for its size, or outside the buckets). */
  underwayImprecise: number;
  total: number;
}

/** The first instant of the bucket that holds `at` (UTC; weeks start on Monday, as ISO 8601). */
export function bucketStart(at: bigint, size: BucketSize): bigint {
  const { year, month, day, weekday } = civil(at);
  if (size === 'YEAR') return instant(year);
  if (size === 'MONTH') return instant(year, month);
  const start = instant(year, month, day);
  return size === 'WEEK' ? start - BigInt(weekday) * 86_400_000n : start;
}

function nextStart(start: bigint, size: BucketSize): bigint {
  const { year, month, day } = civil(start);
  if (size === 'YEAR') return instant(year + 1);
  if (size === 'MONTH') return month === 12 ? instant(year + 1) : instant(year, month + 1);
  return instant(year, month, day) + (size === 'WEEK' ? 7n : 1n) * 86_400_000n;
}

const now = () => BigInt(Date.now());

/** The buckets' range when the filter gives none: from the first known start to the last known end (or now). */
async function dataRange(db: PrismaClient, ids: string[] | null): Promise<{ first: bigint; last: bigint } | null> {
  const [row] = await db.$queryRaw<{ first: bigint | null; last: bigint | null }[]>`
    SELECT min(CASE WHEN "spanStart" > ${BEFORE_ALL} THEN "spanStart" END) AS first,
           max(CASE WHEN "spanEnd" < ${AFTER_ALL} THEN "spanEnd" ELSE ${now()} END) AS last
      FROM "Event" WHERE ${ids}::uuid[] IS NULL OR id = ANY(${ids}::uuid[])`;
  return row?.first != null && row.last != null ? { first: BigInt(row.first), last: BigInt(row.last) } : null;
}

/**
 * The histogram of the events matching `filter`. Buckets run without gaps from the window's
 * from/to when given (else from the first start to the last end, or now), empty ones included.
 */
export async function histogram(db: PrismaClient, filter: ResolvedEventFilter, size: BucketSize): Promise<Histogram> {
  const ids = await matchingEventIds(db, filter);
  const range = filter.window.from !== undefined && filter.window.to !== undefined
    ? { first: filter.window.from, last: filter.window.to }
    : await dataRange(db, ids).then((r) => r && { first: filter.window.from ?? r.first, last: filter.window.to ?? r.last });
  const starts: bigint[] = [];
  const ends: bigint[] = [];
  for (let start = range ? bucketStart(range.first, size) : null; range && start !== null && start <= range.last; start = nextStart(start, size)) {
    if (starts.length === MAX_BUCKETS) {
      throw new InputError('bucket', `${size} buckets over this range would be more than ${MAX_BUCKETS}: choose a larger bucket or a narrower from/to`);
    }
    starts.push(start);
    ends.push(nextStart(start, size) - 1n);
  }
  const text = (values: bigint[]) => values.map(String);
  const rows = await db.$queryRaw<{ i: bigint; started: number; underway: number; total: number; unplaced: number; never_underway: number }[]>`
    WITH b AS (SELECT * FROM unnest(${text(starts)}::int8[], ${text(ends)}::int8[]) WITH ORDINALITY AS b(s, e, i)),
         ev AS (SELECT "startEarliest", "startLatest", "endEarliest" FROM "Event" WHERE ${ids}::uuid[] IS NULL OR id = ANY(${ids}::uuid[])),
         counts AS (
           SELECT b.i,
                  (SELECT count(*) FROM ev WHERE ev."startEarliest" >= b.s AND ev."startLatest" <= b.e)::int AS started,
                  (SELECT count(*) FROM ev WHERE ev."startLatest" <= b.e AND ev."endEarliest" >= b.s AND b.s <= ${now()})::int AS underway
             FROM b)
    SELECT counts.*,
           (SELECT count(*) FROM ev)::int AS total,
           (SELECT count(*) FROM ev WHERE NOT EXISTS (SELECT 1 FROM b WHERE ev."startEarliest" >= b.s AND ev."startLatest" <= b.e))::int AS unplaced,
           (SELECT count(*) FROM ev WHERE NOT EXISTS (SELECT 1 FROM b WHERE ev."startLatest" <= b.e AND ev."endEarliest" >= b.s AND b.s <= ${now()}))::int AS never_underway
      FROM counts RIGHT JOIN (SELECT 1) one ON true
     ORDER BY counts.i`;
  const buckets = rows.filter((r) => r.i !== null).map((r) => {
    const i = Number(r.i) - 1;
    return { start: starts[i]!, end: ends[i]!, started: r.started, underway: r.underway };
  });
  const totals = rows[0] ?? { total: 0, unplaced: 0, never_underway: 0 };
  return { bucket: size, buckets, imprecise: totals.unplaced, underwayImprecise: totals.never_underway, total: totals.total };
}
