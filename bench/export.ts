// npm run bench: export throughput and memory, on PostgreSQL (DATABASE_URL) or, without it, the
// embedded database. Loads 100,000 generated events (each with two participants and two
// citations) into a fresh database, then exports the first 10,000 and all 100,000 as CSV and
// NDJSON, printing rows per second and the peak live heap and RSS growth of each run. Timings include the sampling's garbage collections. Memory must not
// grow with the row count: compare the 10k and 100k rows of a format. Timings are noisy on shared
// machines; compare the ratios within one run.
import { eventTimeOf } from '../src/dates/event-time.js';
import { openDatabase } from '../src/db/client.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { formatNamed, prepareExport } from '../src/exports/export.js';
import { scratchDatabase } from '../test/helpers/scratch-database.js';

const TOTAL = Number(process.env.BENCH_EVENTS ?? 100_000);
const SMALL = Math.min(10_000, TOTAL);

/** Generated rows, inserted in SQL; the search triggers are not needed for exports and are skipped. */
async function load(run: (sql: string) => Promise<unknown>) {
  await run(`
    INSERT INTO "Actor" (id, slug, name, kind, "updatedAt")
      SELECT gen_random_uuid(), 'actor-' || n, 'Actor ' || n, 'PERSON', now() FROM generate_series(1, 100) n;
    INSERT INTO "Source" (id, slug, kind, title, url, "publishedEdtf", "onRecordAt", "updatedAt")
      SELECT gen_random_uuid(), 'source-' || n, 'NEWS_REPORT', 'Source number ' || n || ', "quoted", with, commas',
             'https://example.org/' || n, '2016-06-01', ${eventTimeOf('2016-06-01').endLatest}, now() FROM generate_series(1, 50) n;
    ALTER TABLE "Event" DISABLE TRIGGER event_search;
    ALTER TABLE "Participation" DISABLE TRIGGER participation_search;
    ALTER TABLE "Citation" DISABLE TRIGGER citation_search;
    -- One day each (see src/dates/event-time.ts): it begins and ends within that day.
    INSERT INTO "Event" (id, slug, title, summary, kind, status, tags, date, "sortAt", "spanStart", "spanEnd", "startEarliest", "startLatest", "endEarliest", "endLatest", "updatedAt")
      SELECT gen_random_uuid(), 'event-' || lpad(n::text, 6, '0'), 'Generated event ' || n,
             'A summary of event ' || n || ' that runs to a realistic length, with punctuation; quotes "like these" and commas, too.',
             'MEETING', 'REPORTED', ARRAY['generated', 'bench'], d::date::text, ms, ms, ms + 86399999, ms, ms + 86399999, ms, ms + 86399999, now()
        FROM generate_series(1, ${TOTAL}) n,
             LATERAL (SELECT date_trunc('day', timestamptz '2000-01-01' + (n || ' hours')::interval) AS d) day,
             LATERAL (SELECT (extract(epoch FROM day.d) * 1000)::bigint AS ms) instant;
    INSERT INTO "Participation" (id, "eventId", "actorId", role)
      SELECT gen_random_uuid(), e.id, a.id, r.role::"ParticipantRole"
        FROM "Event" e
        JOIN LATERAL (VALUES ('INITIATOR', 1 + abs(hashtext(e.slug)) % 100), ('RECIPIENT', 1 + abs(hashtext(e.slug || 'r')) % 100)) r(role, n) ON true
        JOIN "Actor" a ON a.slug = 'actor-' || r.n
       WHERE NOT (r.role = 'RECIPIENT' AND 1 + abs(hashtext(e.slug)) % 100 = r.n);
    INSERT INTO "Citation" (id, "eventId", "sourceId", stance, quote, attribution, "updatedAt")
      SELECT gen_random_uuid(), e.id, s.id, 'SUPPORTS', 'A quote from the source about ' || e.title, 'officials said', now()
        FROM "Event" e JOIN LATERAL (VALUES (1 + abs(hashtext(e.slug)) % 50), (1 + abs(hashtext(e.slug || 's')) % 50)) c(n) ON true
        JOIN "Source" s ON s.slug = 'source-' || c.n
      ON CONFLICT DO NOTHING;
    ALTER TABLE "Event" ENABLE TRIGGER event_search;
    ALTER TABLE "Participation" ENABLE TRIGGER participation_search;
    ALTER TABLE "Citation" ENABLE TRIGGER citation_search;
    ANALYZE;`);
}

interface Result {
  format: string;
  rows: number;
  seconds: number;
  bytes: number;
  heapGrowthMiB: number;
  rssGrowthMiB: number;
}

async function measure(client: PrismaClient, formatName: string, filter: Record<string, unknown>): Promise<Result> {
  // Live heap is read after a full collection every 2,000 rows (run with --expose-gc): what the
  // export holds, not the garbage V8 has yet to collect.
  const gc = globalThis.gc ?? (() => {});
  gc();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  const sample = () => {
    gc();
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  };
  let rows = 0;
  const started = performance.now();
  const prepared = await prepareExport(client, formatNamed(formatName)!, filter, () => {
    rows += 1;
    if (rows % 2_000 === 0) sample();
  });
  let bytes = 0;
  for await (const chunk of prepared.body) bytes += Buffer.byteLength(chunk);
  sample();
  const seconds = (performance.now() - started) / 1000;
  const mib = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  return { format: formatName, rows: prepared.meta.count, seconds, bytes, heapGrowthMiB: mib(peakHeap - base.heapUsed), rssGrowthMiB: mib(peakRss - base.rss) };
}

const { target: where, drop } = await scratchDatabase('chronicle_bench');
const database = await openDatabase(where, { migrate: true });
try {
  const loadStarted = performance.now();
  // One statement per call: the embedded database's driver takes no multi-statement strings.
  await load(async (sql) => {
    for (const statement of sql.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) await database.client.$executeRawUnsafe(statement);
  });
  console.log(`Loaded ${TOTAL} events into ${where.kind === 'postgres' ? 'PostgreSQL' : 'the embedded database'} in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s.\n`);
  const smallTo = new Date(Date.UTC(2000, 0, 1) + (SMALL - 1) * 3_600_000).toISOString().slice(0, 10);
  const results: Result[] = [];
  for (const format of ['csv', 'ndjson']) {
    results.push(await measure(database.client, format, { to: smallTo }));
    results.push(await measure(database.client, format, {}));
  }
  console.log('| format | rows | seconds | rows/s | MiB written | peak live heap growth (MiB) | peak RSS growth (MiB) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(`| ${r.format} | ${r.rows} | ${r.seconds.toFixed(2)} | ${Math.round(r.rows / r.seconds)} | ${(r.bytes / 1024 / 1024).toFixed(1)} | ${r.heapGrowthMiB} | ${r.rssGrowthMiB} |`);
  }
  for (const format of ['csv', 'ndjson']) {
    const [small, large] = results.filter((r) => r.format === format);
    console.log(`\n${format}: ${(large!.rows / small!.rows).toFixed(1)}x the rows took ${(large!.seconds / small!.seconds).toFixed(1)}x the time; peak live heap growth ${small!.heapGrowthMiB} MiB vs ${large!.heapGrowthMiB} MiB.`);
  }
} finally {
  await database.close();
  await drop();
}
process.exit(0);
