// kill -9 at random moments, of the server (while it starts, migrates, seeds or imports) and of
// the CLI (while it imports): the next start opens the directory and finds the data as of the last
// finished transaction. Each import is one transaction, so every batch is there whole or not at all,
// and every batch the server acknowledged is there.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { readLockOwner } from '../src/db/data-dir-lock.js';
import { chronicle, eventBatch } from './helpers/cli.js';
import { serve } from './helpers/serve.js';

const BATCH = 40;
const PREFIX = 'kill-';
const random = (min: number, max: number) => Math.round(min + Math.random() * (max - min));

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'chronicle-crash-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** The directory opens, and holds each batch whole or not at all, and the seed whole or not at all. */
async function expectConsistent(dataDir: string, acknowledged: string[], context: string): Promise<void> {
  const database = await openDatabase({ kind: 'pglite', dataDir }, { migrate: true, command: 'test' });
  try {
    const slugs = (await database.client.event.findMany({ select: { slug: true } })).map((e) => e.slug);
    const perBatch = new Map<string, number>();
    for (const slug of slugs.filter((s) => s.startsWith(PREFIX))) {
      const batch = slug.slice(0, slug.lastIndexOf('-'));
      perBatch.set(batch, (perBatch.get(batch) ?? 0) + 1);
    }
    for (const [batch, count] of perBatch) expect(count, `${context}: batch ${batch}`).toBe(BATCH);
    for (const batch of acknowledged) expect(perBatch.has(batch), `${context}: acknowledged ${batch} is lost`).toBe(true);
    expect([0, 19], `${context}: seed events`).toContain(slugs.filter((s) => !s.startsWith(PREFIX)).length);
  } finally {
    await database.close();
  }
}

describe('the server killed at a random moment', () => {
  const dataDir = () => path.join(work, 'served');
  it.each(Array.from({ length: 5 }, (_, round) => [round]))('round %i: loses no finished transaction and opens again', async (round) => {
    const killAt = random(300, 4_500);
    const server = serve(dataDir());
    const acknowledged: string[] = [];
    // Imports sent one after another until the kill: the server owns the directory meanwhile.
    const importing = server.url
      .then(async (url) => {
        const token = readLockOwner(dataDir())!.token;
        for (let n = 0; ; n += 1) {
          const batch = `${PREFIX}s${round}-${n}`;
          const response = await fetch(`${url}/import?name=batch.ndjson`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}` },
            body: eventBatch(batch, BATCH),
          });
          if (response.status !== 200) throw new Error(`import answered ${response.status}`);
          acknowledged.push(batch);
        }
      })
      .catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, killAt));
    server.child.kill('SIGKILL');
    await server.exit;
    await importing;
    await expectConsistent(dataDir(), acknowledged, `killed ${killAt} ms after start, ${acknowledged.length} imports acknowledged`);
  });
});

describe('the CLI killed at a random moment of an import', () => {
  const dataDir = () => path.join(work, 'cli');
  it.each(Array.from({ length: 4 }, (_, round) => [round]))('round %i: the import is there whole or not at all', async (round) => {
    const file = path.join(work, `cli-${round}.ndjson`);
    const batch = `${PREFIX}c${round}`;
    await writeFile(file, eventBatch(batch, BATCH));
    const killAt = random(200, 3_500);
    const run = await chronicle(dataDir(), ['import', file], { killAfterMs: killAt });
    const context = `killed ${killAt} ms after start (${run.killed ? 'killed' : `finished first, exit ${run.code}`})`;
    await expectConsistent(dataDir(), run.killed ? [] : [batch], context);
  });
});
