// GDELT event files, read as GDELT publishes them: tab-separated, no header, in the order of GDELT's
// event codebook. Three layouts, told by their number of columns: 2.0's 15-minute files
// (`*.export.CSV`, 61), 1.0's daily files (`YYYYMMDD.export.CSV`, 58: no ADM2 codes) and 1.0's
// backfiles of 1979 to March 2013 (57: no article URL either). Each row is an event: its CAMEO
// root code a term of Chronicle's vocabulary ("Consult (CAMEO 04)") and its full code a tag, its
// actors participants, where it happened (ActionGeo) a place on the map; it cites the article
// GDELT read, and GDELT, which coded it.
import { slugFrom } from '../lib/slugs.js';
import type { TermRecord } from '../records/record-schemas.js';
import type { RawRecord } from './import-problems.js';
import type { RecordSource } from './record-source.js';

/** The columns Chronicle reads that come before the places, the same in every layout (numbered from 0). */
const LEADING = {
  id: 0,
  day: 1,
  actor1Code: 5,
  actor1Name: 6,
  actor1Country: 7,
  actor1Type: 12,
  actor2Code: 15,
  actor2Name: 16,
  actor2Country: 17,
  actor2Type: 22,
  eventCode: 26,
  rootCode: 28,
  goldstein: 30,
  mentions: 31,
  tone: 34,
} as const;

type Column = keyof typeof LEADING | 'placeName' | 'placeLat' | 'placeLong' | 'placeFeature' | 'url';

interface Layout {
  columns: Record<Column, number | undefined>;
  /** GDELT, cited as the dataset that coded the row. */
  dataset: { slug: string; title: string };
}

/** Each layout by its number of columns. */
const LAYOUTS: Record<number, Layout> = {
  61: {
    columns: { ...LEADING, placeName: 52, placeLat: 56, placeLong: 57, placeFeature: 58, url: 60 },
    dataset: { slug: 'gdelt', title: 'GDELT 2.0 Event Database' },
  },
  58: {
    columns: { ...LEADING, placeName: 50, placeLat: 53, placeLong: 54, placeFeature: 55, url: 57 },
    dataset: { slug: 'gdelt-1', title: 'GDELT 1.0 Event Database' },
  },
  57: {
    columns: { ...LEADING, placeName: 50, placeLat: 53, placeLong: 54, placeFeature: 55, url: undefined },
    dataset: { slug: 'gdelt-1', title: 'GDELT 1.0 Event Database' },
  },
};

/** CAMEO's twenty root codes, by which GDELT classes what happened. */
const CAMEO_ROOTS: Record<string, string> = {
  '01': 'Make public statement',
  '02': 'Appeal',
  '03': 'Express intent to cooperate',
  '04': 'Consult',
  '05': 'Engage in diplomatic cooperation',
  '06': 'Engage in material cooperation',
  '07': 'Provide aid',
  '08': 'Yield',
  '09': 'Investigate',
  '10': 'Demand',
  '11': 'Disapprove',
  '12': 'Reject',
  '13': 'Threaten',
  '14': 'Protest',
  '15': 'Exhibit force posture',
  '16': 'Reduce relations',
  '17': 'Coerce',
  '18': 'Assault',
  '19': 'Fight',
  '20': 'Use unconventional mass violence',
};

/** CAMEO actor types as Chronicle's kinds of actor: governments, the media; the rest are groups. */
const ACTOR_KINDS: Record<string, string> = {
  GOV: 'GOVERNMENT',
  MIL: 'GOVERNMENT',
  COP: 'GOVERNMENT',
  JUD: 'GOVERNMENT',
  LEG: 'GOVERNMENT',
  MED: 'MEDIA_OUTLET',
  IGO: 'ORGANISATION',
  NGO: 'ORGANISATION',
  BUS: 'ORGANISATION',
  MNC: 'ORGANISATION',
};

const rootTerm = (root: string): TermRecord => ({
  scheme: 'EVENT_TYPE',
  slug: `cameo-${root}`,
  label: `${CAMEO_ROOTS[root]} (CAMEO ${root})`,
  description: 'A CAMEO root code, as GDELT classes events.',
});

type Cells = (column: Column) => string;
const cellsOf =
  (cells: string[], layout: Layout): Cells =>
  (column) => {
    const at = layout.columns[column];
    return at === undefined ? '' : (cells[at]?.trim() ?? '');
  };

/** A row's actors, named, each with the kind its CAMEO codes say: a type code, or a country alone (its state). */
function actorsOf(cell: Cells): { name: string; kind: string }[] {
  return (['actor1', 'actor2'] as const)
    .map((which) => {
      const [code, country, type] = [cell(`${which}Code`), cell(`${which}Country`), cell(`${which}Type`)];
      return { name: cell(`${which}Name`), kind: ACTOR_KINDS[type] ?? (code && code === country ? 'GOVERNMENT' : 'GROUP') };
    })
    .filter((a) => a.name);
}

/** Kinds from the most to the least particular: a name GDELT codes both ways is the first it is. */
const KIND_ORDER = ['GOVERNMENT', 'MEDIA_OUTLET', 'ORGANISATION', 'GROUP'];

/**
 * One kind per actor name for the whole file: GDELT codes "UNITED STATES" as a government in one
 * row and without a type in another, and an actor is one record.
 */
function kindsByName(rows: Cells[]): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const { name, kind } of rows.flatMap(actorsOf)) {
    const had = kinds.get(name);
    if (!had || KIND_ORDER.indexOf(kind) < KIND_ORDER.indexOf(had)) kinds.set(name, kind);
  }
  return kinds;
}

function eventRecord(cell: Cells, row: number, kinds: Map<string, string>, layout: Layout): RawRecord {
  const day = /^(\d{4})(\d{2})(\d{2})$/.exec(cell('day'));
  const root = cell('rootCode').padStart(2, '0');
  const url = cell('url');
  const host = URL.canParse(url) ? new URL(url).hostname.replace(/^www\./, '') : undefined;
  const latitude = Number(cell('placeLat'));
  const longitude = Number(cell('placeLong'));
  const located = cell('placeLat') !== '' && Number.isFinite(latitude) && Number.isFinite(longitude);
  const actors = actorsOf(cell);
  const problems = [
    ...(day ? [] : [{ field: 'SQLDATE', message: `"${cell('day')}" is not a day as GDELT writes them (20170525)` }]),
    ...(CAMEO_ROOTS[root] ? [] : [{ field: 'EventRootCode', message: `"${cell('rootCode')}" is not a CAMEO root code (01 to 20)` }]),
  ];
  return {
    row,
    value: {
      slug: `gdelt-${slugFrom(cell('id'))}`,
      title: `${CAMEO_ROOTS[root] ?? 'Event'}: ${actors.map((a) => a.name).join(', ') || cell('placeName') || 'unnamed actors'}`,
      summary: null,
      kind: `cameo-${root}`,
      status: 'REPORTED',
      date: day ? `${day[1]}-${day[2]}-${day[3]}` : '',
      place: cell('placeName') || null,
      tags: cell('eventCode') ? [`cameo-${slugFrom(cell('eventCode'))}`] : [],
      location: cell('placeName')
        ? {
            slug: slugFrom(cell('placeName')),
            name: cell('placeName'),
            ...(located ? { latitude, longitude } : {}),
            externalIds: cell('placeFeature') ? { gdelt: cell('placeFeature') } : {},
          }
        : undefined,
      participants: actors.map(({ name }) => ({ role: 'participant', actor: { slug: slugFrom(name), name, kind: kinds.get(name)! } })),
      citations: [
        ...(host ? [{ source: { slug: slugFrom(url.replace(/^https?:\/\/(www\.)?/, '')), kind: 'news-report', title: `Article at ${host}`, url } }] : []),
        {
          source: { ...layout.dataset, kind: 'dataset', url: 'https://www.gdeltproject.org' },
          note: `GDELT event ${cell('id')}, CAMEO ${cell('eventCode')}; Goldstein ${cell('goldstein')}, ${cell('mentions')} mentions, tone ${cell('tone')}`,
        },
      ],
    },
    ...(problems.length ? { problems } : {}),
  };
}

/** The layout of a first line that is a GDELT event row (tab-separated fields, an id and a day first), if it is one. */
const layoutOf = (line: string): Layout | undefined => {
  const fields = line.replace(/\r?\n$/, '').split('\t');
  return /^\d+$/.test(fields[0]!) && /^\d{8}$/.test(fields[1] ?? '') ? LAYOUTS[fields.length] : undefined;
};

/** A GDELT file's events and the CAMEO terms they need, or undefined when the source holds something else. */
export async function gdeltFileOf(source: RecordSource): Promise<{ records: RawRecord[]; terms: TermRecord[] } | undefined> {
  const layout = source.format === 'csv' ? layoutOf(await source.firstLine()) : undefined;
  if (!layout) return undefined;
  const rows = (await source.text())
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => cellsOf(line.replace(/\r$/, '').split('\t'), layout));
  const kinds = kindsByName(rows);
  const records = rows.map((cell, index) => eventRecord(cell, index + 1, kinds, layout));
  const roots = new Set(rows.map((cell) => cell('rootCode').padStart(2, '0')));
  return { records, terms: [...roots].filter((root) => CAMEO_ROOTS[root]).map(rootTerm) };
}
