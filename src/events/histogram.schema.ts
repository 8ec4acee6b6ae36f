import { builder } from '../builder.js';
import { EventFilterInput, resolveFilter } from './event-filter.schema.js';
import { histogram, type Bucket, type Histogram } from './histogram.js';

const BucketSizeEnum = builder.enumType('BucketSize', {
  values: {
    DAY: {},
    WEEK: { description: 'ISO weeks, Monday to Sunday (UTC).' },
    MONTH: {},
    YEAR: {},
  } as const,
});

const BucketRef = builder.objectRef<Bucket>('HistogramBucket').implement({
  fields: (t) => ({
    start: t.expose('start', { type: 'DateTime' }),
    end: t.expose('end', { type: 'DateTime', description: 'The last instant of the bucket.' }),
    count: t.exposeInt('count', { description: 'Events whose every possible date lies in this bucket.' }),
  }),
});

const HistogramRef = builder.objectRef<Histogram>('Histogram').implement({
  description: 'How many events fall in each day, week, month or year, for drawing a density bar.',
  fields: (t) => ({
    bucket: t.field({ type: BucketSizeEnum, resolve: (h) => h.bucket }),
    buckets: t.field({ type: [BucketRef], description: 'Consecutive buckets, empty ones included.', resolve: (h) => h.buckets }),
    imprecise: t.exposeInt('imprecise', {
      description: 'Matching events too vague for one bucket of this size ("May 2017" in DAY buckets, "before 4 June 2017" in any): counted here, never spread.',
    }),
    total: t.exposeInt('total', { description: 'All matching events: the buckets plus imprecise.' }),
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
    resolve: async (_root, args, ctx) => histogram(await resolveFilter(ctx, args.filter), args.bucket),
  }),
);
