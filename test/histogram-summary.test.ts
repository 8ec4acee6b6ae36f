// Histograms of everything, or of a window of whole buckets, read a summary that triggers keep on
// "Event". These tests hold the summary to the events themselves: the same histogram both ways, on
// dates of every shape, and the same counts after events are added, changed and removed.
import { describe, expect, it } from 'vitest';
import { generateTimeline } from '../bench/generate.js';
import { AFTER_ALL, BEFORE_ALL } from '../src/dates/calendar.js';
import { type EventFilter, resolveEventFilter } from '../src/events/event-filter.js';
import { type BucketSize, bucketNumber, histogram } from '../src/events/histogram.js';
import { Prisma } from '../src/generated/prisma/client.js';
import { importText } from '../src/imports/import-text.js';
import { seed } from '../seed/seed.js';
import { useTestDatabase } from './helpers/database.js';

/** Dates of every shape Chronicle reads, around bucket edges and far from now. */
const DATES = [
  '2017-01-20/2021-01-20',
  '2021-01-20/..',
  '2019-03/',
  '../2017-06',
  '/2017-06-04',
  '2015/2016',
  '2022-05-08/2022-05-10',
  '-0043-03-15',
  'Y-170000',
  '2017-05-09T23:40:00-04:00',
  '2017-12-31T23:30:00Z',
  '[..2017-06-04]',
  '[2017-05-08..]',
  '[2017-06-01..2017-06-02]',
  '2017-22',
  '2016-24',
  '19XX',
  '2017-XX',
  '2017-05~',
  '2031-05/2032',
  '2040',
  '2016-12-26',
  '2017-01-01',
];

const database = useTestDatabase({
  seed: false,
  prepare: async ({ client }) => {
    await generateTimeline(client, 1_500);
    await seed(client);
    const lines = DATES.map((date, i) =>
      JSON.stringify({ slug: `shape-${i}`, title: `Shape ${i}`, kind: 'STATEMENT', status: 'REPORTED', date, citations: [] }),
    );
    await importText(client, lines.join('\n'), 'shapes.ndjson');
  },
});

async function both(filter: EventFilter, size: BucketSize) {
  const db = database().client;
  const resolved = await resolveEventFilter(db, filter, 'filter');
  const attempt = (useSummary: boolean) => histogram(db, resolved, size, { useSummary }).catch((error: Error) => error.message);
  const before = database().statements.sql.length;
  const fromSummary = await attempt(true);
  const read = database().statements.sql.slice(before);
  return { fromSummary, fromEvents: await attempt(false), usedSummary: read.some((sql) => sql.includes('"EventHistogramSummary"')) };
}

describe('the histogram summary', () => {
  it.each<[EventFilter, BucketSize, boolean]>([
    [{}, 'YEAR', true],
    [{}, 'MONTH', true],
    [{}, 'WEEK', true],
    [{}, 'DAY', true],
    [{ from: '2017', to: '2017' }, 'DAY', true],
    [{ from: '2017', to: '2017' }, 'WEEK', false],
    [{ from: '2017-05', to: '2017-06' }, 'DAY', true],
    [{ from: '2016', to: '2018' }, 'MONTH', true],
    [{ from: '2001' }, 'YEAR', true],
    [{ to: '2003' }, 'YEAR', true],
    [{ from: '2031' }, 'YEAR', true],
    [{ from: '-0050', to: '-0040' }, 'YEAR', true],
    [{ from: '2017-05-10', to: '2017-06' }, 'MONTH', false],
    [{ from: '2017', to: '2017', timeMatch: 'WITHIN' }, 'MONTH', false],
    [{ from: '2017', to: '2017', kinds: ['STATEMENT'] }, 'MONTH', false],
  ])('gives %j by %s what counting the events gives (summary used: %s)', async (filter, size, summary) => {
    const { fromSummary, fromEvents, usedSummary } = await both(filter, size);
    expect(fromSummary).toEqual(fromEvents);
    expect(usedSummary).toBe(summary);
    if (typeof fromEvents !== 'string') expect(fromEvents.total).toBeGreaterThan(0);
  });

  it('numbers buckets in SQL as in JavaScript, before year 1 and at the open ends too', async () => {
    const instants = [
      BEFORE_ALL,
      AFTER_ALL,
      0n,
      -1n,
      86_399_999n,
      86_400_000n,
      -86_400_000n,
      -86_400_001n,
      -62_000_000_000_000n,
      -5_400_000_000_000_000n,
      1_500_000_000_000n,
      4_102_444_800_000n,
    ];
    for (let i = 0; i < 200; i += 1) instants.push(BigInt(Math.round((Math.random() - 0.5) * 2 * 8e15)));
    const sizes: BucketSize[] = ['DAY', 'WEEK', 'MONTH', 'YEAR'];
    const rows = await database().client.$queryRaw<{ size: BucketSize; at: bigint; n: bigint }[]>(Prisma.sql`
      SELECT z.size, t.at, chronicle_bucket(z.size, t.at) AS n
        FROM unnest(${instants.map(String)}::int8[]) t(at) CROSS JOIN unnest(${sizes}::text[]) z(size)`);
    expect(rows).toHaveLength(instants.length * sizes.length);
    for (const row of rows) expect(row.n, `${row.size} ${row.at}`).toBe(bucketNumber(row.at, row.size));
  });

  it('stays equal to the events as they are added, changed, removed and emptied', async () => {
    const db = database().client;
    const recount = Prisma.sql`
      SELECT z.size, chronicle_bucket(z.size, e."startEarliest") AS sb, chronicle_bucket(z.size, e."startLatest") AS lo,
             chronicle_bucket(z.size, e."endEarliest") AS hi, chronicle_bucket(z.size, e."spanStart") AS sa,
             chronicle_bucket(z.size, e."spanEnd") AS se, count(*)::int AS events
        FROM "Event" e CROSS JOIN (VALUES ('DAY'), ('WEEK'), ('MONTH'), ('YEAR')) z(size) GROUP BY 1, 2, 3, 4, 5, 6`;
    const kept = Prisma.sql`SELECT size, sb, lo, hi, sa, se, events FROM "EventHistogramSummary"`;
    const same = async () => {
      const [expected, actual] = await Promise.all([
        db.$queryRaw<unknown[]>(Prisma.sql`${recount} ORDER BY 1, 2, 3, 4, 5, 6`),
        db.$queryRaw<unknown[]>(Prisma.sql`${kept} ORDER BY 1, 2, 3, 4, 5, 6`),
      ]);
      expect(actual).toEqual(expected);
    };
    await same();
    await db.$executeRaw`UPDATE "Event" SET "startLatest" = "startLatest" + 86400000, "spanEnd" = "spanEnd" + 86400000 WHERE slug LIKE 'event-000001%' AND "spanEnd" < ${AFTER_ALL}`;
    await same();
    await db.$executeRaw`DELETE FROM "Event" WHERE slug LIKE 'event-00000%'`;
    await same();
    await db.$transaction([
      db.$executeRaw`DELETE FROM "Event" WHERE slug LIKE 'shape-%'`,
      db.$executeRaw`UPDATE "Event" SET title = 'only the title' WHERE slug LIKE 'event-0000%'`,
    ]);
    await same();
    await db.$executeRaw`TRUNCATE "Event" CASCADE`;
    expect(await db.$queryRaw<unknown[]>(kept)).toEqual([]);
  });
});
