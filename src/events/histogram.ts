// Counts of events per day, week, month or year, for density bars. An event goes into a bucket
// only when everything it can mean lies inside that bucket; an event too vague for the bucket
// size (or known only by one bound) is counted as imprecise, never spread or guessed.
import { db } from '../db/client.js';
import { InputError } from '../lib/errors.js';
import type { ResolvedEventFilter } from './event-filter.js';

export type BucketSize = 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';

export const MAX_BUCKETS = 1_000;

export interface Bucket {
  start: Date;
  end: Date;
  count: number;
}

export interface Histogram {
  bucket: BucketSize;
  buckets: Bucket[];
  /** Events that match but cannot be placed in a single bucket of this size. */
  imprecise: number;
  total: number;
}

/** The first instant of the bucket that holds `at` (UTC; weeks start on Monday, as ISO 8601). */
export function bucketStart(at: Date, size: BucketSize): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  const d = at.getUTCDate();
  if (size === 'YEAR') return new Date(Date.UTC(y, 0, 1));
  if (size === 'MONTH') return new Date(Date.UTC(y, m, 1));
  const day = new Date(Date.UTC(y, m, d));
  if (size === 'WEEK') day.setUTCDate(d - ((day.getUTCDay() + 6) % 7));
  return day;
}

function nextStart(start: Date, size: BucketSize): Date {
  const next = new Date(start);
  if (size === 'YEAR') next.setUTCFullYear(next.getUTCFullYear() + 1);
  else if (size === 'MONTH') next.setUTCMonth(next.getUTCMonth() + 1);
  else next.setUTCDate(next.getUTCDate() + (size === 'WEEK' ? 7 : 1));
  return next;
}

/**
 * The histogram of the events matching `filter`. Buckets run without gaps from the window's
 * from/to when given (else from the first to the last placed event), empty ones included.
 */
export async function histogram(filter: ResolvedEventFilter, size: BucketSize): Promise<Histogram> {
  const { window } = filter;
  const events = await db.event.findMany({ where: filter.where, select: { earliest: true, latest: true } });
  const counts = new Map<number, number>();
  let imprecise = 0;
  for (const { earliest, latest } of events) {
    const start = earliest && latest ? bucketStart(earliest, size) : null;
    if (!start || bucketStart(latest!, size).getTime() !== start.getTime()) {
      imprecise += 1;
      continue;
    }
    counts.set(start.getTime(), (counts.get(start.getTime()) ?? 0) + 1);
  }
  const placed = [...counts.keys()].sort((a, b) => a - b);
  const first = window.from ? bucketStart(window.from, size) : placed.length ? new Date(placed[0]!) : null;
  const last = window.to ? bucketStart(window.to, size) : placed.length ? new Date(placed.at(-1)!) : null;
  const buckets: Bucket[] = [];
  for (let start = first; start && last && start <= last; start = nextStart(start, size)) {
    if (buckets.length === MAX_BUCKETS) {
      throw new InputError('bucket', `${size} buckets over this range would be more than ${MAX_BUCKETS}: choose a larger bucket or a narrower from/to`);
    }
    const end = new Date(nextStart(start, size).getTime() - 1);
    buckets.push({ start, end, count: counts.get(start.getTime()) ?? 0 });
  }
  return { bucket: size, buckets, imprecise, total: events.length };
}
