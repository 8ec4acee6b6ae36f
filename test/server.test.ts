// The server as a user runs it: `chronicle serve` on an embedded data directory, real HTTP,
// then SIGTERM, and the data directory opens again intact.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { serve } from './helpers/serve.js';

const root = path.resolve(import.meta.dirname, '..');
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'chronicle-data-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('an operator runs and stops the server on an embedded database', () => {
  it('migrates, seeds, serves, exits 0 on SIGTERM leaving the data intact, and starts again without seeding twice', async () => {
    const server = serve(dataDir);
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

    const reopened = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(await reopened.client.event.count()).toBe(19);
      const migrations = await reopened.client.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations`;
      const folders = (await readdir(path.join(root, 'prisma/migrations'), { withFileTypes: true })).filter((d) => d.isDirectory());
      expect(migrations.map((m) => m.migration_name).sort()).toEqual(folders.map((d) => d.name).sort());
    } finally {
      await reopened.close();
    }

    // Started again on the same directory, it serves what is there without seeding twice.
    const again = serve(dataDir);
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

  it('refuses a bad setting with one line and a non-zero exit', async () => {
    const child = spawn(process.execPath, [path.join(root, 'bin/chronicle.js'), 'serve'], {
      env: { ...process.env, PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('chronicle: Invalid PORT="eighty": must be a port number.');
  });
});
