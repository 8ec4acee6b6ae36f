// ACLED files in ACLED's own column set (synthetic rows: test/fixtures/acled/README.md): each
// row an event of an ACLED type (terms added under their types), at a place on the map, with its
// actors, citing ACLED attributed to the outlets; importing the same file again changes nothing.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../src/imports/import-text.js';
import { useTestDatabase } from './helpers/database.js';
import { graphql, query } from './helpers/graphql.js';

const database = useTestDatabase({ seed: false });
const sample = () => readFile(path.resolve(import.meta.dirname, 'fixtures/acled/sample.csv'), 'utf8');

describe('an ACLED file', () => {
  it('imports as it is: types as terms, dates at their precision, places, actors, and a citation of ACLED', async () => {
    const report = await importText(database().client, await sample(), 'acled.csv');
    expect(report.events.created).toBe(3);
    const events = await database().client.event.findMany({
      orderBy: { slug: 'asc' },
      include: {
        location: true,
        participants: { include: { actor: true }, orderBy: { actor: { slug: 'asc' } } },
        citations: { include: { source: true } },
      },
    });
    expect(events.map((e) => [e.slug, e.kind, e.date, e.place, e.location?.latitude, e.location?.longitude])).toEqual([
      ['acled-tst1', 'acled-peaceful-protest', '2023-01-31', 'Brussels, Brussels Capital, Belgium', 50.8467, 4.3525],
      ['acled-tst2', 'acled-other', '2023-02-15~', 'Antwerp, Antwerp, Belgium', 51.2194, 4.4025],
      ['acled-tst3', 'acled-armed-clash', '2023-03', 'Namur, Namur, Belgium', 50.4674, 4.872],
    ]);
    expect(events[2]!.participants.map((p) => [p.actor.name, p.actor.kind])).toEqual([
      ['Military Forces of Testland (2020-)', 'GOVERNMENT'],
      ['Rebels of Testland', 'GROUP'],
    ]);
    expect(events[1]!.participants.map((p) => p.actor.kind)).toEqual(['GOVERNMENT']);
    expect(events[0]!.participants.map((p) => p.actor.name)).toEqual(['Labour Group (Belgium)', 'Protesters (Belgium)']);
    expect(events[2]!.citations[0]).toMatchObject({
      attribution: 'Test Wire',
      note: 'ACLED event TST3; fatalities: 3; source scale: International',
      source: { slug: 'acled', kind: 'dataset', url: 'https://acleddata.com' },
    });
    // Sub-types under their types, and Chronicle's own "other" untouched.
    const TERMS = graphql(`query { terms(scheme: EVENT_TYPE) { slug label parent { slug } } }`);
    const terms = (await query(TERMS, {})).terms;
    expect(terms.find((t) => t.slug === 'acled-armed-clash')).toEqual({ slug: 'acled-armed-clash', label: 'Armed clash', parent: { slug: 'acled-battles' } });
    expect(terms.find((t) => t.slug === 'other')).toMatchObject({ label: 'Other', parent: null });
    const BATTLES = graphql(`query { events(filter: { types: ["acled-battles"] }) { edges { node { slug } } } }`);
    expect((await query(BATTLES, {})).events.edges.map((e) => e.node.slug)).toEqual(['acled-tst3']);
    expect((await importText(database().client, await sample(), 'acled.csv')).events).toEqual({ created: 0, updated: 0, unchanged: 3 });
  });

  it('with a date ACLED does not write is refused by row, and nothing is written', async () => {
    const broken = (await sample()).replace('2023-03-01', '03/01/2023');
    await expect(importText(database().client, broken, 'acled.csv')).rejects.toThrow(
      'acled.csv: row 4, field event_date: "03/01/2023" is not a date as ACLED writes them (2023-01-31, or 31 January 2023)',
    );
    expect(await database().client.event.count()).toBe(0);
  });
});
