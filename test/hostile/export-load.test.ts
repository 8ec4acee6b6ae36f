// Many downloads at once, and readers that stall, cannot take the server: exports past the limits
// get 429, a stalled reader loses its place, and pages and /health answer while exports stream.
import { getEventListeners } from 'node:events';
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { BATCH_SIZE } from '../../src/exports/export-record.js';
import { RunningExports } from '../../src/exports/running-exports.js';
import { createLogger } from '../../src/logger.js';
import { createChronicleYoga } from '../../src/yoga.js';
import { insertBulk } from '../helpers/bulk-events.js';
import { collectGarbage } from '../helpers/gc.js';
import { useTestDatabase } from '../helpers/database.js';

const database = useTestDatabase({ prepare: ({ client }) => insertBulk(client, BATCH_SIZE * 10) });

function server(limits: { total: number; perClient: number; stallMs: number }) {
  const exports = new RunningExports(limits);
  const yoga = createChronicleYoga(createLogger('silent'), { client: () => database().client, exports });
  /** A download from `address`, its body left unread until the test reads or cancels it. */
  const download = (address: string) => yoga.fetch('http://yoga/export/events.ndjson', {}, { req: { socket: { remoteAddress: address } } });
  return { yoga, exports, download };
}

describe('exports past the limits', () => {
  it('are answered 429, per client and in all, and admitted again once one ends', async () => {
    const { download } = server({ total: 2, perClient: 1, stallMs: 60_000 });
    const first = await download('10.0.0.1');
    expect(first.status).toBe(200);

    const again = await download('10.0.0.1');
    expect(again.status).toBe(429);
    expect(again.headers.get('retry-after')).toBe('30');
    expect((await again.json()).error.message).toBe(
      '1 exports are streaming to you, as many as one client may have at once: let one finish, or cancel it, first',
    );

    const other = await download('10.0.0.2');
    expect(other.status).toBe(200);
    const third = await download('10.0.0.3');
    expect(third.status).toBe(429);
    expect((await third.json()).error.message).toMatch(/^the server is streaming 2 exports, as many as it takes at once/);

    await first.body!.cancel();
    await other.text();
    const admitted = await download('10.0.0.3');
    expect(admitted.status).toBe(200);
    await admitted.body!.cancel();
  });

  it('end a reader that takes nothing for the stall limit, freeing its place', async () => {
    const { download } = server({ total: 1, perClient: 1, stallMs: 300 });
    const stalled = await download('10.0.0.1');
    const reader = stalled.body!.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await expect(reader.read()).rejects.toThrow('the client stopped reading');
    const next = await download('10.0.0.2');
    expect(next.status).toBe(200);
    await next.body!.cancel();
  });
});

describe('a server stopped as an export begins', () => {
  it('ends the export without an error of its own (it threw, and took the process down)', async () => {
    const { exports, download } = server({ total: 3, perClient: 3, stallMs: 60_000 });
    const response = await download('10.0.0.1');
    // Before anything has read the body: whatwg-node starts a stream only once it is read, so the
    // export has no stream controller yet when the server stops it.
    await exports.stopAll();
    expect(exports.admit('10.0.0.2')).toHaveProperty('release');
    await response.body!.cancel();
  });
});

describe('a client gone while its export is being prepared', () => {
  it('frees its place and leaves no listener behind', async () => {
    const { exports, yoga } = server({ total: 1, perClient: 1, stallMs: 60_000 });
    const http = createServer(yoga);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = http.address() as AddressInfo;
      const prepared = new Promise<void>((resolve) => {
        const request = get({ port, host: '127.0.0.1', path: '/export/events.ndjson' });
        request.on('error', () => resolve());
        // Gone as soon as the request is sent: while the filter is resolved and the matches counted.
        request.on('finish', () => request.destroy());
      });
      await prepared;
      await expect.poll(() => 'release' in exports.admit('127.0.0.1'), { timeout: 10_000 }).toBe(true);
      expect(getEventListeners(exports.stopping, 'abort')).toHaveLength(0);
    } finally {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });
});

describe('a server that has streamed many exports', () => {
  it('holds nothing of them once they have ended, however they ended', async () => {
    const { exports, download } = server({ total: 100, perClient: 100, stallMs: 60_000 });
    const read = await Promise.all(Array.from({ length: 12 }, () => download('10.0.0.1')));
    // A collection while they stream, as a loaded server has: Node once dropped what would take
    // an ended export's listener off the server's signal.
    await collectGarbage();
    await Promise.all(read.map((response, i) => (i % 2 ? response.text() : response.body!.cancel())));
    // A cancelled export ends once the batch it was reading comes back.
    await expect.poll(() => getEventListeners(exports.stopping, 'abort'), { timeout: 10_000 }).toHaveLength(0);
    expect(exports.admit('10.0.0.1')).toHaveProperty('release');
  });
});

describe('pages while exports stream', () => {
  it('answer /health and a small query within a second, with every export place taken', async () => {
    const { yoga, download } = server({ total: 3, perClient: 3, stallMs: 60_000 });
    const reading = Promise.all([1, 2, 3].map(async () => (await download('10.0.0.1')).text()));
    const slowest = { health: 0, page: 0 };
    for (let i = 0; i < 5; i += 1) {
      let started = performance.now();
      expect((await yoga.fetch('http://yoga/health')).status).toBe(200);
      slowest.health = Math.max(slowest.health, performance.now() - started);
      started = performance.now();
      const page = await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ event(slug: \\"trump-macron-brussels-meeting\\") { title } }"}',
      });
      expect((await page.json()).data.event.title).toBeTruthy();
      slowest.page = Math.max(slowest.page, performance.now() - started);
    }
    const bodies = await reading;
    expect(bodies.map((b) => b.trimEnd().split('\n').length)).toEqual([BATCH_SIZE * 10 + 19, BATCH_SIZE * 10 + 19, BATCH_SIZE * 10 + 19]);
    expect(slowest.health).toBeLessThan(1_000);
    expect(slowest.page).toBeLessThan(1_000);
  });
});
