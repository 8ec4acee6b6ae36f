// The command line as a researcher uses it: export a filter to a file, import it elsewhere, and
// survive a kill in the middle of an import.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';

const root = path.resolve(import.meta.dirname, '..');
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'chronicle-cli-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function chronicle(dataDir: string, args: string[], options: { killAfterMs?: number } = {}): Promise<Run & { killed: boolean }> {
  const env: NodeJS.ProcessEnv = { ...process.env, CHRONICLE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(root, 'bin/chronicle.js'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  let killed = false;
  const timer = options.killAfterMs ? setTimeout(() => (killed = child.kill('SIGKILL')), options.killAfterMs) : undefined;
  return new Promise((resolve) => child.once('close', (code) => {
    clearTimeout(timer);
    resolve({ code, stdout, stderr, killed });
  }));
}

describe('a researcher on the command line', () => {
  it('exports a filter to a file, and imports it into another database unchanged', async () => {
    const source = path.join(work, 'source');
    expect((await chronicle(source, ['db', 'seed'])).code).toBe(0);
    const file = path.join(work, 'trump.csv');
    const exported = await chronicle(source, ['export', '--format', 'csv', '--actor', 'donald-trump', '--from', '2017-05', '--out', file]);
    expect(exported).toMatchObject({ code: 0, stderr: `Exported 13 events as csv to ${file}.\n` });
    expect(JSON.parse(await readFile(`${file}.meta.json`, 'utf8'))).toMatchObject({ filter: { actors: ['donald-trump'], from: '2017-05' }, count: 13 });

    const target = path.join(work, 'target');
    const dry = await chronicle(target, ['import', file, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('  events   13 created, 0 updated, 0 unchanged');
    expect(dry.stdout).toContain('Nothing was written (--dry-run).');
    expect((await chronicle(target, ['import', file])).stdout).toContain('  events   13 created, 0 updated, 0 unchanged');
    expect((await chronicle(target, ['import', file])).stdout).toContain('  events   0 created, 0 updated, 13 unchanged');

    const again = path.join(work, 'again.csv');
    await chronicle(target, ['export', '--format', 'csv', '--out', again]);
    expect(await readFile(again, 'utf8')).toBe(await readFile(file, 'utf8'));
  });

  it('reports a bad file in one readable block and exits 1', async () => {
    const file = path.join(work, 'bad.ndjson');
    await writeFile(file, '{"slug":"x","title":"X","kind":"MEETING","status":"REPORTED","date":"2017-13"}\n');
    const run = await chronicle(path.join(work, 'target'), ['import', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('chronicle: 1 problem; nothing was imported:\nbad.ndjson: row 1, field date: "2017-13" has month 13; months run from 01 to 12\n');
  });

  it('leaves the database as it was when an import is killed half way', async () => {
    const dataDir = path.join(work, 'killed');
    const events = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({
      slug: `bulk-${i}`, title: `Bulk ${i}`, kind: 'STATEMENT', status: 'REPORTED', date: '2016-01-01',
      participants: [{ role: 'SPEAKER', actor: { slug: `speaker-${i % 50}`, name: `Speaker ${i % 50}`, kind: 'PERSON' } }],
    }));
    const file = path.join(work, 'bulk.ndjson');
    await writeFile(file, `${events.join('\n')}\n`);
    expect((await chronicle(dataDir, ['db', 'migrate'])).code).toBe(0);
    const run = await chronicle(dataDir, ['import', file], { killAfterMs: 6_000 });
    expect(run.killed).toBe(true);
    const reopened = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(await reopened.client.event.count()).toBe(0);
      expect(await reopened.client.actor.count()).toBe(0);
    } finally {
      await reopened.close();
    }
  }, 120_000);
});
