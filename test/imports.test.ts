// A researcher brings event lists in: validated first, written all or nothing, and a round trip
// through any format gives back the same bytes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importText as importFileText } from '../src/imports/import-text.js';
import { ImportValidationError } from '../src/imports/import-problems.js';
import { readEventList } from '../src/imports/read-event-list.js';
import { parseColumnMap } from '../src/imports/read-import-file.js';
import { ImportFileError } from '../src/imports/import-problems.js';
import { fileSource } from '../src/imports/record-source.js';
import { eventBatch } from './helpers/cli.js';
import { useTestDatabase } from './helpers/database.js';
import { eventSlugs, graphql, query, yoga } from './helpers/graphql.js';

const database = useTestDatabase();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'chronicle-import-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function exported(format: string): Promise<string> {
  return (await yoga.fetch(`http://yoga/export/events.${format}`)).text();
}

async function importText(name: string, text: string, options: { dryRun?: boolean } = {}) {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return importFileText(database().client, text, file, options);
}

async function emptyDatabase() {
  await database().client.$executeRawUnsafe('TRUNCATE "Event", "Actor", "Source" CASCADE');
}

async function snapshot() {
  const c = database().client;
  return {
    events: await c.event.findMany({ orderBy: { slug: 'asc' }, include: { participants: true, citations: true } }),
    actors: await c.actor.findMany({ orderBy: { slug: 'asc' } }),
    sources: await c.source.findMany({ orderBy: { slug: 'asc' } }),
  };
}

describe('a round trip through an export', () => {
  it.each(['csv', 'ndjson', 'json'])('through %s gives back the same bytes', async (format) => {
    const before = await exported(format);
    await emptyDatabase();
    const counts = await importText(`all.${format}`, before);
    expect(counts.events).toEqual({ created: 19, updated: 0, unchanged: 0 });
    expect(await exported(format)).toBe(before);
    // The search index covers what the import wrote: participants' names and quotes.
    expect(await eventSlugs({ text: 'Kislyak' })).toEqual(['oval-office-meeting-with-russian-diplomats']);
    expect(await eventSlugs({ text: 'eavesdropping' })).toEqual(['security-concerns-over-cellphone-calls']);
  });

  it('through CSV keeps text that looks like a formula, or starts with an apostrophe, exactly', async () => {
    const texts = ["'=literal apostrophe", '=SUM(A1:A3)', "'Tis the season", "''doubled", '-5 degrees', '@handle', '+1 more'];
    const events = await database().client.event.findMany({ orderBy: { slug: 'asc' }, take: texts.length, select: { slug: true } });
    for (const [i, { slug }] of events.entries())
      await database().client.event.update({ where: { slug }, data: { title: texts[i]!, summary: texts.at(-1 - i)! } });
    const stored = async () => await database().client.event.findMany({ orderBy: { slug: 'asc' }, select: { slug: true, title: true, summary: true } });
    const before = await stored();
    const csv = await exported('csv');
    await emptyDatabase();
    await importText('formulas.csv', csv);
    expect(await stored()).toEqual(before);
  });

  it('changes nothing when the same file is imported twice', async () => {
    const text = await exported('ndjson');
    const before = await snapshot();
    const counts = await importText('again.ndjson', text);
    expect(counts).toEqual({
      events: { created: 0, updated: 0, unchanged: 19 },
      actors: { created: 0, updated: 0, unchanged: 25 },
      sources: { created: 0, updated: 0, unchanged: 18 },
      timelines: { created: 0, updated: 0, unchanged: 0 },
      changes: [],
      unchanged: expect.arrayContaining(['event trump-macron-brussels-meeting', 'actor donald-trump', 'source seed-article']),
      unlisted: 0,
      warnings: [],
      changedEvents: { created: [], updated: [], more: false },
    });
    // Nothing changed, so no change was kept in the history.
    expect(await database().client.change.count({ where: { via: 'IMPORT' } })).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('updates what changed, and a dry run only counts', async () => {
    const lines = (await exported('ndjson'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    lines[0].title = 'A corrected title';
    lines.push({ ...lines[1], slug: 'a-new-event', title: 'A new event' });
    const text = lines.map((l) => JSON.stringify(l)).join('\n');
    const before = await snapshot();
    const dry = await importText('changes.ndjson', text, { dryRun: true });
    expect(dry.events).toEqual({ created: 1, updated: 1, unchanged: 18 });
    expect(await snapshot()).toEqual(before);
    expect((await importText('changes.ndjson', text)).events).toEqual({ created: 1, updated: 1, unchanged: 18 });
    expect(await database().client.event.findUnique({ where: { slug: lines[0].slug }, select: { title: true } })).toEqual({ title: 'A corrected title' });
    expect(await eventSlugs({ text: 'corrected' })).toEqual([lines[0].slug]);
  });
});

describe('a large import', () => {
  it('writes 1,000 events in one go, and the search finds every one by its words', async () => {
    const report = await importText('many.ndjson', eventBatch('many', 1_000));
    expect(report.events).toEqual({ created: 1_000, updated: 0, unchanged: 0 });
    const found = await query(graphql(`{ events(filter: { text: "Speaker 3" }) { totalCount } }`));
    // Every seventh event has Speaker 3: 143 of them.
    expect(found.events.totalCount).toBe(143);
  });
});

describe('an import of a filtered export', () => {
  it('keeps the citations a knownBy export left out when its file comes back corrected', async () => {
    const slug = 'trudeau-calls-trump-cellphone';
    const cited = async () =>
      (await database().client.citation.findMany({ where: { event: { slug } }, select: { source: { select: { slug: true } } } }))
        .map((c) => c.source.slug)
        .sort();
    const before = await cited();
    expect(before).toContain('washington-post-trudeau-call-2018');
    const text = await (await yoga.fetch(`http://yoga/export/events.ndjson?knownBy=2017-06-04&actor=justin-trudeau`)).text();
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const trudeau = lines.find((l) => l.slug === slug);
    expect(trudeau.citations.map((c: { source: { slug: string } }) => c.source.slug)).not.toContain('washington-post-trudeau-call-2018');
    trudeau.title = 'Justin Trudeau calls Trump on his cellphone';
    const report = await importText('known-by.ndjson', lines.map((l) => JSON.stringify(l)).join('\n'));
    expect(report.events.updated).toBe(1);
    expect(await cited()).toEqual(before);
  });
});

describe('an import that renames an actor', () => {
  it('refreshes the search text of every event the actor took part in, not only those in the file', async () => {
    const lines = (await exported('ndjson'))
      .trimEnd()
      .split('\n')
      .filter((l) => l.includes('"trump-turnbull-call"'));
    const renamed = lines[0]!.replaceAll('"name":"Donald Trump"', '"name":"Donaldo Trumpington"');
    const trumps = await eventSlugs({ actors: ['donald-trump'] });
    const counts = await importText('rename.ndjson', renamed);
    expect(counts.actors.updated).toBe(1);
    // Every event Trump took part in, wherever the file stops.
    expect((await eventSlugs({ text: 'Trumpington' })).sort()).toEqual(trumps.sort());
    expect(trumps.length).toBeGreaterThan(lines.length);
    await importText('rename-back.ndjson', lines[0]!);
    expect(await eventSlugs({ text: 'Trumpington' })).toEqual([]);
  });
});

describe('a malformed file is refused whole, with every problem named', () => {
  async function refused(name: string, text: string) {
    const before = await snapshot();
    const file = path.join(dir, name);
    await writeFile(file, text);
    const error = await importFileText(database().client, text, file).then(
      () => {
        throw new Error('the import was accepted');
      },
      (e: unknown) => e as Error,
    );
    expect(await snapshot()).toEqual(before);
    return error;
  }

  it('reports broken CSV quoting with its row', async () => {
    const csv = await exported('csv');
    const lines = csv.split('\r\n');
    lines[3] = lines[3]!.replace(',"', ',"unterminated ');
    lines[3] = lines[3]!.slice(0, 40);
    const error = await refused('broken.csv', lines.join('\r\n'));
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error.message).toMatch(/^broken\.csv: /);
    expect(error.message).toContain('check the quoting');
  });

  it('reports wrong types, unknown kinds, bad dates and duplicates, field by field', async () => {
    const lines = (await exported('ndjson'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    lines[0].kind = 'GOSSIP';
    lines[1].date = { edtf: '2017-02-30' };
    lines[2].tags = 'leaks';
    lines[3].citations[0].source = { slug: 'x' };
    delete lines[6].citations[0].source;
    lines[4].slug = lines[5].slug;
    const error = await refused('bad.ndjson', lines.map((l) => JSON.stringify(l)).join('\n'));
    expect(error).toBeInstanceOf(ImportValidationError);
    expect((error as ImportValidationError).problems).toEqual([
      expect.stringMatching(/^bad\.ndjson: row 1, field kind: no event type has the slug "gossip": use one of analysis, .*phone-call, /),
      'bad.ndjson: row 2, field date: "2017-02-30" has day 30; February 2017 has 28 days',
      'bad.ndjson: row 3, field tags: Invalid input: expected array, received string',
      'bad.ndjson: row 4, field citations[0].source.kind: is missing; export a sample to see every field a record needs',
      'bad.ndjson: row 4, field citations[0].source.title: is missing; export a sample to see every field a record needs',
      expect.stringMatching(/^bad\.ndjson: row 6, field slug: ".*" also appears in row 5; each event once$/),
      'bad.ndjson: row 7, field citations[0].source: is missing; export a sample to see every field a record needs',
    ]);
    expect(error.message).toMatch(/^7 problems; nothing was imported:/);
  });

  it('refuses 1,000 rows for one bad one, and says which', async () => {
    const [template] = (await exported('ndjson'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const rows = Array.from({ length: 1000 }, (_, i) => ({ ...template, slug: `generated-${i}`, date: i === 637 ? '2017-13-01' : '2017-01-01' }));
    const error = await refused('thousand.ndjson', rows.map((r) => JSON.stringify(r)).join('\n'));
    expect(error.message).toBe(
      '1 problem; nothing was imported:\nthousand.ndjson: row 638, field date: "2017-13-01" has month 13; months run from 01 to 12 (21 to 24 are the seasons spring to winter)',
    );
  });

  it('groups a problem repeated on many rows into one line, and reports every problem of a row', async () => {
    const [template] = (await exported('ndjson'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const rows = Array.from({ length: 300 }, (_, i) => ({ ...template, slug: `generated-${i}`, kind: i >= 79 ? 'SPEECH' : template.kind }));
    rows[10] = { ...rows[10], title: '', status: 'RUMOUR' };
    const error = (await refused('many.ndjson', rows.map((r) => JSON.stringify(r)).join('\n'))) as ImportValidationError;
    expect(error).toBeInstanceOf(ImportValidationError);
    expect(error.problems).toEqual([
      'many.ndjson: row 11, field title: must not be empty',
      expect.stringMatching(/^many\.ndjson: row 11, field status: must be one of CONFIRMED, /),
      expect.stringMatching(/^many\.ndjson: 221 rows, field kind: no event type has the slug "speech": use one of .* \(first at row 80\)$/),
    ]);
    expect(error.message).toMatch(/^223 problems; nothing was imported:\n/);
  });

  it("says first when a CSV's columns are not Chronicle's, and reads it with --map", async () => {
    const csv = (await exported('csv')).replace(/^(\uFEFF?)slug,title,/, '$1id,headline,');
    const error = await refused('theirs.csv', csv);
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error.message).toMatch(
      /^theirs\.csv: no column "slug", "title"; the columns are "id", "headline", "summary", .*; see docs\/exports\.md for the columns Chronicle reads, name yours with --map \(e\.g\. --map slug=id,title=headline\), or map a spreadsheet of your own with --map map\.yaml \(docs\/imports\.md; --suggest-map drafts one\)$/,
    );
    const file = path.join(dir, 'theirs.csv');
    const mapped = fileSource(file, parseColumnMap('slug=id, title=headline'));
    const read: string[] = [];
    for await (const batch of readEventList(mapped, 100, [])) read.push(...batch.events.map((e) => e.slug));
    expect(read).toEqual(await eventSlugs());
  });

  it("keeps a second spelling of an actor's name as an alias, and says so", async () => {
    const lines = (await exported('ndjson'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    lines[1].participants[0].actor.name = 'Donald J. Trump';
    const before = await snapshot();
    const report = await importText('names.ndjson', lines.map((l) => JSON.stringify(l)).join('\n'), { dryRun: true });
    expect(report.warnings).toEqual([
      'names.ndjson: row 2, field participants[0].actor.name: actor "donald-trump" is also spelled "Donald J. Trump" (row 1: "Donald Trump"); kept "Donald Trump", with "Donald J. Trump" as an alias',
    ]);
    const { aliases } = await database().client.actor.findUniqueOrThrow({ where: { slug: 'donald-trump' } });
    expect(report.changes).toEqual([`actor donald-trump: aliases ${JSON.stringify(aliases)} -> ${JSON.stringify([...aliases, 'Donald J. Trump'])}`]);
    expect(await snapshot()).toEqual(before);
  });

  it('says which existing actor an import would rename, with the old name and the new', async () => {
    const text = (await exported('ndjson')).replaceAll('"name":"Donald Trump"', '"name":"Donald J. Trump"');
    const report = await importText('renames.ndjson', text, { dryRun: true });
    expect(report.changes).toContain('actor donald-trump: name "Donald Trump" -> "Donald J. Trump"');
    expect(report.actors).toMatchObject({ updated: 1 });
  });

  it('refuses an actor given two kinds', async () => {
    const lines = (await exported('ndjson'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    lines[1].participants[0].actor.kind = 'GROUP';
    const error = await refused('kinds.ndjson', lines.map((l) => JSON.stringify(l)).join('\n'));
    expect((error as ImportValidationError).problems).toEqual([
      'kinds.ndjson: row 2, field participants[0].actor: actor "donald-trump" differs from row 1 in kind: "GROUP" vs "PERSON"; make them the same',
    ]);
  });

  it('names the format it cannot read', async () => {
    const error = await refused('events.ods', 'PK');
    expect(error.message).toBe('events.ods: cannot tell the format from ".ods"; name it .csv, .xlsx, .ndjson or .json');
    // A workbook is read from a file, by the command line; sent as text, it is refused with what to do.
    expect((await refused('events.xlsx', 'PK')).message).toBe(
      'events.xlsx: an Excel workbook is read from a file: import it with chronicle import, or save it as CSV',
    );
  });
});
