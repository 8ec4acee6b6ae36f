// Wikidata's events, from a SPARQL result as the Wikidata Query Service writes it (JSON, or CSV):
// one row per event and participant, grouped into one event each. The query names its columns
// (docs/imports.md gives one): `event` (the item), `eventLabel`, `eventDescription`, its time as
// `date` (P585) or `start`/`end` (P580/P582) with their precisions (`datePrecision`,
// `startPrecision`, `endPrecision`: 9 a year, 10 a month, 11 a day), `place`, `placeLabel`,
// `coord` (its P625), `participant`, `participantLabel`. Labels in several languages become
// translations. Each event cites its Wikidata item, and its slug is made from its QID, so
// importing a newer result updates the same events; actors and places keep their QIDs.
import { slugFrom } from '../lib/slugs.js';
import type { RawRecord } from './import-problems.js';
import type { RecordSource } from './record-source.js';
import { headerOf, jsonOf, tableOf } from './source-shapes.js';

interface Term {
  value: string;
  lang?: string;
}
type Row = Record<string, Term | undefined>;

const ENTITY = /^https?:\/\/www\.wikidata\.org\/entity\/(Q\d+)$/;
const qidOf = (term: Term | undefined) => (term ? ENTITY.exec(term.value)?.[1] : undefined);

/**
 * A Wikidata time ("2017-05-25T00:00:00Z", "-0043-03-15T00:00:00Z") as EDTF at its precision:
 * 11 a day, 10 a month, 9 a year, 8 a decade (201X), 7 a century (20XX). Years past four digits
 * are years only (Y-13800000000).
 */
function edtfOf(time: string, precision: number | undefined): string | undefined {
  const found = /^([+-]?)(\d+)-(\d{2})-(\d{2})T/.exec(time);
  if (!found) return undefined;
  const [, sign, digits, month, day] = found;
  const negative = sign === '-';
  const number = Number(digits);
  if (number > 9999) return `Y${negative ? '-' : ''}${number}`;
  const year = `${negative ? '-' : ''}${String(number).padStart(4, '0')}`;
  switch (precision ?? 11) {
    case 11:
      return `${year}-${month}-${day}`;
    case 10:
      return `${year}-${month}`;
    case 8:
      return negative ? year : `${year.slice(0, 3)}X`;
    case 7:
      return negative ? year : `${year.slice(0, 2)}XX`;
    default:
      return year;
  }
}

/** A WKT point as Wikidata gives coordinates: "Point(4.35 50.85)", longitude first. */
function pointOf(term: Term | undefined): { latitude: number; longitude: number } | undefined {
  const found = /^Point\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)$/i.exec(term?.value ?? '');
  return found ? { longitude: Number(found[1]), latitude: Number(found[2]) } : undefined;
}

/** The first label in each language the rows give, by language ("" when a CSV says none). */
function labels(rows: Row[], variable: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const row of rows) {
    const term = row[variable];
    if (term?.value && !found.has(term.lang ?? '')) found.set(term.lang ?? '', term.value);
  }
  return found;
}

/** One Wikidata event, from all its rows, as the record an export holds. */
function eventRecord(qid: string, rows: Row[], row: number): RawRecord {
  const first = rows[0]!;
  const titles = labels(rows, 'eventLabel');
  const descriptions = labels(rows, 'eventDescription');
  // The first label's language is the record's; the others are its translations.
  const [language, title] = [...titles.entries()][0] ?? ['', qid];
  const precision = (name: string) => (first[name] ? Number(first[name]!.value) : undefined);
  const at = (name: string) => (first[name] ? edtfOf(first[name]!.value, precision(`${name}Precision`) ?? precision('precision')) : undefined);
  const [date, start, end] = [at('date'), at('start'), at('end')];
  const when = date ?? (start || end ? `${start ?? ''}/${end ?? (start ? '..' : '')}` : undefined);
  const problems = when
    ? []
    : [{ field: 'date', message: `${qid} has no date, start or end in the result: add ?date (P585) or ?start/?end (P580/P582) to the query` }];
  const place = qidOf(first.place);
  const participants = new Map<string, string>();
  for (const r of rows) {
    const id = qidOf(r.participant);
    if (id && !participants.has(id)) participants.set(id, r.participantLabel?.value ?? id);
  }
  const url = `https://www.wikidata.org/wiki/${qid}`;
  return {
    row,
    value: {
      slug: `wikidata-${qid.toLowerCase()}`,
      title,
      summary: descriptions.get(language) ?? null,
      ...(language ? { language } : {}),
      translations: Object.fromEntries(
        [...titles.entries()]
          .filter(([lang]) => lang && lang !== language)
          .map(([lang, text]) => [lang, { title: text, ...(descriptions.get(lang) ? { summary: descriptions.get(lang) } : {}) }]),
      ),
      kind: 'other',
      status: 'REPORTED',
      date: when ?? '',
      location: place
        ? {
            slug: slugFrom(first.placeLabel?.value ?? place),
            name: first.placeLabel?.value ?? place,
            ...pointOf(first.coord),
            externalIds: { wikidata: place },
          }
        : undefined,
      participants: [...participants].map(([id, name]) => ({
        role: 'participant',
        actor: { slug: slugFrom(name), name, kind: 'PERSON', externalIds: { wikidata: id } },
      })),
      citations: [{ source: { slug: `wikidata-${qid.toLowerCase()}`, kind: 'dataset', title: `Wikidata: ${title} (${qid})`, url } }],
    },
    ...(problems.length ? { problems } : {}),
  };
}

/** Rows grouped by event, in the order their events first appear. */
function wikidataRecords(rows: Row[]): RawRecord[] {
  const byEvent = new Map<string, Row[]>();
  for (const row of rows) {
    const qid = qidOf(row.event);
    if (qid) byEvent.set(qid, [...(byEvent.get(qid) ?? []), row]);
  }
  return [...byEvent].map(([qid, mine], index) => eventRecord(qid, mine, index + 1));
}

interface SparqlJson {
  head: { vars: string[] };
  results: { bindings: Record<string, { type: string; value: string; 'xml:lang'?: string }>[] };
}

const isSparqlJson = (value: unknown): value is SparqlJson =>
  typeof value === 'object' && value !== null && Array.isArray((value as SparqlJson).head?.vars) && Array.isArray((value as SparqlJson).results?.bindings);

/** A CSV is a Wikidata result when it has an `event` column of Wikidata items and an `eventLabel`. */
const isWikidataHeader = (header: string[]) => header.includes('event') && header.includes('eventLabel');

/** A Wikidata SPARQL result's events, or undefined when the source holds something else. */
export async function wikidataRecordsOf(source: RecordSource): Promise<RawRecord[] | undefined> {
  const json = await jsonOf(source);
  if (json !== undefined) {
    if (!isSparqlJson(json)) return undefined;
    return wikidataRecords(
      json.results.bindings.map((binding) =>
        Object.fromEntries(Object.entries(binding).map(([name, term]) => [name, { value: term.value, lang: term['xml:lang'] }])),
      ),
    );
  }
  const header = await headerOf(source);
  if (!header || !isWikidataHeader(header)) return undefined;
  const { rows } = await tableOf(source);
  return wikidataRecords(rows.map((cells) => Object.fromEntries(Object.entries(cells).map(([name, value]) => [name, value ? { value } : undefined]))));
}
