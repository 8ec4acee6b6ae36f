// ACLED (Armed Conflict Location & Event Data) files, read as ACLED publishes them: a CSV or a
// workbook of its column set (event_id_cnty, event_date, time_precision, disorder_type,
// event_type, sub_event_type, actor1, assoc_actor_1, inter1, actor2, ..., location, latitude,
// longitude, source, notes, fatalities, ...). Each row is an event: its type and sub-type become
// terms of Chronicle's vocabulary (a sub-type under its type), its actors participants, its place
// a place on the map, and it cites ACLED, attributed to the outlets ACLED names.
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import type { TermRecord } from '../records/record-schemas.js';
import { slugFrom } from '../lib/slugs.js';
import type { RawRecord } from './import-problems.js';
import type { RecordSource } from './record-source.js';
import { headerOf, tableOf } from './source-shapes.js';

dayjs.extend(customParseFormat);

/** The columns that say a sheet is ACLED's. */
const ACLED_COLUMNS = ['event_id_cnty', 'event_date', 'event_type', 'actor1', 'latitude', 'longitude'];

/** ACLED's actor categories (inter1, inter2: a code, or since 2024 its name) as Chronicle's kinds of actor. */
const ACTOR_KINDS: Record<string, string> = {
  '1': 'GOVERNMENT',
  'state forces': 'GOVERNMENT',
  '8': 'ORGANISATION',
  'external/other forces': 'ORGANISATION',
};

/** The date ACLED gives (2023-01-31, or 31 January 2023 from its export tool) at its time precision. */
function dateOf(text: string, precision: string): string | undefined {
  const day = dayjs(text.trim(), ['YYYY-MM-DD', 'D MMMM YYYY', 'DD MMMM YYYY'], 'en', true);
  if (!day.isValid()) return undefined;
  // 1: the day; 2: within a week of it (about the day); 3: within its month.
  if (precision === '3') return day.format('YYYY-MM');
  return precision === '2' ? `${day.format('YYYY-MM-DD')}~` : day.format('YYYY-MM-DD');
}

/** An ACLED type's term: its own slug, so that ACLED's "Other" never touches Chronicle's other. */
const typeSlug = (name: string) => `acled-${slugFrom(name.replace(/\//g, ' '))}`;

/** One row of an ACLED file as the record an export holds. */
function eventRecord(cells: Record<string, string>, row: number): RawRecord {
  const cell = (column: string) => cells[column]?.trim() ?? '';
  const date = dateOf(cell('event_date'), cell('time_precision'));
  const actors = [
    ...[cell('actor1'), ...cell('assoc_actor_1').split(';')].map((name) => ({ name, inter: cell('inter1') })),
    ...[cell('actor2'), ...cell('assoc_actor_2').split(';')].map((name) => ({ name, inter: cell('inter2') })),
  ].filter((a) => a.name.trim());
  const latitude = Number(cell('latitude'));
  const longitude = Number(cell('longitude'));
  const located = cell('latitude') !== '' && Number.isFinite(latitude) && Number.isFinite(longitude);
  const place = [cell('location'), cell('admin1'), cell('country')].filter(Boolean);
  const id = cell('event_id_cnty');
  return {
    row,
    value: {
      slug: `acled-${slugFrom(id)}`,
      title: `${cell('sub_event_type') || cell('event_type')}: ${place[0] ?? cell('country')}${actors[0] ? `, ${actors[0].name.trim()}` : ''}`,
      summary: cell('notes') || null,
      kind: typeSlug(cell('sub_event_type') || cell('event_type')),
      status: 'REPORTED',
      date: date ?? '',
      place: place.join(', ') || null,
      tags: [cell('disorder_type'), cell('civilian_targeting')].filter(Boolean).map(slugFrom),
      location: place.length
        ? {
            slug: slugFrom(place.join(' ')),
            name: place[0],
            country: null,
            ...(located ? { latitude, longitude } : {}),
            externalIds: {},
          }
        : undefined,
      participants: actors.map(({ name, inter }) => ({
        role: 'participant',
        actor: { slug: slugFrom(name), name: name.trim(), kind: ACTOR_KINDS[inter.toLowerCase()] ?? 'GROUP' },
      })),
      citations: [
        {
          source: { slug: 'acled', kind: 'dataset', title: 'ACLED: Armed Conflict Location & Event Data', url: 'https://acleddata.com' },
          attribution: cell('source') || null,
          note: [
            `ACLED event ${id}`,
            cell('fatalities') ? `fatalities: ${cell('fatalities')}` : '',
            cell('source_scale') ? `source scale: ${cell('source_scale')}` : '',
          ]
            .filter(Boolean)
            .join('; '),
        },
      ],
    },
    ...(date
      ? {}
      : { problems: [{ field: 'event_date', message: `"${cell('event_date')}" is not a date as ACLED writes them (2023-01-31, or 31 January 2023)` }] }),
  };
}

/** The event types and sub-types the rows use, as terms: each sub-type under its type. */
function termsOf(rows: Record<string, string>[]): TermRecord[] {
  const terms = new Map<string, TermRecord>();
  for (const cells of rows) {
    const type = cells.event_type?.trim();
    const sub = cells.sub_event_type?.trim();
    if (type) terms.set(typeSlug(type), { scheme: 'EVENT_TYPE', slug: typeSlug(type), label: type, description: 'An ACLED event type.' });
    if (sub)
      terms.set(typeSlug(sub), {
        scheme: 'EVENT_TYPE',
        slug: typeSlug(sub),
        label: sub,
        ...(type ? { parent: typeSlug(type) } : {}),
        description: 'An ACLED sub-event type.',
      });
  }
  return [...terms.values()];
}

/** An ACLED file's events and the terms they need, or undefined when the source holds something else. */
export async function acledFileOf(source: RecordSource): Promise<{ records: RawRecord[]; terms: TermRecord[] } | undefined> {
  const header = await headerOf(source);
  if (!header || !ACLED_COLUMNS.every((column) => header.includes(column))) return undefined;
  const { rows } = await tableOf(source);
  return { records: rows.map((cells, index) => eventRecord(cells, index + 2)), terms: termsOf(rows) };
}
