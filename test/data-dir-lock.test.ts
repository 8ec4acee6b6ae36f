// One process owns an embedded data directory: a second one is turned away with the owner named
// and what to do, imports go through the running server, and a dead owner's lock is taken over.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirectoryLockedError, LOCK_FILE, readLockOwner, type LockOwner } from '../src/db/data-dir-lock.js';
import { chronicle, eventBatch } from './helpers/cli.js';
import { serve, type ServedChronicle } from './helpers/serve.js';

let work: string;
let dataDir: string;
let server: ServedChronicle;
let url: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'chronicle-lock-'));
  dataDir = path.join(work, 'data');
  server = serve(dataDir);
  url = await server.url;
  await writeFile(path.join(work, 'batch.ndjson'), eventBatch('batch', 3));
});
afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exit;
  await rm(work, { recursive: true, force: true });
});

async function totalCount(): Promise<number> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ events { totalCount } }' }),
  });
  return ((await response.json()) as { data: { events: { totalCount: number } } }).data.events.totalCount;
}

describe('a second process on a data directory a server has open', () => {
  it.each([
    ['import', ['import', 'FILE']],
    ['db seed', ['db', 'seed']],
    ['db migrate', ['db', 'migrate']],
    ['serve', ['serve']],
  ])('is refused: %s names the owner and what to do, and writes nothing', async (_name, args) => {
    const before = await totalCount();
    const run = await chronicle(
      dataDir,
      args.map((a) => (a === 'FILE' ? path.join(work, 'batch.ndjson') : a)),
      { env: { PORT: '0' } },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `chronicle: the embedded database in ${dataDir} is in use by chronicle serve (pid ${server.child.pid}, serving ${url}, since ${readLockOwner(dataDir)!.startedAt}): ` +
        `only one process may open it at a time; stop it first, or send an import to it: chronicle import FILE --server ${url}\n`,
    );
    expect(await totalCount()).toBe(before);
  });

  it('imports through the server with --server: same report, and the server answers with the new events at once', async () => {
    const file = path.join(work, 'batch.ndjson');
    const before = await totalCount();
    const dry = await chronicle(dataDir, ['import', file, '--server', url, '--dry-run']);
    expect(dry.stdout).toBe(
      `${file} is valid. Importing it would change the server at ${url} so:\n  events   3 created, 0 updated, 0 unchanged\n  actors   3 created, 0 updated, 0 unchanged\n  sources  0 created, 0 updated, 0 unchanged\n` +
        'warning: batch.ndjson: 3 new events (first "batch-0") cite no source; marked unsourced (give citations, or unsourced: false, to say otherwise)\n' +
        '  actor speaker-0: created\n  actor speaker-1: created\n  actor speaker-2: created\n  event batch-0: created\n  event batch-1: created\n  event batch-2: created\n' +
        'Nothing was written (--dry-run).\n',
    );
    expect(await totalCount()).toBe(before);

    const run = await chronicle(dataDir, ['import', file, '--server', url]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('  events   3 created, 0 updated, 0 unchanged');
    expect(await totalCount()).toBe(before + 3);
  });

  it('reports a bad file sent with --server exactly as a local import does', async () => {
    const file = path.join(work, 'bad.ndjson');
    await writeFile(file, '{"slug":"x","title":"X","kind":"MEETING","status":"REPORTED","date":"2017-13"}\n');
    const run = await chronicle(dataDir, ['import', file, '--server', url]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `chronicle: 1 problem; nothing was imported:\nbad.ndjson: row 1, field date: "2017-13" has month 13; months run from 01 to 12 (21 to 24 are the seasons spring to winter)\n`,
    );
  });

  it('refuses a file larger than the server takes before reading it', async () => {
    const file = path.join(work, 'huge.ndjson');
    // Sparse: 300 MiB on paper, nothing on disk.
    await writeFile(file, '');
    await truncate(file, 300 * 1024 * 1024);
    const run = await chronicle(dataDir, ['import', file, '--server', url]);
    expect(run).toMatchObject({
      code: 1,
      stderr: 'chronicle: --server: huge.ndjson is 300 MiB; a server takes files up to 256 MiB: stop the server and import it without --server, or split it\n',
    });
  });

  it('never sends the local token to another server', async () => {
    const seen: (string | undefined)[] = [];
    const other = createServer((request, response) => {
      seen.push(request.headers.authorization);
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"no"}}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const run = await chronicle(dataDir, [
        'import',
        path.join(work, 'batch.ndjson'),
        '--server',
        `http://127.0.0.1:${(other.address() as AddressInfo).port}`,
      ]);
      expect(run.code).toBe(1);
      expect(seen).toEqual([undefined]);
    } finally {
      other.close();
    }
  });

  it('refuses an import over HTTP without the token', async () => {
    const response = await fetch(`${url}/import?name=x.ndjson`, { method: 'POST', body: eventBatch('nope', 1) });
    expect(response.status).toBe(401);
    const forged = await fetch(`${url}/import?name=x.ndjson`, {
      method: 'POST',
      headers: { authorization: 'Bearer not-the-token' },
      body: eventBatch('nope', 1),
    });
    expect(forged.status).toBe(401);
    expect(await readFile(path.join(dataDir, LOCK_FILE), 'utf8')).toContain('"token"');
  });
});

describe('a lock left behind', () => {
  async function withLock(owner: Partial<LockOwner>): Promise<string> {
    const dir = await mkdtemp(path.join(work, 'stale-'));
    const lock: LockOwner = { pid: 1, hostname: hostname(), command: 'serve', startedAt: '2026-01-01T00:00:00.000Z', token: 'x', ...owner };
    await writeFile(path.join(dir, LOCK_FILE), JSON.stringify(lock));
    return dir;
  }

  it('by a process that died is taken over, and released on close', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const dir = await withLock({ pid: dead });
    const lock = acquireDataDirLock(dir, 'test');
    expect(readLockOwner(dir)).toMatchObject({ pid: process.pid, command: 'test' });
    lock.release();
    expect(readLockOwner(dir)).toBeNull();
  });

  it('by a process on another host is not guessed at', async () => {
    const dir = await withLock({ pid: process.pid, hostname: 'elsewhere' });
    expect(() => acquireDataDirLock(dir, 'test')).toThrow(DataDirectoryLockedError);
    expect(() => acquireDataDirLock(dir, 'test')).toThrow(
      `is in use by chronicle serve (pid ${process.pid} on host elsewhere, since 2026-01-01T00:00:00.000Z): only one process may open it at a time; stop it first; if it is no longer running, delete ${path.join(dir, LOCK_FILE)}`,
    );
  });

  it('by this very process, still held, refuses a second opening in the same process', async () => {
    const dir = await mkdtemp(path.join(work, 'twice-'));
    const first = acquireDataDirLock(dir, 'test');
    try {
      expect(() => acquireDataDirLock(dir, 'again')).toThrow(DataDirectoryLockedError);
    } finally {
      first.release();
    }
    acquireDataDirLock(dir, 'again').release();
  });

  it('half-written by a process that died writing it is taken over', async () => {
    const dir = await mkdtemp(path.join(work, 'torn-'));
    await writeFile(path.join(dir, LOCK_FILE), '{"pid": 12');
    const lock = acquireDataDirLock(dir, 'test');
    expect(readLockOwner(dir)).toMatchObject({ pid: process.pid });
    lock.release();
  });
});

describe.runIf(process.platform === 'linux')('a lock left by a process whose pid was reused', () => {
  it('is taken over: the pid is alive, but it is not the process that wrote the lock', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'chronicle-reused-'));
    try {
      // The pid is alive (the test runner's), but its process started at another time than the lock says.
      await writeFile(
        path.join(dir, LOCK_FILE),
        JSON.stringify({
          pid: process.ppid,
          hostname: hostname(),
          command: 'serve',
          startedAt: '2026-01-01T00:00:00.000Z',
          token: 'x',
          bootId: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
          startTicks: '1',
        }),
      );
      const lock = acquireDataDirLock(dir, 'test');
      expect(readLockOwner(dir)).toMatchObject({ pid: process.pid });
      lock.release();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
