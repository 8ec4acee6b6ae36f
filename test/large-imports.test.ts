// A researcher's large file: read once, as a stream, and checked and written in batches in one
// transaction, so memory follows a batch and not the file, and a problem anywhere writes nothing.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../src/imports/import-text.js';
import { ImportFileError } from '../src/imports/import-problems.js';
import { fileSource, textSource } from '../src/imports/record-source.js';
import { NO_MAP } from '../src/imports/read-import-file.js';
import { MAX_LISTED, WriteTimedOut } from '../src/records/record-writer.js';
import { userMessage } from '../src/commands/user-errors.js';
import { eventBatch } from './helpers/cli.js';
import { useTestDatabase } from './helpers/database.js';
import { graphql, query } from './helpers/graphql.js';

const database = useTestDatabase({ seed: false });
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'chronicle-large-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const EVENTS = 4_500;

/** An import of `lines` refused: its problems, and which readings of the file it made (0: the first). */
async function refusedImport(name: string, lines: string[]): Promise<{ problems: string[]; readings: Set<number> }> {
  const file = path.join(dir, name);
  await writeFile(file, lines.join('\n'));
  const readings = new Set<number>();
  const failure = await importRecords(
    database().client,
    fileSource(file, NO_MAP, (reading) => readings.add(reading)),
  ).catch((error: unknown) => error);
  return { problems: (failure as { problems: string[] }).problems, readings };
}

describe('a file larger than a batch', () => {
  it('is imported whole from NDJSON, each event searchable, the report listing the first changes and counting all', async () => {
    const file = path.join(dir, 'many.ndjson');
    await writeFile(file, `\uFEFF${eventBatch('many', EVENTS)}`);
    // What a terminal's progress bar is told: how far the one reading of the file has gone.
    const progress: [number, number][] = [];
    const report = await importRecords(
      database().client,
      fileSource(file, NO_MAP, (reading, bytes) => progress.push([reading, bytes])),
    );
    const { size } = await stat(file);
    expect(progress.at(-1)).toEqual([0, size]);
    expect(progress.every(([reading, bytes], i) => reading === 0 && (i === 0 || bytes > progress[i - 1]![1]))).toBe(true);
    expect(report.events).toEqual({ created: EVENTS, updated: 0, unchanged: 0 });
    expect(report.changes).toHaveLength(MAX_LISTED);
    expect(report.changes.length + report.unlisted).toBe(EVENTS + 7);
    expect(await database().client.event.count()).toBe(EVENTS);
    // Every seventh event has Speaker 3, in every batch.
    const found = await query(graphql(`{ events(filter: { text: "Speaker 3" }) { totalCount } }`));
    expect(found.events.totalCount).toBe(Math.ceil((EVENTS - 3) / 7));
  });

  it('is imported whole from CSV, read row by row', async () => {
    const header = 'slug,title,kind,status,date,participants';
    const rows = Array.from(
      { length: EVENTS },
      (_, i) =>
        `csv-${i},"Event ""${i}""",STATEMENT,REPORTED,2016-01-01,"[{""role"":""SPEAKER"",""actor"":{""slug"":""s-${i % 3}"",""name"":""S ${i % 3}"",""kind"":""PERSON""}}]"`,
    );
    const file = path.join(dir, 'many.csv');
    await writeFile(file, `\uFEFF${header}\r\n${rows.join('\r\n')}\r\n`);
    const report = await importRecords(database().client, fileSource(file));
    expect(report.events.created).toBe(EVENTS);
    expect(await database().client.event.findUnique({ where: { slug: 'csv-4499' }, select: { title: true } })).toEqual({ title: 'Event "4499"' });
    expect(await database().client.participation.count()).toBe(EVENTS);
  });

  it('names the row of a bad record however deep in the file, and writes nothing', async () => {
    const lines = eventBatch('deep', EVENTS).trimEnd().split('\n');
    lines[4_321] = lines[4_321]!.replace('"STATEMENT"', '"GOSSIP"');
    const file = path.join(dir, 'deep.ndjson');
    await writeFile(file, lines.join('\n'));
    const failure = await importRecords(database().client, fileSource(file)).catch((error: unknown) => error);
    expect((failure as { problems: string[] }).problems).toEqual([
      expect.stringMatching(/^deep\.ndjson: row 4322, field kind: no event type has the slug "gossip": use one of analysis, /),
    ]);
    expect(await database().client.event.count()).toBe(0);
  });

  it('is rolled back whole past its time, saying which setting gives it more, and writes nothing', async () => {
    const file = path.join(dir, 'slow.ndjson');
    await writeFile(file, eventBatch('slow', EVENTS));
    // A few milliseconds: every batch takes longer.
    const failure = await importRecords(database().client, fileSource(file), { timeoutMinutes: 0.0001 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WriteTimedOut);
    expect(userMessage(failure)).toBe(
      'the write ran longer than the 0.0001 minutes its transaction may take and was rolled back: nothing was written. Set CHRONICLE_IMPORT_TIMEOUT_MINUTES higher (or import into PostgreSQL, which is faster) and run it again',
    );
    expect(await database().client.event.count()).toBe(0);
    expect(await database().client.change.count()).toBe(0);
  });

  it('names a slug repeated batches apart, reading the earlier row again, and writes nothing', async () => {
    const lines = eventBatch('twice', EVENTS).trimEnd().split('\n');
    lines[4_000] = lines[4_000]!.replace('"twice-4000"', '"twice-10"');
    lines[4_400] = lines[4_400]!.replace('"twice-4400"', '"twice-4100"');
    const { problems, readings } = await refusedImport('twice.ndjson', lines);
    expect(problems).toEqual([
      'twice.ndjson: row 4001, field slug: "twice-10" also appears in row 11; each event once',
      'twice.ndjson: row 4401, field slug: "twice-4100" also appears in row 4101; each event once',
    ]);
    expect([...readings]).toEqual([0, 1]);
    expect(await database().client.event.count()).toBe(0);
  });

  it('names a source that reads otherwise batches apart, from its first row read again, and writes nothing', async () => {
    const cite = (title: string) => ({ source: { slug: 'wire', kind: 'NEWS_REPORT', title, url: 'https://wire.example/1' } });
    const lines = eventBatch('cites', EVENTS)
      .trimEnd()
      .split('\n')
      .map((line, i) => JSON.stringify({ ...JSON.parse(line), citations: [cite(i === 4_200 || i === 4_300 ? 'Wire report' : 'Wire Report')] }));
    const { problems, readings } = await refusedImport('cites.ndjson', lines);
    expect(problems).toEqual([
      'cites.ndjson: 2 rows, field citations[0].source: source "wire" differs from row 1 in title: "Wire report" vs "Wire Report"; make them the same (first at row 4201)',
    ]);
    expect([...readings]).toEqual([0, 1]);
    expect(await database().client.event.count()).toBe(0);
    expect(await database().client.source.count()).toBe(0);

    // A file changed between its readings: the first row no longer names the source.
    const changed = lines.map((line, i) => (i === 0 ? line.replaceAll('"wire"', '"other-wire"') : line)).join('\n');
    const readingsOf = [textSource(lines.join('\n'), 'cites.ndjson'), textSource(changed, 'cites.ndjson')];
    let reading = 0;
    const changing = { ...readingsOf[0]!, records: () => readingsOf[Math.min(reading++, 1)]!.records() };
    const refused = await importRecords(database().client, changing).catch((error: unknown) => error);
    expect((refused as { problems: string[] }).problems).toEqual([
      'cites.ndjson: 2 rows, field citations[0].source: source "wire" differs from row 1 as first read (the file has changed since); make them the same (first at row 4201)',
    ]);
  });

  it("takes another spelling of an actor's name batches later as an alias, and counts the actor once", async () => {
    const respelled = (prefix: string) => {
      const lines = eventBatch(prefix, EVENTS).trimEnd().split('\n');
      // Speaker 1 takes part in every seventh event from the second; row 4,005 spells the name another way.
      lines[4_005] = lines[4_005]!.replace('"Speaker 1"', '"Speaker One"');
      return lines.join('\n');
    };
    const report = await importRecords(database().client, textSource(respelled('spelled'), 'spelled.ndjson'));
    expect(report.actors).toEqual({ created: 7, updated: 0, unchanged: 0 });
    expect(report.warnings.slice(0, 1)).toEqual([
      'spelled.ndjson: row 4006, field participants[0].actor.name: actor "speaker-1" is also spelled "Speaker One" (row 2: "Speaker 1"); kept "Speaker 1", with "Speaker One" as an alias',
    ]);
    const actor = await database().client.actor.findUniqueOrThrow({ where: { slug: 'speaker-1' } });
    expect(actor).toMatchObject({ name: 'Speaker 1', aliases: ['Speaker One'], revision: 1 });
    expect(await database().client.revision.findMany({ where: { recordId: actor.id }, select: { action: true } })).toEqual([{ action: 'CREATED' }]);
    // The alias is in the search text of every event of Speaker 1, those of the first batch too.
    const found = await query(graphql(`{ events(filter: { text: "One" }) { totalCount } }`));
    expect(found.events.totalCount).toBe(Math.ceil((EVENTS - 1) / 7));

    // An actor stored before the import is counted once however many of its batches change it:
    // renamed back in the first, given an alias in the last.
    await database().client.actor.update({ where: { slug: 'speaker-1' }, data: { name: 'S. One' } });
    const again = respelled('again').replaceAll('"Speaker One"', '"Speaker Uno"');
    const second = await importRecords(database().client, textSource(again, 'again.ndjson'));
    expect(second.actors).toEqual({ created: 0, updated: 1, unchanged: 6 });
    expect(second.unchanged).not.toContain('actor speaker-1');
    expect(await database().client.actor.findUniqueOrThrow({ where: { slug: 'speaker-1' } })).toMatchObject({
      name: 'Speaker 1',
      aliases: ['Speaker One', 'Speaker Uno'],
    });
    // And once when none of its batches changes it.
    const third = await importRecords(database().client, textSource(again, 'again.ndjson'));
    expect(third.actors).toEqual({ created: 0, updated: 0, unchanged: 7 });
  });

  it('names the line and byte of a byte that is not UTF-8, past the first megabyte', async () => {
    const line = `${JSON.stringify({ slug: 'x', title: 'y'.repeat(1000), kind: 'STATEMENT', status: 'REPORTED', date: '2016' })}\n`;
    const before = line.repeat(1_500);
    const file = path.join(dir, 'latin1.ndjson');
    await writeFile(file, Buffer.concat([Buffer.from(before), Buffer.from('{"slug":"pe'), Buffer.from([0xf1]), Buffer.from('a"}\n')]));
    const offset = Buffer.byteLength(before) + '{"slug":"pe'.length;
    await expect(importRecords(database().client, fileSource(file))).rejects.toThrow(
      new ImportFileError(`latin1.ndjson: line 1501, byte ${offset}: 0xf1 is not UTF-8; save the file as UTF-8 (from Latin-1: iconv -f latin1 -t utf-8 FILE)`),
    );
  });

  it('is written whole from a dump larger than one statement takes, links and record time included', async () => {
    const count = 5_001;
    const at = '2020-02-02T02:02:02.000Z';
    const lines = [
      { type: 'chronicle-dump', version: 1 },
      ...[0, 1, 2].map((a) => ({ type: 'actor', slug: `actor-${a}`, name: `Actor ${a}`, kind: 'PERSON' })),
      { type: 'source', slug: 'the-source', kind: 'NEWS_REPORT', title: 'The source', reliability: 'B' },
      ...Array.from({ length: count }, (_, i) => ({
        type: 'event',
        slug: `dumped-${i}`,
        title: `Dumped ${i}`,
        kind: 'STATEMENT',
        status: 'REPORTED',
        date: '2016-01-01',
        participants: [{ actor: `actor-${i % 3}`, role: 'SPEAKER' }],
        citations: [{ source: 'the-source', quote: `Quote ${i}`, createdAt: at, updatedAt: at }],
        // Each links to the one after it: a link to an event written later in the same import.
        relations: i + 1 < count ? [{ event: `dumped-${i + 1}`, kind: 'FOLLOWS' }] : [],
        createdAt: at,
        updatedAt: at,
      })),
    ];
    const file = path.join(dir, 'big-dump.ndjson');
    await writeFile(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const started = Date.now();
    const report = await importRecords(database().client, fileSource(file));
    expect(report.events).toEqual({ created: count, updated: 0, unchanged: 0 });
    const db = database().client;
    expect([await db.event.count(), await db.participation.count(), await db.citation.count(), await db.eventRelation.count()]).toEqual([
      count,
      count,
      count,
      count - 1,
    ]);
    const last = await db.event.findUniqueOrThrow({
      where: { slug: `dumped-${count - 1}` },
      include: { participants: { include: { actor: true } }, citations: true, relationsTo: { include: { from: true } } },
    });
    expect(last.participants.map((p) => p.actor.slug)).toEqual([`actor-${(count - 1) % 3}`]);
    expect(last.citations.map((c) => [c.quote, c.createdAt.toISOString()])).toEqual([[`Quote ${count - 1}`, at]]);
    expect(last.relationsTo.map((r) => r.from.slug)).toEqual([`dumped-${count - 2}`]);
    expect([last.createdAt.toISOString(), last.updatedAt.toISOString()]).toEqual([at, at]);
    // Ids made in the database are UUIDs of version 7, their first 48 bits the time they were made.
    expect(last.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const madeAt = Number.parseInt(last.id.replace(/-/g, '').slice(0, 12), 16);
    expect(madeAt).toBeGreaterThanOrEqual(started);
    expect(madeAt).toBeLessThanOrEqual(Date.now());
  });
});
