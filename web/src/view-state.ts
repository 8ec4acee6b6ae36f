// The whole view lives in the page's URL: the filter, the window of time on screen, the event
// open in the panel. A link therefore reproduces the view exactly and can be cited, the browser's
// back button walks back through filters, and the filter's parameters are the ones Chronicle's
// exports take (?actor=donald-trump&from=2017-05), so an export link is the same filter.
import { useCallback, useEffect, useState } from 'preact/hooks';

export interface ExplorerFilter {
  from?: string;
  to?: string;
  text?: string;
  /** What was on the public record by this day (EDTF day): the slider that replays the record. */
  knownBy?: string;
  actors: string[];
  types: string[];
  tags: string[];
  sources: string[];
  /** Timelines (an imported TimelineJS file is one), by slug. */
  timelines: string[];
}

export interface ViewState {
  filter: ExplorerFilter;
  /** The span of time the timeline shows, as ISO instants; unset: fitted to the events. */
  window?: { start: string; end: string };
  /** The event open in the panel, by slug. */
  event?: string;
  /** The actor whose page is open in the panel (in place of an event), by slug. */
  profile?: string;
  /** The two actors whose shortest chain of shared events the network draws. */
  path?: { from: string; to: string };
}

/** Repeatable parameters, as exports name them, and the filter's list each fills. */
const LISTS = { actor: 'actors', type: 'types', tag: 'tags', source: 'sources', timeline: 'timelines' } as const;
const SCALARS = ['from', 'to', 'text', 'knownBy'] as const;

export function stateFromSearch(search: string): ViewState {
  const params = new URLSearchParams(search);
  const filter: ExplorerFilter = { actors: [], types: [], tags: [], sources: [], timelines: [] };
  for (const [param, field] of Object.entries(LISTS)) filter[field] = params.getAll(param).filter(Boolean);
  for (const name of SCALARS) {
    const value = params.get(name)?.trim();
    if (value) filter[name] = value;
  }
  const [start, end] = [params.get('start'), params.get('end')];
  const [event, profile, from, to] = ['event', 'profile', 'pathFrom', 'pathTo'].map((name) => params.get(name));
  return {
    filter,
    ...(start && end ? { window: { start, end } } : {}),
    ...(event ? { event } : profile ? { profile } : {}),
    ...(from && to ? { path: { from, to } } : {}),
  };
}

/** The filter as export and HTTP parameters. */
export function filterParams(filter: ExplorerFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [param, field] of Object.entries(LISTS)) for (const value of filter[field]) params.append(param, value);
  for (const name of SCALARS) if (filter[name]) params.set(name, filter[name]!);
  return params;
}

export function searchOfState(state: ViewState): string {
  const params = filterParams(state.filter);
  if (state.window) {
    params.set('start', state.window.start);
    params.set('end', state.window.end);
  }
  if (state.event) params.set('event', state.event);
  else if (state.profile) params.set('profile', state.profile);
  if (state.path) {
    params.set('pathFrom', state.path.from);
    params.set('pathTo', state.path.to);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The filter as GraphQL's EventFilter takes it: empty lists left out. */
export function eventFilterOf(filter: ExplorerFilter) {
  const list = (values: string[]) => (values.length ? values : undefined);
  return {
    from: filter.from,
    to: filter.to,
    text: filter.text,
    knownBy: filter.knownBy,
    actors: list(filter.actors),
    types: list(filter.types),
    tags: list(filter.tags),
    sources: list(filter.sources),
    timelines: list(filter.timelines),
  };
}

/**
 * The view state, and a way to change it: a new filter, or opening or closing a panel, is a step
 * in the browser's history (back undoes it); moving the window, or going from one open event to
 * another, replaces the current step.
 */
export function useViewState(): [ViewState, (next: ViewState, how?: 'push' | 'replace') => void] {
  const [state, setState] = useState(() => stateFromSearch(location.search));
  useEffect(() => {
    const onPop = () => setState(stateFromSearch(location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const change = useCallback((next: ViewState, how: 'push' | 'replace' = 'push') => {
    const url = `${location.pathname}${searchOfState(next)}`;
    if (how === 'push') history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    setState(next);
  }, []);
  return [state, change];
}
