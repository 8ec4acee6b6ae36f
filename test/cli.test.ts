// The command line as a researcher uses it: export a filter to a file, import it elsewhere.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chronicle, eventBatch, migratedTemplate } from './helpers/cli.js';

// Each test runs several commands, each a process that opens its database: 5 to 20 s, and twice
// that on a busy machine (one reads 120 MB).
vi.setConfig({ testTimeout: 90_000 });

let work: string;
let freshDataDir: (name: string) => Promise<string>;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'chronicle-cli-'));
  freshDataDir = await migratedTemplate(work);
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('a researcher on the command line', () => {
  // The file every test below reads: Trump's events from May 2017 on, exported from a seeded database.
  let seeded: string;
  let file: string;
  beforeAll(async () => {
    seeded = await freshDataDir('seeded');
    expect((await chronicle(seeded, ['db', 'seed'])).code).toBe(0);
    file = path.join(work, 'trump.csv');
    const exported = await chronicle(seeded, ['export', '--format', 'csv', '--actor', 'donald-trump', '--from', '2017-05', '--out', file]);
    expect(exported).toMatchObject({ code: 0, stderr: `Exported 13 events as csv to ${file}.\n` });
  });

  it('exports a filter to a file, with how it was made beside it', async () => {
    expect(JSON.parse(await readFile(`${file}.meta.json`, 'utf8'))).toMatchObject({ filter: { actors: ['donald-trump'], from: '2017-05' }, count: 13 });
    expect((await readFile(file, 'utf8')).split('\r\n').filter(Boolean)).toHaveLength(14);
  });

  it('checks a file with --dry-run without writing anything', async () => {
    const target = await freshDataDir('dry');
    const dry = await chronicle(target, ['import', file, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('  events   13 created, 0 updated, 0 unchanged');
    expect(dry.stdout).toContain('Nothing was written (--dry-run).');
    expect((await chronicle(target, ['export', '--format', 'csv'])).stderr).toBe('Exported 0 events as csv.\n');
  });

  it('imports the file into another database, and a second import changes nothing', async () => {
    const target = await freshDataDir('target');
    expect((await chronicle(target, ['import', file])).stdout).toContain('  events   13 created, 0 updated, 0 unchanged');
    expect((await chronicle(target, ['import', file])).stdout).toContain('  events   0 created, 0 updated, 13 unchanged');
  });

  it('gets the same file back from the database it imported into', async () => {
    const target = await freshDataDir('round-trip');
    expect((await chronicle(target, ['import', file])).code).toBe(0);
    const again = path.join(work, 'again.csv');
    expect((await chronicle(target, ['export', '--format', 'csv', '--out', again])).code).toBe(0);
    expect(await readFile(again, 'utf8')).toBe(await readFile(file, 'utf8'));
  });

  it('stops an import that outgrows CHRONICLE_IMPORT_MEMORY_MB with one line, writing nothing', async () => {
    const dataDir = await freshDataDir('bounded');
    expect((await chronicle(dataDir, ['import', file])).code).toBe(0);
    // NDJSON is read a record at a time, but each source's fields are kept until all are
    // written: 30,000 sources with titles of 4,000 characters outgrow a heap of 64 MB.
    const big = path.join(work, 'big.ndjson');
    const event = (i: number) => ({
      slug: `big-${i}`,
      title: `Event ${i}`,
      kind: 'REPORT',
      status: 'REPORTED',
      date: '2016',
      citations: [{ source: { slug: `source-${i}`, kind: 'NEWS_REPORT', title: `${'A long title. '.repeat(285)}${i}` } }],
    });
    await writeFile(big, Array.from({ length: 30_000 }, (_, i) => `${JSON.stringify(event(i))}\n`).join(''));
    const run = await chronicle(dataDir, ['import', big], { env: { CHRONICLE_IMPORT_MEMORY_MB: '64' } });
    expect(run).toMatchObject({
      code: 1,
      stderr:
        'chronicle: the import needed more than 64 MB of memory and stopped; nothing was imported. Set CHRONICLE_IMPORT_MEMORY_MB higher (e.g. 128) and run it again\n',
    });
    expect((await chronicle(dataDir, ['export', '--format', 'csv'])).stderr).toBe('Exported 13 events as csv.\n');
  });

  it('reports a bad file in one readable block and exits 1', async () => {
    const file = path.join(work, 'bad.ndjson');
    await writeFile(file, '{"slug":"x","title":"X","kind":"MEETING","status":"REPORTED","date":"2017-13"}\n');
    const run = await chronicle(await freshDataDir('bad'), ['import', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'chronicle: 1 problem; nothing was imported:\nbad.ndjson: row 1, field date: "2017-13" has month 13; months run from 01 to 12 (21 to 24 are the seasons spring to winter)\n',
    );
  });

  it('adds a term to a vocabulary, lists it under its parent, exports by it, and refuses a cycle in one line', async () => {
    const dataDir = await freshDataDir('terms');
    const added = await chronicle(dataDir, ['terms', 'add', 'event-type', 'summit', '--label', 'Summit', '--parent', 'meeting']);
    expect(added.stdout).toBe(`Added event-type summit ("Summit") in the embedded database in ${dataDir}.\n`);
    expect((await chronicle(dataDir, ['terms', 'list', 'event-type'])).stdout).toContain(
      '  meeting                  Meeting\n    summit                 Summit\n',
    );
    const cycle = await chronicle(dataDir, ['terms', 'add', 'event-type', 'meeting', '--label', 'Meeting', '--parent', 'summit']);
    expect(cycle).toMatchObject({
      code: 1,
      stderr: 'chronicle: parent: the event types "summit" -> "meeting" -> "summit" would each be under the next: a term cannot be under itself\n',
    });
    expect((await chronicle(dataDir, ['terms', 'list', 'event-type'])).stdout).toContain(
      '  meeting                  Meeting\n    summit                 Summit\n',
    );
    const file = path.join(work, 'summit.ndjson');
    await writeFile(
      file,
      '{"slug":"g7","title":"G7 summit","kind":"Summit","status":"REPORTED","date":"2017-05-26","participants":[{"role":"participant","actor":{"slug":"donald-trump","name":"Donald Trump","kind":"PERSON"}}]}\n',
    );
    expect((await chronicle(dataDir, ['import', file])).code).toBe(0);
    const exported = await chronicle(dataDir, ['export', '--format', 'ndjson', '--type', 'meeting']);
    expect(
      exported.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).kind),
    ).toEqual(['summit']);
    // Six commands, each a process that opens the database: seconds each on a busy machine.
  }, 120_000);

  it("drafts a mapping for a spreadsheet of one's own, and imports the spreadsheet through it", async () => {
    const dataDir = await freshDataDir('mapped');
    const sheet = path.join(work, 'sheet.csv');
    await writeFile(
      sheet,
      'When,Headline,Who\n25/05/2017,Trump meets Macron,Donald Trump; Emmanuel Macron\n02/06/2017,Trudeau calls Trump,Justin Trudeau; Donald Trump\n',
    );
    const suggested = await chronicle(dataDir, ['import', sheet, '--suggest-map']);
    expect(suggested.code).toBe(0);
    expect(suggested.stdout).toContain('title: Headline\ndate:\n  column: When\n  format: DD/MM/YYYY\n');
    const map = path.join(work, 'sheet-map.yaml');
    await writeFile(map, suggested.stdout);
    const imported = await chronicle(dataDir, ['import', sheet, '--map', map]);
    expect(imported.stdout).toContain('  events   2 created, 0 updated, 0 unchanged\n  actors   3 created');
    const exported = await chronicle(dataDir, ['export', '--format', 'ndjson']);
    expect(
      exported.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).date.edtf),
    ).toEqual(['2017-05-25', '2017-06-02']);
    // A mapping that leaves the format to --date-format: read the American way, 25/05 is no date.
    const plain = path.join(work, 'plain-map.yaml');
    await writeFile(plain, 'title: Headline\ndate: When\n');
    const american = await chronicle(dataDir, ['import', sheet, '--map', plain, '--date-format', 'MM/DD/YYYY', '--dry-run']);
    expect(american).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('sheet.csv: row 2, field date: column "When": "25/05/2017" is not a date written MM/DD/YYYY'),
    });
    expect((await chronicle(dataDir, ['import', sheet, '--date-format', 'MM/DD/YYYY'])).stderr).toBe(
      'chronicle: --date-format: is for a spreadsheet read through a mapping: give one with --map map.yaml or --map field=Column pairs (--suggest-map drafts a mapping)\n',
    );
    // The same mapping as flags, without a file: the sheet has no export's columns, so the pairs map it.
    const flags = await chronicle(dataDir, [
      'import',
      sheet,
      '--map',
      'title=Headline',
      '--map',
      'date=When,actors=Who',
      '--date-format',
      'DD/MM/YYYY',
      '--dry-run',
    ]);
    expect(flags.stdout).toContain('  events   0 created, 0 updated, 2 unchanged\n  actors   0 created, 0 updated, 3 unchanged');
    expect((await chronicle(dataDir, ['import', sheet, '--map', 'title=Headline,when=When'])).stderr).toContain(
      'chronicle: --map: "when" is not a field a pair can map; pairs map slug, title, summary',
    );
  }, 120_000);

  it('stops quietly when the reader of an export goes away (export | head)', async () => {
    const dataDir = await freshDataDir('piped');
    const file = path.join(work, 'many.ndjson');
    await writeFile(file, eventBatch('piped', 1_000));
    expect((await chronicle(dataDir, ['import', file])).code).toBe(0);
    const run = await chronicle(dataDir, ['export', '--format', 'ndjson'], { closeStdoutAfterBytes: 1_000 });
    expect(run).toMatchObject({ code: 0, stderr: '' });
  });
});
