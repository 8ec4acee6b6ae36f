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
const SCALARS = ['from', 'to', 'timeMatch', 'actorsMatch', 'text', 'place', 'knownBy', 'disputed', 'retired'] as const;
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
    if (name === 'disputed') {
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
    if (value != null) params.append(name, String(value));
  }
  return params;
}
