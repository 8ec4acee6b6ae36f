import { builder } from '../builder.js';
import { EventFilterInput, resolveFilter } from './event-filter.schema.js';
import { histogram, type Bucket, type Histogram } from './histogram.js';
import { toDate } from '../dates/calendar.js';
import { InputError } from '../lib/errors.js';

const BucketSizeEnum = builder.enumType('BucketSize', {
  values: {
    DAY: {},
    WEEK: { description: 'ISO weeks, Monday to Sunday (UTC).' },
    MONTH: {},
    YEAR: {},
  } as const,
});

/** A bucket's bound as a DateTime; histograms reach as far back as a DateTime does. */
function dateTime(ms: bigint): Date {
  const date = toDate(ms);
  if (!date) throw new InputError('filter.from', 'histograms reach back to 271,821 BC: give a later from');
  return date;
}

const BucketRef = builder.objectRef<Bucket>('HistogramBucket').implement({
  fields: (t) => ({
    start: t.field({ type: 'DateTime', resolve: (b) => dateTime(b.start) }),
    end: t.field({ type: 'DateTime', description: 'The last instant of the bucket.', resolve: (b) => dateTime(b.end) }),
    started: t.exposeInt('started', { description: 'Events that began in this bucket: every instant they can have begun lies in it.' }),
    underway: t.exposeInt('underway', {
      description:
        'Events certainly under way at some time in this bucket: a 3-day trip in each of its days, a 4-year tenure in each of its years, an ongoing one in every bucket up to now.',
    }),
    count: t.exposeInt('started', { deprecationReason: 'Use started (or underway).' }),
  }),
});

const HistogramRef = builder.objectRef<Histogram>('Histogram').implement({
  description: 'How many events fall in each day, week, month or year, for drawing a density bar.',
  fields: (t) => ({
    bucket: t.field({ type: BucketSizeEnum, resolve: (h) => h.bucket }),
    buckets: t.field({ type: [BucketRef], description: 'Consecutive buckets, empty ones included.', resolve: (h) => h.buckets }),
    imprecise: t.exposeInt('imprecise', {
      description:
        'Matching events whose start lies in no single bucket: too vague for its size ("May 2017" in DAY buckets), unknown ("before 4 June 2017"), or outside the buckets. Counted here, never spread.',
    }),
    underwayImprecise: t.exposeInt('underwayImprecise', {
      description:
        'Matching events certainly under way in no bucket: too vague for its size ("May 2017" in DAY buckets, "before 4 June 2017" in any), or outside the buckets.',
    }),
    total: t.exposeInt('total', { description: "All matching events: the buckets' started counts plus imprecise." }),
  }),
});

builder.queryField('histogram', (t) =>
  t.field({
    type: HistogramRef,
    description: 'Counts of the events matching a filter per bucket of time. Buckets span filter.from to filter.to when given.',
    args: {
      filter: t.arg({ type: EventFilterInput }),
      bucket: t.arg({ type: BucketSizeEnum, required: true }),
    },
    resolve: async (_root, args, ctx) => histogram(ctx.db, await resolveFilter(ctx, args.filter), args.bucket),
  }),
);
