// Import files as they come from other tools: a byte-order mark is read past, and what Chronicle
// could not keep as given (another encoding, control characters, links that run code) is refused
// before anything is written, with the row and field to fix.
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/imports/import-text.js';
import { ImportValidationError } from '../../src/imports/import-problems.js';
import { decodeImportBytes } from '../../src/imports/read-import-file.js';
import { ImportFileError } from '../../src/imports/import-problems.js';
import { useTestDatabase } from '../helpers/database.js';
import { yoga } from '../helpers/graphql.js';

const database = useTestDatabase({ seed: false });

const event = (fields: Record<string, unknown> = {}) => ({
  slug: 'an-event',
  title: 'An event',
  kind: 'STATEMENT',
  status: 'REPORTED',
  date: '2016-01-01',
  ...fields,
});

async function problems(text: string, file = 'events.ndjson'): Promise<string[]> {
  const failure = await importText(database().client, text, file, { dryRun: true }).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(ImportValidationError);
  return (failure as ImportValidationError).problems;
}

describe('a byte-order mark', () => {
  it.each([
    ['events.ndjson', `\uFEFF${JSON.stringify(event())}\n`],
    ['events.json', `\uFEFF${JSON.stringify([event()])}`],
    ['events.csv', '\uFEFFslug,title,kind,status,date\nan-event,An event,STATEMENT,REPORTED,2016-01-01\n'],
  ])('is read past in %s', async (file, text) => {
    const report = await importText(database().client, text, file, {});
    expect(report.events).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });
});

describe('a file that is not UTF-8', () => {
  it('is refused at its first such byte, with the line, before anything is written', () => {
    const latin1 = Buffer.concat([Buffer.from(`${JSON.stringify(event())}\n{"slug":"pena","title":"Pe`), Buffer.from([0xf1]), Buffer.from('a"}\n')]);
    expect(() => decodeImportBytes(latin1, '/tmp/events.ndjson')).toThrow(
      new ImportFileError(
        `events.ndjson: line 2, byte ${latin1.indexOf(0xf1)}: 0xf1 is not UTF-8; save the file as UTF-8 (from Latin-1: iconv -f latin1 -t utf-8 FILE)`,
      ),
    );
  });

  it('keeps a replacement character the file really holds', () => {
    const text = `${JSON.stringify(event({ title: 'Unreadable \uFFFD in the original' }))}\n`;
    expect(decodeImportBytes(Buffer.from(text), 'events.ndjson')).toBe(text);
  });
});

describe('values Chronicle could not keep as given', () => {
  it('refuses control characters in any text, naming the row and field, also in a dry run', async () => {
    const lines = [event({ title: 'Nul\u0000here' }), event({ slug: 'tagged', tags: ['ok', 'bell\u0007'] })].map((e) => JSON.stringify(e)).join('\n');
    expect(await problems(lines)).toEqual([
      'events.ndjson: row 1, field title: U+0000 (a control character) at character 4: remove it',
      'events.ndjson: row 2, field tags[1]: U+0007 (a control character) at character 5: remove it',
    ]);
    expect(await database().client.event.count()).toBe(0);
  });

  it('refuses a source link that is not http(s), as it would become a link in TimelineJS', async () => {
    const cited = event({ citations: [{ source: { slug: 'a-source', kind: 'NEWS_REPORT', title: 'A source', url: 'javascript:alert(document.domain)' } }] });
    expect(await problems(JSON.stringify(cited))).toEqual([
      'events.ndjson: row 1, field citations[0].source.url: must be an http:// or https:// URL such as https://example.org/report',
    ]);
  });
});

describe('the same source on many rows', () => {
  it('is one source when the rows say the same, whatever the order of their fields or the form of their dates', async () => {
    const asExported = {
      slug: 'ap-report',
      kind: 'WIRE_REPORT',
      title: 'AP report',
      url: 'https://apnews.com/x',
      published: { edtf: '2017-06-04', display: '4 June 2017' },
    };
    const byHand = { published: '2017-06-04', url: 'https://apnews.com/x', title: 'AP report', kind: 'WIRE_REPORT', slug: 'ap-report' };
    const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify(event({ slug: `event-${i}`, citations: [{ source: i % 2 ? byHand : asExported }] })));
    const report = await importText(database().client, lines.join('\n'), 'events.ndjson', {});
    expect(report.events.created).toBe(300);
    expect(report.sources).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });

  it('is refused where the rows really differ, once for all the rows that do', async () => {
    const lines = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify(
        event({ slug: `event-${i}`, citations: [{ source: { slug: 'ap-report', kind: 'WIRE_REPORT', title: i === 0 ? 'AP report' : 'AP Report' } }] }),
      ),
    );
    expect(await problems(lines.join('\n'))).toEqual([
      'events.ndjson: 299 rows, field citations[0].source: source "ap-report" differs from row 1 in title: "AP Report" vs "AP report"; make them the same (first at row 2)',
    ]);
  });
});

describe('sources relying on each other in a circle', () => {
  const source = (slug: string, basedOn: string[]) => ({ type: 'source', slug, kind: 'ANALYSIS', title: slug, basedOn });

  it('are refused, naming the circle, and nothing is written', async () => {
    const records = [source('a', ['b']), source('b', ['c']), source('c', ['a'])];
    const failure = await importText(database().client, JSON.stringify(records), 'sources.json', {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportValidationError);
    expect((failure as ImportValidationError).problems[0]).toMatch(
      /^sources rely on each other in a circle: (a -> b -> c -> a|b -> c -> a -> b|c -> a -> b -> c); a source cannot be based/,
    );
    expect(await database().client.source.count()).toBe(0);
  });

  it('are refused when the circle closes through a source already stored', async () => {
    await importText(database().client, JSON.stringify([source('stored', []), source('relies-on-stored', ['stored'])]), 'first.json', {});
    const failure = await importText(database().client, JSON.stringify([source('stored', ['relies-on-stored'])]), 'second.json', {}).catch(
      (error: unknown) => error,
    );
    expect((failure as ImportValidationError).problems).toEqual([
      'sources rely on each other in a circle: stored -> relies-on-stored -> stored; a source cannot be based, even through others, on itself',
    ]);
    const stored = await database().client.source.findUnique({ where: { slug: 'stored' }, include: { basedOn: true } });
    expect(stored?.basedOn).toEqual([]);
  });

  it('are not a circle when two sources share a basis', async () => {
    const report = await importText(database().client, JSON.stringify([source('base', []), source('x', ['base']), source('y', ['base', 'x'])]), 's.json', {});
    expect(report.sources.created).toBe(3);
  });
});

describe('fields Chronicle does not read', () => {
  const lines = Array.from({ length: 3 }, (_, i) =>
    JSON.stringify(
      event({ slug: `event-${i}`, bogus: 1, participants: [{ role: 'SPEAKER', actor: { slug: 'someone', name: 'Someone', kind: 'PERSON', twitter: '@x' } }] }),
    ),
  );

  it('are left out with one warning per field, naming the rows', async () => {
    const report = await importText(database().client, lines.join('\n'), 'events.ndjson', {});
    expect(report.events.created).toBe(3);
    expect(report.warnings).toEqual([
      'events.ndjson: 3 rows (first at row 1), field participants[0].actor.twitter: not a field Chronicle reads; left out (--strict refuses it)',
      'events.ndjson: 3 rows (first at row 1), field bogus: not a field Chronicle reads; left out (--strict refuses it)',
      'events.ndjson: 3 new events (first "event-0") cite no source; marked unsourced (give citations, or unsourced: false, to say otherwise)',
    ]);
  });

  it("are refused under --strict, and the record's real problems are still reported", async () => {
    const failure = await importText(
      database().client,
      [...lines, JSON.stringify(event({ slug: 'bad', kind: 'GOSSIP', bogus: 2 }))].join('\n'),
      'events.ndjson',
      { strict: true },
    ).catch((error: unknown) => error);
    expect((failure as ImportValidationError).problems).toEqual([
      'events.ndjson: 3 rows, field participants[0].actor.twitter: is not a field Chronicle reads: remove it, or import without --strict to leave it out (first at row 1)',
      'events.ndjson: 4 rows, field bogus: is not a field Chronicle reads: remove it, or import without --strict to leave it out (first at row 1)',
      expect.stringMatching(/^events\.ndjson: row 4, field kind: no event type has the slug "gossip": use one of analysis, /),
    ]);
    expect(await database().client.event.count()).toBe(0);
  });

  it('include none of what an export writes: a round trip warns of nothing', async () => {
    await importText(database().client, lines.join('\n'), 'events.ndjson', {});
    const exported = await (await yoga.fetch('http://yoga/export/events.ndjson')).text();
    const report = await importText(database().client, exported, 'again.ndjson', { strict: true });
    expect(report.warnings).toEqual([]);
    expect(report.events.unchanged).toBe(3);
  });
});

describe('optional text', () => {
  it('is held to the same rule as the rest: no control characters', async () => {
    expect(await problems(JSON.stringify(event({ summary: 'A\u0000summary', place: 'Bell\u0007' })))).toEqual([
      'events.ndjson: row 1, field summary: U+0000 (a control character) at character 2: remove it',
      'events.ndjson: row 1, field place: U+0007 (a control character) at character 5: remove it',
    ]);
  });
});

describe('two imports at once', () => {
  it('both land, one after the other, naming the same actors and sources without a clash', async () => {
    const file = (prefix: string) =>
      Array.from({ length: 50 }, (_, i) =>
        JSON.stringify(
          event({
            slug: `${prefix}-${i}`,
            participants: [{ role: 'SPEAKER', actor: { slug: `shared-actor-${i % 5}`, name: `Shared ${i % 5}`, kind: 'PERSON' } }],
            citations: [{ source: { slug: `shared-source-${i % 3}`, kind: 'ANALYSIS', title: `Shared source ${i % 3}` } }],
          }),
        ),
      ).join('\n');
    const [a, b] = await Promise.all([importText(database().client, file('a'), 'a.ndjson', {}), importText(database().client, file('b'), 'b.ndjson', {})]);
    expect(a.events.created + b.events.created).toBe(100);
    expect(a.actors.created + b.actors.created).toBe(5);
    expect(a.sources.created + b.sources.created).toBe(3);
    expect(await database().client.event.count()).toBe(100);
    expect(await database().client.participation.count()).toBe(100);
  });
});
