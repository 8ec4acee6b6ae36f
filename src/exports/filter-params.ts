// The event filter as flat parameters: HTTP query strings (?from=2017-05&actor=a&actor=b) and CLI
// flags (--from 2017-05 --actor a --actor b) name the same fields, so the filter language stays one.
import type { EventFilter } from '../events/event-filter.js';
import { InputError } from '../lib/errors.js';

/** Repeatable parameters and the EventFilter list each fills. */
const LISTS = {
  actor: 'actors',
  type: 'types',
  kind: 'kinds',
  status: 'status',
  roleType: 'roleTypes',
  role: 'roles',
  tag: 'tags',
  source: 'sources',
  timeline: 'timelines',
} as const;
/** Single-valued parameters, named as in EventFilter. */
const SCALARS = ['from', 'to', 'timeMatch', 'actorsMatch', 'text', 'place', 'knownBy', 'disputed', 'retired', 'near', 'bbox'] as const;
/** Places on the map as comma-separated numbers: near=latitude,longitude,km and bbox=west,south,east,north (GeoJSON's order). */
const POINTS = { near: ['latitude', 'longitude', 'km'], bbox: ['west', 'south', 'east', 'north'] } as const;
const UPPERCASE = new Set(['kinds', 'status', 'roles', 'timeMatch', 'actorsMatch', 'retired']);

export const FILTER_PARAMS = [...Object.keys(LISTS), ...SCALARS, 'filter'];

type Params = Map<string, string[]>;

/** Builds an EventFilter from parameters; `filter` (JSON) is the alternative to all the others. */
export function filterFromParams(params: Params): EventFilter {
  for (const name of params.keys()) {
    if (!FILTER_PARAMS.includes(name)) throw new InputError(name, `is not a filter parameter; use ${FILTER_PARAMS.join(', ')}`);
  }
  const json = params.get('filter');
  if (json) {
    if (params.size > 1) throw new InputError('filter', 'give either filter (as JSON) or single parameters such as from and actor, not both');
    try {
      return JSON.parse(json.at(-1)!) as EventFilter;
    } catch {
      throw new InputError('filter', 'is not valid JSON: write it like {"actors":["donald-trump"],"from":"2017-05"}');
    }
  }
  const filter: Record<string, unknown> = {};
  for (const [param, field] of Object.entries(LISTS)) {
    const values = params.get(param);
    if (values?.length) filter[field] = UPPERCASE.has(field) ? values.map((v) => v.toUpperCase()) : values;
  }
  for (const name of SCALARS) {
    const values = params.get(name);
    if (!values?.length) continue;
    if (values.length > 1) throw new InputError(name, 'may be given once');
    const value = values[0]!;
    if (name === 'near' || name === 'bbox') {
      const parts = value.split(',').map((n) => n.trim());
      const numbers = parts.map(Number);
      const fields = POINTS[name];
      // An empty part is no number (Number('') is 0: near=50.85,,10 would search longitude 0).
      if (numbers.length !== fields.length || parts.some((p) => p === '') || numbers.some((n) => !Number.isFinite(n))) {
        throw new InputError(
          name,
          `must be ${fields.length} numbers, ${fields.join(',')}: ${name === 'near' ? 'near=50.85,4.35,10' : 'bbox=4.2,50.7,4.5,51.0'}`,
        );
      }
      filter[name] = Object.fromEntries(fields.map((field, i) => [field, numbers[i]]));
    } else if (name === 'disputed') {
      if (value !== 'true' && value !== 'false') throw new InputError(name, `must be true or false, not "${value}"`);
      filter[name] = value === 'true';
    } else {
      filter[name] = UPPERCASE.has(name) ? value.toUpperCase() : value;
    }
  }
  return filter as EventFilter;
}

/** The parameters that express a filter: the inverse of filterFromParams. */
export function paramsFromFilter(filter: EventFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [param, field] of Object.entries(LISTS)) {
    for (const value of (filter[field] as string[] | null | undefined) ?? []) params.append(param, value);
  }
  for (const name of SCALARS) {
    const value = filter[name];
    if (value == null) continue;
    if (name === 'near' || name === 'bbox') {
      const point = value as Record<string, number>;
      params.append(name, POINTS[name].map((field) => point[field]).join(','));
    } else {
      params.append(name, String(value));
    }
  }
  return params;
}
