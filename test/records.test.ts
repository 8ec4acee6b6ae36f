// A researcher brings records richer than an event list: actors with aliases and affiliations,
// sources with what they are based on, events with links, as JSON or NDJSON in the seed's shapes.
import { describe, expect, it } from 'vitest';
import { importText } from '../src/imports/import-text.js';
import { ImportValidationError } from '../src/imports/import-problems.js';
import { useTestDatabase } from './helpers/database.js';
import { graphql, query } from './helpers/graphql.js';

const database = useTestDatabase({ seed: false });

const RECORDS = [
  { type: 'actor', slug: 'government-of-korea', name: 'Government of South Korea', kind: 'GOVERNMENT' },
  {
    type: 'actor',
    slug: 'kim-dae-jung',
    name: 'Kim Dae-jung',
    kind: 'PERSON',
    aliases: ['Kim Dae Jung'],
    externalIds: { wikidata: 'Q26998' },
    affiliations: [{ organisation: 'government-of-korea', role: 'President', start: '1998-02-25', end: '2003-02-24' }],
  },
  { type: 'source', slug: 'state-dept-visits', kind: 'OFFICIAL_STATEMENT', title: 'Visits by foreign leaders', reliability: 'A', retrieved: '2024-03-01' },
  { type: 'source', slug: 'visit-summary', kind: 'ANALYSIS', title: 'A summary of the visits', basedOn: ['state-dept-visits'] },
  {
    type: 'event',
    slug: 'kim-visits-washington',
    title: 'Kim Dae-jung visits Washington',
    kind: 'MEETING',
    status: 'CONFIRMED',
    date: '1998-06-06/1998-06-13',
    participants: [{ actor: 'kim-dae-jung', role: 'INITIATOR' }],
    citations: [{ source: 'state-dept-visits' }],
  },
  {
    type: 'event',
    slug: 'kim-addresses-congress',
    title: 'Kim Dae-jung addresses Congress',
    kind: 'STATEMENT',
    status: 'CONFIRMED',
    date: '1998-06-10',
    participants: [{ actor: 'kim-dae-jung', role: 'SPEAKER' }],
    citations: [{ source: 'visit-summary' }],
    relations: [{ kind: 'PART_OF', event: 'kim-visits-washington' }],
  },
];

describe('a researcher imports typed records', () => {
  it('as JSON, with everything the seed format holds, and a second import changes nothing', async () => {
    const report = await importText(database().client, JSON.stringify(RECORDS), 'visits.json');
    expect([report.actors.created, report.sources.created, report.events.created]).toEqual([2, 2, 2]);
    const data = await query(
      graphql(`{
      actor(slug: "kim-dae-jung") { aliases affiliations { role organisation { slug } start { edtf } end { edtf } } }
      source(slug: "visit-summary") { basedOn { slug reliability } }
      event(slug: "kim-addresses-congress") { related { kind event { slug date { display } } } }
    }`),
    );
    expect(data).toEqual({
      actor: {
        aliases: ['Kim Dae Jung'],
        affiliations: [{ role: 'President', organisation: { slug: 'government-of-korea' }, start: { edtf: '1998-02-25' }, end: { edtf: '2003-02-24' } }],
      },
      source: { basedOn: [{ slug: 'state-dept-visits', reliability: 'A' }] },
      event: { related: [{ kind: 'PART_OF', event: { slug: 'kim-visits-washington', date: { display: '6 June 1998 to 13 June 1998' } } }] },
    });
    const before = await database().client.actor.findMany({ orderBy: { slug: 'asc' } });
    const again = await importText(database().client, RECORDS.map((r) => JSON.stringify(r)).join('\n'), 'visits.ndjson');
    expect(again.changes).toEqual([]);
    expect(await database().client.actor.findMany({ orderBy: { slug: 'asc' } })).toEqual(before);
  });

  it('lets a record name one the database already has', async () => {
    await importText(database().client, JSON.stringify(RECORDS), 'visits.json');
    const later = {
      type: 'event',
      slug: 'kim-meets-press',
      title: 'Kim Dae-jung meets the press',
      kind: 'STATEMENT',
      status: 'REPORTED',
      date: '1998-06-11',
      participants: [{ actor: 'kim-dae-jung', role: 'SPEAKER' }],
      citations: [{ source: 'state-dept-visits' }],
    };
    const report = await importText(database().client, `${JSON.stringify(later)}\n`, 'later.ndjson');
    expect(report.events.created).toBe(1);
  });

  it('refuses a record that names what is not there, saying where', async () => {
    const broken = [
      ...RECORDS,
      {
        type: 'event',
        slug: 'orphan',
        title: 'Orphan',
        kind: 'MEETING',
        status: 'REPORTED',
        date: '1998',
        participants: [{ actor: 'nobody', role: 'SPEAKER' }],
        citations: [{ source: 'state-dept-visits' }],
      },
    ];
    const error = await importText(database().client, JSON.stringify(broken), 'broken.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportValidationError);
    expect((error as ImportValidationError).problems).toEqual(['broken.json: record 7, field participants.actor: unknown slug "nobody"']);
  });
});
