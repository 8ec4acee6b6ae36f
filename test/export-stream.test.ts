// Exports stream: rows are written as batches are read, and a client that goes away stops the reading.
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { BATCH_SIZE } from '../src/exports/export-record.js';
import { insertBulk } from './helpers/bulk-events.js';
import { useTestDatabase } from './helpers/database.js';
import { yoga } from './helpers/graphql.js';
import { serve } from './helpers/serve.js';

const LARGE = 25_000;
const GENERATED = BATCH_SIZE * 20;

useTestDatabase({ prepare: ({ client }) => insertBulk(client, GENERATED) });

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server?.close(resolve)));

describe('a long export over real HTTP', () => {
  it('delivers every row, in order, in keyset batches', async () => {
    const text = await (await fetch(`${base}/export/events.ndjson`)).text();
    const slugs = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l).slug);
    expect(slugs).toHaveLength(GENERATED + 19);
    expect(slugs.slice(0, 3)).toEqual(['bulk-00000', 'bulk-00001', 'bulk-00002']);
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it('stops reading the database when the client disconnects', async () => {
    // The server runs in its own process, as in production: a client in this process that reads
    // one chunk and hangs up must not wait for this process's event loop.
    const server = serve(await largeDirectory());
    const url = await server.url;
    await new Promise<void>((resolve, reject) => {
      const request = get(`${url}/export/events.ndjson`, (response) => {
        response.once('data', () => {
          response.pause();
          setTimeout(() => request.destroy(), 200);
        });
      });
      request.on('close', resolve);
      request.on('error', (error) => (request.destroyed ? resolve() : reject(error)));
    });
    const stopped = await server.waitFor(/export stopped: the client went away/);
    const { rows, of } = JSON.parse(stopped) as { rows: number; of: number };
    expect(of).toBe(LARGE);
    expect(rows).toBeLessThan(LARGE / 2);
    server.child.kill('SIGTERM');
    expect(await server.exit).toBe(0);
  }, 120_000);

  it('ends an export cleanly when the server is stopped in the middle of it, and cuts the download short', async () => {
    const server = serve(await largeDirectory());
    const url = await server.url;
    let killedAt = 0;
    const downloaded = new Promise<{ bytes: number; error: string | undefined }>((resolve) => {
      let bytes = 0;
      const request = get(`${url}/export/events.ndjson`, (response) => {
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          // Reads slowly, as a client on a slow line does, and stops the server once it has begun.
          response.pause();
          setTimeout(() => response.resume(), 20);
          if (bytes > 0 && !server.child.killed) {
            killedAt = performance.now();
            server.child.kill('SIGTERM');
          }
        });
        response.on('end', () => resolve({ bytes, error: undefined }));
        response.on('error', (error) => resolve({ bytes, error: error.message }));
      });
      request.on('error', (error) => resolve({ bytes, error: error.message }));
    });
    expect(await server.exit).toBe(0);
    // Promptly: the export is ended, not waited for (a drain gives up after 10 s).
    expect(performance.now() - killedAt).toBeLessThan(5_000);
    expect(server.output()).toContain('"msg":"stopped"');
    expect(server.output()).not.toMatch(/Cannot use a pool|unhandled|Error:/i);
    const { error } = await downloaded;
    // The download did not end as if it were whole.
    expect(error).toBeDefined();
  }, 120_000);
});

/** An embedded data directory holding LARGE generated events, made once for the file's tests. */
let large: Promise<string> | undefined;
function largeDirectory(): Promise<string> {
  large ??= (async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'chronicle-stream-'));
    onTestFileEnd.push(() => rm(dataDir, { recursive: true, force: true }));
    const seeded = await openDatabase({ kind: 'pglite', dataDir }, { migrate: true });
    await insertBulk(seeded.client, LARGE);
    await seeded.close();
    return dataDir;
  })();
  return large;
}
const onTestFileEnd: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of onTestFileEnd) await cleanup();
});
