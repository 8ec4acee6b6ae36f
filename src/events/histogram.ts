// Counts of events per day, week, month or year, for density bars, in one SQL statement. Two
// counts per bucket: the events that began in it (their whole possible start lies inside), and
// the events certainly under way during it (a 4-year tenure in each of its years, an ongoing
// investigation in every bucket up to now). Nothing is spread or guessed: "May 2017" has no day.
import { AFTER_ALL, BEFORE_ALL, civil, instant, MS_PER_DAY } from '../dates/calendar.js';
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

/** A bucket's number, as chronicle_bucket() computes it in SQL (migration histogram_summary). */
export function bucketNumber(at: bigint, size: BucketSize): bigint {
  if (at <= BEFORE_ALL || at >= AFTER_ALL) return at;
  const { year, month } = civil(at);
  const days = at / MS_PER_DAY - (at % MS_PER_DAY < 0n ? 1n : 0n);
  if (size === 'DAY') return days;
  if (size === 'WEEK') return (days + 3n) / 7n - ((days + 3n) % 7n < 0n ? 1n : 0n);
  return size === 'MONTH' ? BigInt(year) * 12n + BigInt(month - 1) : BigInt(year);
}

/** The first instant of a numbered bucket. */
function numberedStart(n: bigint, size: BucketSize): bigint {
  if (size === 'DAY') return n * MS_PER_DAY;
  if (size === 'WEEK') return (n * 7n - 3n) * MS_PER_DAY;
  if (size === 'YEAR') return instant(Number(n));
  const year = n / 12n - (n % 12n < 0n ? 1n : 0n);
  return instant(Number(year), Number(n - year * 12n) + 1);
}

/** The buckets asked for: their numbers from `first`, their first and last instants, and the one holding now. */
interface Buckets {
  first: bigint;
  starts: bigint[];
  ends: bigint[];
  nowBucket: number;
}

/**
 * Where the histogram counts from: the events themselves, or the summary kept by triggers (one row
 * per shape of dates, weighted by how many events have it). The summary serves the filters that are
 * nothing but a window of whole buckets, or nothing at all: the common overview of everything.
 */
interface CountedRows {
  /** The rows, named e, with the filter applied. */
  rows: Prisma.Sql;
  /** How many events a row stands for. */
  weight: Prisma.Sql;
  /** The first and last bucket numbers of the rows' known spans (the last: now, for an ongoing one). */
  range(): Promise<{ first: bigint; last: bigint } | null>;
  /** A row's bucket placement among n buckets numbered from `first`: 1 to n, 0 before them. */
  placement(buckets: Buckets): Prisma.Sql;
}

function eventRows(db: PrismaClient, filter: ResolvedEventFilter, size: BucketSize): CountedRows {
  return {
    rows: Prisma.sql`(SELECT * FROM "Event" e WHERE ${filter.condition}) e`,
    weight: Prisma.sql`1`,
    range: async () => {
      const row = await queryRow(
        db,
        z.object({ first: z.bigint().nullable(), last: z.bigint().nullable() }),
        Prisma.sql`
        SELECT min(e."spanStart") FILTER (WHERE e."spanStart" > ${BEFORE_ALL}) AS first,
               max(CASE WHEN e."spanEnd" < ${AFTER_ALL} THEN e."spanEnd" ELSE ${now()} END) AS last
          FROM "Event" e WHERE ${filter.condition}`,
      );
      return row.first != null && row.last != null ? { first: bucketNumber(row.first, size), last: bucketNumber(row.last, size) } : null;
    },
    placement: ({ starts, ends, nowBucket }) => {
      const bounds = starts.map(String);
      const lastEnd = ends.at(-1)!;
      return Prisma.sql`
        width_bucket(e."startEarliest", ${bounds}::int8[]) AS start_bucket,
        e."startLatest" <= (${ends.map(String)}::int8[])[width_bucket(e."startEarliest", ${bounds}::int8[])] AS starts_inside,
        CASE WHEN e."startLatest" <= ${lastEnd} THEN greatest(1, width_bucket(e."startLatest", ${bounds}::int8[])) END AS lo,
        least(width_bucket(e."endEarliest", ${bounds}::int8[]), ${nowBucket}::int) AS hi`;
    },
  };
}

function summaryRows(db: PrismaClient, filter: ResolvedEventFilter, size: BucketSize): CountedRows {
  // The window's conditions on spans, as whole buckets: the summary's sa and se.
  const window = [Prisma.sql`e.size = ${size}`];
  if (filter.window.from !== undefined) window.push(Prisma.sql`e.se >= ${bucketNumber(filter.window.from, size)}`);
  if (filter.window.to !== undefined) window.push(Prisma.sql`e.sa <= ${bucketNumber(filter.window.to, size)}`);
  if (filter.window.from !== undefined && filter.window.from > now()) window.push(Prisma.sql`e.se < ${AFTER_ALL}`);
  const where = Prisma.join(window, ' AND ');
  return {
    rows: Prisma.sql`(SELECT * FROM "EventHistogramSummary" e WHERE ${where}) e`,
    weight: Prisma.sql`e.events`,
    range: async () => {
      const row = await queryRow(
        db,
        z.object({ first: z.bigint().nullable(), last: z.bigint().nullable() }),
        Prisma.sql`
        SELECT min(e.sa) FILTER (WHERE e.sa > ${BEFORE_ALL}) AS first,
               max(CASE WHEN e.se < ${AFTER_ALL} THEN e.se ELSE ${bucketNumber(now(), size)} END) AS last
          FROM "EventHistogramSummary" e WHERE ${where}`,
      );
      return row.first != null && row.last != null ? { first: row.first, last: row.last } : null;
    },
    // As width_bucket places an instant: 0 before the first bucket, n at or after the last.
    placement: ({ first, starts, nowBucket }) => {
      const last = first + BigInt(starts.length) - 1n;
      const place = (column: string) => Prisma.sql`(greatest(least(e.${Prisma.raw(column)}, ${last}), ${first - 1n}) - ${first - 1n})::int`;
      return Prisma.sql`
        ${place('sb')} AS start_bucket,
        (e.sb = e.lo AND e.sb BETWEEN ${first} AND ${last}) AS starts_inside,
        CASE WHEN e.lo <= ${last} THEN greatest(1, ${place('lo')}) END AS lo,
        least(${place('hi')}, ${nowBucket}::int) AS hi`;
    },
  };
}

/** Whether the window, if any, is made of whole buckets of this size. */
function wholeBuckets(window: ResolvedEventFilter['window'], size: BucketSize): boolean {
  const { from, to } = window;
  return (from === undefined || bucketStart(from, size) === from) && (to === undefined || nextStart(bucketStart(to, size), size) - 1n === to);
}

/**
 * The histogram of the events matching `filter`. Buckets run without gaps from the window's
 * from/to when given (else from the first start to the last end, or now), empty ones included.
 *
 * One pass in SQL, whatever the number of buckets: width_bucket finds the bucket of an instant by
 * binary search. An event started in the bucket that holds its earliest start, if its latest
 * start lies there too. It is under way in a run of buckets, from the one holding its latest start
 * to the one holding its earliest end (or now): +1 where the run begins and -1 after it ends,
 * summed along the buckets. `useSummary: false` counts the events themselves (the tests compare).
 */
export async function histogram(db: PrismaClient, filter: ResolvedEventFilter, size: BucketSize, options: { useSummary?: boolean } = {}): Promise<Histogram> {
  const summary = (options.useSummary ?? true) && filter.windowOnly && wholeBuckets(filter.window, size);
  const counted = summary ? summaryRows(db, filter, size) : eventRows(db, filter, size);
  const data = filter.window.from !== undefined && filter.window.to !== undefined ? null : await counted.range();
  const firstStart = filter.window.from ?? (data ? numberedStart(data.first, size) : undefined);
  const lastStart = filter.window.to ?? (data ? numberedStart(data.last, size) : undefined);
  const starts: bigint[] = [];
  const ends: bigint[] = [];
  for (
    let start = firstStart === undefined || lastStart === undefined ? null : bucketStart(firstStart, size);
    start !== null && start <= lastStart!;
    start = nextStart(start, size)
  ) {
    if (starts.length === MAX_BUCKETS) {
      throw new InputError('bucket', `${size} buckets over this range would be more than ${MAX_BUCKETS}: choose a larger bucket or a narrower from/to`);
    }
    starts.push(start);
    ends.push(nextStart(start, size) - 1n);
  }
  if (starts.length === 0) {
    const row = await queryRow(db, z.object({ total: z.number() }), Prisma.sql`SELECT coalesce(sum(${counted.weight}), 0)::int AS total FROM ${counted.rows}`);
    return { bucket: size, buckets: [], imprecise: row.total, underwayImprecise: row.total, total: row.total };
  }
  // The last bucket under way can be: the one holding now (0: now is before them all).
  const nowBucket = starts.filter((start) => start <= now()).length;
  const rows = await queryRows(
    db,
    bucketRow,
    Prisma.sql`
    WITH placed AS (SELECT ${counted.placement({ first: bucketNumber(starts[0]!, size), starts, ends, nowBucket })}, ${counted.weight} AS w FROM ${counted.rows}),
         started AS (SELECT start_bucket AS i, sum(w)::int AS n FROM placed WHERE start_bucket >= 1 AND starts_inside GROUP BY start_bucket),
         runs AS (SELECT lo, hi, w FROM placed WHERE lo <= hi),
         steps AS (SELECT i, sum(d)::int AS d FROM (SELECT lo AS i, w AS d FROM runs UNION ALL SELECT hi + 1, -w FROM runs) x GROUP BY i),
         totals AS (SELECT coalesce(sum(w), 0)::int AS total, (SELECT coalesce(sum(w), 0) FROM runs)::int AS underway_somewhere FROM placed)
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
