// Exports stream: rows are written as batches are read, and a client that goes away stops the reading.
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { BATCH_SIZE } from '../src/exports/export-record.js';
import { useTestDatabase } from './helpers/database.js';
import { yoga } from './helpers/graphql.js';
import { serve } from './helpers/serve.js';

const database = useTestDatabase();
const LARGE = 25_000;

function bulkEvents(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    slug: `bulk-${String(i).padStart(5, '0')}`, title: `Bulk event ${i}`, summary: 'A generated event, long enough to fill the pipes. '.repeat(4),
    kind: 'STATEMENT' as const, status: 'REPORTED' as const, startEdtf: '2016-01-01', startPrecision: 'DAY' as const,
    earliest: new Date('2016-01-01'), latest: new Date('2016-01-01T23:59:59.999Z'), sortAt: new Date('2016-01-01'),
  }));
}
const GENERATED = BATCH_SIZE * 20;
let server: Server;
let base: string;

beforeAll(async () => {
  await database().client.event.createMany({ data: bulkEvents(GENERATED) });
  server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server?.close(resolve)));

describe('a long export over real HTTP', () => {
  it('delivers every row, in order, in keyset batches', async () => {
    const text = await (await fetch(`${base}/export/events.ndjson`)).text();
    const slugs = text.trimEnd().split('\n').map((l) => JSON.parse(l).slug);
    expect(slugs).toHaveLength(GENERATED + 19);
    expect(slugs.slice(0, 3)).toEqual(['bulk-00000', 'bulk-00001', 'bulk-00002']);
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it('stops reading the database when the client disconnects', async () => {
    // The server runs in its own process, as in production: a client in this process that reads
    // one chunk and hangs up must not wait for this process's event loop.
    const dataDir = await mkdtemp(path.join(tmpdir(), 'chronicle-stream-'));
    try {
      const seeded = await openDatabase({ kind: 'pglite', dataDir }, { migrate: true });
      await seeded.client.event.createMany({ data: bulkEvents(LARGE) });
      await seeded.close();
      const server = serve(dataDir);
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
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
