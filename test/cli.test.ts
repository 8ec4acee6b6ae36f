// The command line as a researcher uses it: export a filter to a file, import it elsewhere.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chronicle } from './helpers/cli.js';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'chronicle-cli-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

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
});
