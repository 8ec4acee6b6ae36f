// Counts of events per day, week, month or year, for density bars, in one SQL statement. Two
// counts per bucket: the events that began in it (their whole possible start lies inside), and
// the events certainly under way during it (a 4-year tenure in each of its years, an ongoing
// investigation in every bucket up to now). Nothing is spread or guessed: "May 2017" has no day.
import { AFTER_ALL, BEFORE_ALL, civil, instant } from '../dates/calendar.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { InputError } from '../lib/errors.js';
import type { ResolvedEventFilter } from './event-filter.js';
import { z } from 'zod';
import { queryRow, queryRows } from '../db/sql.js';

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

/** Bucket i's counts: events that started in it, were under way in it, and the totals beside. */
const bucketRow = z.object({ i: z.number(), started: z.number(), underway: z.number(), total: z.number(), placed: z.number(), never_underway: z.number() });

/** The buckets' range when the filter gives none: from the first known start to the last known end (or now). */
async function dataRange(db: PrismaClient, matching: Prisma.Sql): Promise<{ first: bigint; last: bigint } | null> {
  const row = await queryRow(
    db,
    z.object({ first: z.bigint().nullable(), last: z.bigint().nullable() }),
    Prisma.sql`
    SELECT min(e."spanStart") FILTER (WHERE e."spanStart" > ${BEFORE_ALL}) AS first,
           max(CASE WHEN e."spanEnd" < ${AFTER_ALL} THEN e."spanEnd" ELSE ${now()} END) AS last
      FROM "Event" e WHERE ${matching}`,
  );
  return row?.first != null && row.last != null ? { first: BigInt(row.first), last: BigInt(row.last) } : null;
}

/**
 * The histogram of the events matching `filter`. Buckets run without gaps from the window's
 * from/to when given (else from the first start to the last end, or now), empty ones included.
 *
 * One pass over the matches in SQL, whatever the number of buckets: width_bucket finds the bucket
 * of an instant by binary search. An event started in the bucket that holds its earliest start,
 * if its latest start lies there too. It is under way in a run of buckets, from the one holding
 * its latest start to the one holding its earliest end (or now): +1 where the run begins and −1
 * after it ends, summed along the buckets.
 */
export async function histogram(db: PrismaClient, filter: ResolvedEventFilter, size: BucketSize): Promise<Histogram> {
  const range =
    filter.window.from !== undefined && filter.window.to !== undefined
      ? { first: filter.window.from, last: filter.window.to }
      : await dataRange(db, filter.condition).then((r) => r && { first: filter.window.from ?? r.first, last: filter.window.to ?? r.last });
  const starts: bigint[] = [];
  const ends: bigint[] = [];
  for (let start = range ? bucketStart(range.first, size) : null; range && start !== null && start <= range.last; start = nextStart(start, size)) {
    if (starts.length === MAX_BUCKETS) {
      throw new InputError('bucket', `${size} buckets over this range would be more than ${MAX_BUCKETS}: choose a larger bucket or a narrower from/to`);
    }
    starts.push(start);
    ends.push(nextStart(start, size) - 1n);
  }
  if (starts.length === 0) {
    const row = await queryRow(db, z.object({ total: z.number() }), Prisma.sql`SELECT count(*)::int AS total FROM "Event" e WHERE ${filter.condition}`);
    return { bucket: size, buckets: [], imprecise: row.total, underwayImprecise: row.total, total: row.total };
  }
  const bounds = starts.map(String);
  const lastEnd = ends.at(-1)!;
  // The last bucket under way can be: the one holding now (0: now is before them all).
  const nowBucket = starts.filter((start) => start <= now()).length;
  const rows = await queryRows(
    db,
    bucketRow,
    Prisma.sql`
    WITH placed AS (
           SELECT width_bucket(e."startEarliest", ${bounds}::int8[]) AS start_bucket,
                  e."startLatest" <= (${ends.map(String)}::int8[])[width_bucket(e."startEarliest", ${bounds}::int8[])] AS starts_inside,
                  CASE WHEN e."startLatest" <= ${lastEnd} THEN greatest(1, width_bucket(e."startLatest", ${bounds}::int8[])) END AS lo,
                  least(width_bucket(e."endEarliest", ${bounds}::int8[]), ${nowBucket}::int) AS hi
             FROM "Event" e WHERE ${filter.condition}),
         started AS (SELECT start_bucket AS i, count(*)::int AS n FROM placed WHERE start_bucket >= 1 AND starts_inside GROUP BY start_bucket),
         runs AS (SELECT lo, hi FROM placed WHERE lo <= hi),
         steps AS (SELECT i, sum(d)::int AS d FROM (SELECT lo AS i, 1 AS d FROM runs UNION ALL SELECT hi + 1, -1 FROM runs) x GROUP BY i),
         totals AS (SELECT count(*)::int AS total, (SELECT count(*) FROM runs)::int AS underway_somewhere FROM placed)
    SELECT g.i::int AS i, coalesce(s.n, 0) AS started,
           (sum(coalesce(st.d, 0)) OVER (ORDER BY g.i))::int AS underway,
           t.total, (SELECT coalesce(sum(n), 0) FROM started)::int AS placed, (t.total - t.underway_somewhere) AS never_underway
      FROM generate_series(1, ${starts.length}::int) g(i)
      CROSS JOIN totals t
      LEFT JOIN started s ON s.i = g.i
      LEFT JOIN steps st ON st.i = g.i
     ORDER BY g.i`,
  );
  const buckets = rows.map((r) => ({ start: starts[r.i - 1]!, end: ends[r.i - 1]!, started: r.started, underway: r.underway }));
  const totals = rows[0]!;
  return { bucket: size, buckets, imprecise: totals.total - totals.placed, underwayImprecise: totals.never_underway, total: totals.total };
}
