// npm run bench: Chronicle measured against what the machine can do, on PostgreSQL (DATABASE_URL).
// For each size (BENCH_SIZES, default 10000,100000), it generates a timeline into a fresh database
// (bench/generate.ts), starts `chronicle serve` on it as a user does, and measures with autocannon
// (BENCH_SECONDS per query, BENCH_CONNECTIONS at once) the queries of bench/queries.ts, each
// with its SQL statements per request; a floor (one hand-written json_agg statement behind
// node:http) for the timeline page; and full NDJSON and CSV exports (rows/s, first byte, the
// server's peak RSS) beside a COPY of the same records built in SQL. docs/performance.md has the
// results and how to read them. Timings are noisy on shared machines: compare ratios within a run.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { openDatabase, type Database } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { createChronicleYoga } from '../src/yoga.js';
import { scratchDatabase } from '../test/helpers/scratch-database.js';
import { EXPORT_RECORD_SQL } from './floors.js';
import { generateTimeline } from './generate.js';
import { benchQueries, type BenchQuery } from './queries.js';

const root = path.resolve(import.meta.dirname, '..');
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

if (!process.env.DATABASE_URL) {
  console.error('npm run bench measures on PostgreSQL: set DATABASE_URL (a user that may create databases).');
  process.exit(1);
}

interface Served {
  child: ChildProcess;
  url: string;
}

/** `node dist/src/cli.js serve` (or the floor server) on the database, once it is listening. */
function start(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<Served> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    let listening = false;
    // Read to the end (request logs included), so the child never blocks on a full pipe.
    child.stdout!.on('data', (chunk: Buffer) => {
      if (listening) return;
      output += chunk;
      const found = ready.exec(output);
      if (found) {
        listening = true;
        resolve({ child, url: found[1]! });
      }
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) before listening`)));
  });
}

async function stop(served: Served): Promise<void> {
  const exited = new Promise((resolve) => served.child.once('exit', resolve));
  served.child.kill('SIGTERM');
  await exited;
}

/** autocannon against one POST /graphql body (or a GET path): requests per second and latencies. */
async function load(url: string, body: string | undefined): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json' },
    ...(body ? { body } : {}),
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/**
 * Waits until the database runs nothing for the server: autocannon stops after BENCH_SECONDS, but
 * requests slower than that go on, and would slow whatever is measured next.
 */
async function settled(database: Database): Promise<void> {
  // Twice idle in a row: a request between two of its statements is idle for a moment.
  for (let idle = 0; idle < 2; ) {
    const [row] = await database.client.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`;
    idle = row!.n === 0 ? idle + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Statements one request costs, counted on an in-process server over the same database. */
async function statementsPer(database: Database, query: BenchQuery): Promise<number> {
  const yoga = createChronicleYoga(createLogger('silent'), { client: () => database.client });
  const before = database.statements.count;
  const response = await yoga.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(query.body),
  });
  const json = (await response.json()) as { errors?: unknown[] };
  if (json.errors) throw new Error(`${query.name}: ${JSON.stringify(json.errors)}`);
  return database.statements.count - before;
}

/** Peak resident memory of a process, sampled every 100 ms until `until` settles. */
async function peakRss(pid: number, until: Promise<unknown>): Promise<number> {
  let peak = 0;
  const sample = () => {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    peak = Math.max(peak, Number(kb ?? 0) * 1024);
  };
  const timer = setInterval(sample, 100);
  sample();
  await until;
  clearInterval(timer);
  return peak;
}

interface ExportRun {
  format: string;
  rows: number;
  seconds: number;
  firstByteMs: number;
  /** Rows per second over the first and the last tenth of the rows. */
  early: number;
  late: number;
  peakRssMiB: number;
}

async function exportRun(served: Served, format: string): Promise<ExportRun> {
  const started = performance.now();
  const reading = (async () => {
    const response = await fetch(`${served.url}/export/events.${format}`);
    let firstByte = 0;
    let newlines = 0;
    const marks: number[] = [];
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      firstByte ||= performance.now() - started;
      for (const byte of chunk) if (byte === 10) newlines += 1;
      marks.push(newlines, performance.now());
    }
    return { firstByte, newlines, marks };
  })();
  const rss = await peakRss(served.child.pid!, reading);
  const { firstByte, newlines, marks } = await reading;
  const seconds = (performance.now() - started) / 1000;
  const rows = format === 'csv' ? newlines - 1 : newlines;
  const at = (fraction: number) => {
    for (let i = 0; i < marks.length; i += 2) if (marks[i]! >= rows * fraction) return marks[i + 1]!;
    return performance.now();
  };
  const tenth = rows / 10;
  return {
    format,
    rows,
    seconds,
    firstByteMs: Math.round(firstByte),
    early: Math.round(tenth / ((at(0.1) - started) / 1000)),
    late: Math.round(tenth / ((at(1) - at(0.9)) / 1000)),
    peakRssMiB: Math.round(rss / 1024 / 1024),
  };
}

/** A COPY of the same records, built in SQL: what the database and the wire can do. */
async function copyFloor(url: string): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    const stream = client.query(copyTo(`COPY (${EXPORT_RECORD_SQL}) TO STDOUT`));
    let rows = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) for (const byte of chunk) if (byte === 10) rows += 1;
    return { rows, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

/** Resident memory of a process now, in MiB. */
/**
 * `chronicle export` of every event to NDJSON, then `chronicle import` of that file into an empty
 * database, as a researcher moves data: the import's time and its process's peak RSS (issue 9's
 * targets: a million events in under 10 minutes, under 512 MB).
 */
async function importRun(sourceUrl: string): Promise<{ events: number; megabytes: number; seconds: number; peakRssMiB: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'chronicle-bench-'));
  const file = path.join(dir, 'events.ndjson');
  const { target, drop } = await scratchDatabase('chronicle_bench_import');
  if (target.kind !== 'postgres') throw new Error('unreachable');
  const run = (args: string[], url: string) => {
    const child = spawn(process.execPath, ['dist/src/cli.js', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk));
    const exited = new Promise<void>((resolve, reject) =>
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`chronicle ${args[0]} exited ${code}: ${errors}`)))),
    );
    return { child, exited };
  };
  try {
    await run(['export', '--format', 'ndjson', '--out', file], sourceUrl).exited;
    await run(['db', 'migrate'], target.url).exited;
    const started = performance.now();
    const importing = run(['import', file], target.url);
    const peak = await peakRss(importing.child.pid!, importing.exited);
    await importing.exited;
    const seconds = (performance.now() - started) / 1000;
    const events = Number(readFileSync(`${file}.meta.json`, 'utf8').match(/"count": (\d+)/)?.[1]);
    return { events, megabytes: statSync(file).size / 1e6, seconds, peakRssMiB: Math.round(peak / 1024 / 1024) };
  } finally {
    await drop();
    await rm(dir, { recursive: true, force: true });
  }
}

function rssMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb ?? 0) / 1024);
}

interface LoadRun {
  connections: number;
  rps: number;
  p99: number;
  /** Answers by status: 200s, 429s (exports past the per-client limit: by design), anything else. */
  ok: number;
  limited: number;
  failed: number;
  rss: { before: number; peak: number; after: number };
}

/**
 * Many clients at once on a mix (timeline page, text search, an actor page, a small export), as
 * issue 9's load cases: no request may fail, and memory must come back once the load is over.
 * The exports come from one address, so past CHRONICLE_EXPORTS_PER_CLIENT they are answered 429.
 */
async function loadMix(served: Served, queries: BenchQuery[], connections: number): Promise<LoadRun> {
  const post = (name: string) => ({ method: 'POST' as const, path: '/graphql', body: JSON.stringify(queries.find((q) => q.name.startsWith(name))!.body) });
  const before = rssMiB(served.child.pid!);
  const running = autocannon({
    url: served.url,
    connections,
    duration: SECONDS * 2,
    headers: { 'content-type': 'application/json' },
    requests: [post('timeline page'), post('text search'), post('actor page'), { method: 'GET', path: '/export/events.ndjson?from=2000&to=2000-01-31' }],
  });
  const peak = await peakRss(served.child.pid!, running);
  const result = await running;
  // V8 gives memory back once the process has been idle a while (its memory reducer): 5 s after
  // a load at 200 connections RSS read 460-540 MiB, 30 s after 252 MiB, below where it started.
  await new Promise((resolve) => setTimeout(resolve, 30_000));
  const codes = result.statusCodeStats as Record<string, { count: number }>;
  const count = (code: string) => codes[code]?.count ?? 0;
  const answered = Object.values(codes).reduce((sum, c) => sum + c.count, 0);
  return {
    connections,
    rps: result.requests.average,
    p99: result.latency.p99,
    ok: count('200'),
    limited: count('429'),
    failed: answered - count('200') - count('429') + result.errors + result.timeouts,
    rss: { before, peak: Math.round(peak / 1024 / 1024), after: rssMiB(served.child.pid!) },
  };
}

const SERVING = /serving GraphQL and GraphiQL at (http:\/\/\S+?)\/graphql/;
/** Measured again with the response cache on (the server's default), beside their uncached rows. */
const CACHED = ['timeline page', 'actor page (actor + 20 events, count)', 'histogram by year, all events'];

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

for (const size of SIZES) {
  const { target, drop } = await scratchDatabase('chronicle_bench');
  if (target.kind !== 'postgres') throw new Error('unreachable');
  const database = await openDatabase(target, { migrate: true, countStatements: true });
  let server: Served | undefined;
  let floor: Served | undefined;
  try {
    const loadStarted = performance.now();
    await generateTimeline(database.client, size);
    console.log(`\n## ${fmt(size)} events (generated in ${fmt((performance.now() - loadStarted) / 1000, 1)} s)\n`);

    // Uncached: autocannon repeats one request, which a response cache would answer from memory;
    // and unlimited: the load comes from one address, which the rate limit would hold back.
    server = await start(
      ['dist/src/cli.js', 'serve'],
      { DATABASE_URL: target.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', CHRONICLE_RESPONSE_CACHE_TTL: '0', CHRONICLE_RATE_LIMIT_ANONYMOUS: '0' },
      SERVING,
    );
    floor = await start(['--import', 'tsx', 'bench/floor-server.ts'], { DATABASE_URL: target.url }, /floor at (http:\/\/\S+)/);
    const queries = await benchQueries(database, size);

    console.log('| query | statements | req/s | p50 ms | p99 ms | errors |');
    console.log('|---|---:|---:|---:|---:|---:|');
    const timeline = { rps: 0 };
    for (const query of queries) {
      const statements = await statementsPer(database, query).catch((error: unknown) => {
        console.log(`| ${query.name} | refused: ${String(error).slice(0, 200)} | | | | |`);
        return undefined;
      });
      if (statements === undefined) continue;
      const result = await load(`${server.url}/graphql`, JSON.stringify(query.body));
      await settled(database);
      if (query.name === 'timeline page') timeline.rps = result.rps;
      console.log(`| ${query.name} | ${statements} | ${fmt(result.rps)} | ${result.p50} | ${result.p99} | ${result.errors} |`);
    }
    await stop(server);
    server = await start(['dist/src/cli.js', 'serve'], { DATABASE_URL: target.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' }, SERVING);
    for (const query of queries.filter((q) => CACHED.includes(q.name))) {
      const result = await load(`${server.url}/graphql`, JSON.stringify(query.body));
      await settled(database);
      console.log(`| ${query.name}, from the response cache | 0 | ${fmt(result.rps)} | ${result.p50} | ${result.p99} | ${result.errors} |`);
    }
    const floorResult = await load(`${floor.url}/timeline`, undefined);
    console.log(
      `| floor: the timeline page as one json_agg statement behind node:http | 1 | ${fmt(floorResult.rps)} | ${floorResult.p50} | ${floorResult.p99} | ${floorResult.errors} |`,
    );
    console.log(`\nTimeline page: Chronicle at ${fmt(timeline.rps / floorResult.rps, 2)} of the floor's req/s.\n`);

    console.log('| export | rows | seconds | rows/s | first 10% rows/s | last 10% rows/s | first byte ms | server peak RSS MiB |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const format of ['ndjson', 'csv']) {
      const run = await exportRun(server, format);
      console.log(
        `| ${run.format} | ${fmt(run.rows)} | ${fmt(run.seconds, 1)} | ${fmt(run.rows / run.seconds)} | ${fmt(run.early)} | ${fmt(run.late)} | ${run.firstByteMs} | ${run.peakRssMiB} |`,
      );
    }
    const copy = await copyFloor(target.url);
    console.log(`| floor: COPY of the same records built in SQL | ${fmt(copy.rows)} | ${fmt(copy.seconds, 1)} | ${fmt(copy.rows / copy.seconds)} | | | | |`);

    await stop(server);
    server = await start(
      ['dist/src/cli.js', 'serve'],
      { DATABASE_URL: target.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', CHRONICLE_RESPONSE_CACHE_TTL: '0', CHRONICLE_RATE_LIMIT_ANONYMOUS: '0' },
      SERVING,
    );
    console.log(
      '\n| load: a mix of pages, a search and an export | connections | req/s | p99 ms | 200 | 429 (exports past the limit) | failed | RSS before / peak / 30 s after, MiB |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---|');
    // The first run warms the server (compiled code, caches of dates and plans): memory after it is
    // the level the later runs should come back to.
    for (const [name, connections] of [
      ['warm-up', 10],
      ['mix', 50],
      ['mix', 200],
    ] as const) {
      const run = await loadMix(server, queries, connections);
      await settled(database);
      console.log(
        `| ${name}, uncached | ${run.connections} | ${fmt(run.rps)} | ${run.p99} | ${fmt(run.ok)} | ${fmt(run.limited)} | ${run.failed} | ${run.rss.before} / ${run.rss.peak} / ${run.rss.after} |`,
      );
    }
    await stop(server);
    server = undefined;
    const imported = await importRun(target.url);
    console.log('\n| import: NDJSON export into an empty database | events | MB | seconds | events/s | peak RSS MiB |');
    console.log('|---|---:|---:|---:|---:|---:|');
    console.log(
      `| chronicle import | ${fmt(imported.events)} | ${fmt(imported.megabytes)} | ${fmt(imported.seconds, 1)} | ${fmt(imported.events / imported.seconds)} | ${imported.peakRssMiB} |`,
    );
  } finally {
    if (server) await stop(server);
    if (floor) await stop(floor);
    await database.close();
    await drop();
  }
}
