// The server as a user runs it: `chronicle serve` on an embedded data directory, real HTTP,
// then SIGTERM, and the data directory opens again intact.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { LOCK_FILE } from '../src/db/data-dir-lock.js';
import { HEADERS_TIMEOUT_MS } from '../src/server.js';
import { serve } from './helpers/serve.js';

const root = path.resolve(import.meta.dirname, '..');

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'chronicle-data-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('an operator runs and stops the server on an embedded database', () => {
  it('migrates, seeds, serves, exits 0 on SIGTERM leaving the data intact, and starts again without seeding twice', async () => {
    // A folder of its own: the other tests leave theirs in dataDir, which is then no data directory.
    const dir = path.join(dataDir, 'served');
    const server = serve(dir);
    const url = await server.url;
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ events(first: 3) { totalCount } }' }),
    });
    expect(await response.json()).toEqual({ data: { events: { totalCount: 19 } } });
    server.child.kill('SIGTERM');
    expect(await server.exit).toBe(0);
    // Read once the process has exited, so every line it wrote has arrived.
    expect(server.output()).toContain('"path":"/graphql","status":200');
    expect(server.output()).toContain('"msg":"stopped"');

    const reopened = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      expect(await reopened.client.event.count()).toBe(19);
      const migrations = await reopened.client.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations`;
      const folders = (await readdir(path.join(root, 'prisma/migrations'), { withFileTypes: true })).filter((d) => d.isDirectory());
      expect(migrations.map((m) => m.migration_name).sort()).toEqual(folders.map((d) => d.name).sort());
    } finally {
      await reopened.close();
    }

    // Started again on the same directory, it serves what is there without seeding twice.
    const again = serve(dir);
    const againResponse = await fetch(`${await again.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ events { totalCount } }' }),
    });
    expect(await againResponse.json()).toEqual({ data: { events: { totalCount: 19 } } });
    again.child.kill('SIGINT');
    expect(await again.exit).toBe(0);
    expect(again.output()).not.toContain('seeded an empty database');
  });

  /** `chronicle serve` with these settings, to its exit: its code and what it wrote to stderr. */
  async function serveFails(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(process.execPath, [path.join(root, 'bin/chronicle.js'), 'serve'], {
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    return { code, stderr: stderr.trim() };
  }

  it('answers while 300 connections sit idle and one sends its headers a byte at a time, which it then drops', async () => {
    const server = serve(path.join(dataDir, 'idle-connections'));
    const url = new URL(await server.url);
    const open = (): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const socket = connect(Number(url.port), url.hostname, () => resolve(socket));
        socket.once('error', reject);
      });
    try {
      const idle = await Promise.all(Array.from({ length: 300 }, open));
      const slow = await open();
      slow.write('GET /health HTTP/1.1\r\nHost: x\r\n');
      const dripping = setInterval(() => slow.write('X-Slow: a\r\n'), 1_000);
      const dropped = new Promise<number>((resolve) => slow.once('close', () => resolve(performance.now())));
      const started = performance.now();
      expect((await fetch(`${url.origin}/health`)).status).toBe(200);
      const closedAt = await dropped;
      clearInterval(dripping);
      expect(closedAt - started).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 1_000);
      expect(closedAt - started).toBeLessThan(HEADERS_TIMEOUT_MS + 5_000);
      for (const socket of idle) socket.destroy();
    } finally {
      server.child.kill('SIGTERM');
      await server.exit;
    }
  }, 60_000);

  it('refuses a bad setting with one line and a non-zero exit', async () => {
    expect(await serveFails({ PORT: 'eighty' })).toEqual({ code: 1, stderr: 'chronicle: Invalid PORT="eighty": must be a port number.' });
  });

  it('says in one line that the port is taken, and leaves the data directory free', async () => {
    const taken = createNetServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const dir = path.join(dataDir, 'port-taken');
      expect(await serveFails({ CHRONICLE_DATA_DIR: dir, HOST: '127.0.0.1', PORT: String(port) })).toEqual({
        code: 1,
        stderr: `chronicle: PORT=${port} is in use on 127.0.0.1 by another process: stop it, or choose another PORT`,
      });
      expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    } finally {
      taken.close();
    }
  });

  it('says in one line that HOST is not an address of this machine', async () => {
    expect(await serveFails({ CHRONICLE_DATA_DIR: path.join(dataDir, 'bad-host'), HOST: 'no-such-host.invalid', PORT: '0' })).toEqual({
      code: 1,
      stderr: 'chronicle: HOST="no-such-host.invalid" is not an address of this machine (ENOTFOUND): use 127.0.0.1, 0.0.0.0 or one of its own addresses',
    });
  });

  it('says in one line that the data directory cannot be written', async () => {
    const file = path.join(dataDir, 'a-file');
    await writeFile(file, '');
    expect(await serveFails({ CHRONICLE_DATA_DIR: path.join(file, 'data'), PORT: '0' })).toEqual({
      code: 1,
      stderr: `chronicle: the data directory ${path.join(file, 'data')} cannot be created or written (a part of the path is a file): set CHRONICLE_DATA_DIR to a folder this user can write`,
    });
  });

  it('refuses in one line a folder of other files as its data directory, and leaves them alone', async () => {
    const dir = path.join(dataDir, 'my-documents');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'thesis.docx'), 'mine');
    expect(await serveFails({ CHRONICLE_DATA_DIR: dir, PORT: '0' })).toEqual({
      code: 1,
      stderr: `chronicle: ${dir} holds other files (thesis.docx) and is not a Chronicle data directory: set CHRONICLE_DATA_DIR to a new or empty folder`,
    });
    expect((await readdir(dir)).sort()).toEqual(['thesis.docx']);
  });

  it('refuses an empty PORT, which would be a random port, in one line', async () => {
    expect(await serveFails({ PORT: '' })).toEqual({ code: 1, stderr: 'chronicle: Invalid PORT="": must be a port number.' });
  });

  it('stops when the npm running `npm start` is signalled, as a supervisor does', async () => {
    const dir = path.join(dataDir, 'npm-start');
    const npm = spawn('npm', ['start'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', CHRONICLE_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk));
    const serving = await new Promise<string>((resolve, reject) => {
      npm.stdout.on('data', () => {
        const line = output.split('\n').find((l) => l.includes('Chronicle is serving'));
        if (line) resolve(line);
      });
      npm.once('close', () => reject(new Error(`npm start ended before serving:\n${output}`)));
    });
    const serverPid = (JSON.parse(serving) as { pid: number }).pid;
    expect(serverPid).not.toBe(npm.pid);
    npm.kill('SIGTERM');
    await new Promise((resolve) => npm.once('close', resolve));
    // The server itself stopped, cleanly, and gave up the directory.
    await expect.poll(() => isRunning(serverPid), { timeout: 10_000 }).toBe(false);
    expect(output).toContain('"msg":"stopped"');
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});
