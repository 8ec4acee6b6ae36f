// What every resolver of one request shares. Per-request caches live here and die with the
// request; the database client does not (see src/db/client.ts).
import type DataLoader from 'dataloader';
import type { ResolvedEventFilter } from './events/event-filter.js';

/** What a listed event inherits from the filter that found it (see events/event-listing.ts). */
export interface EventScope {
  text?: string;
  knownBy?: Date;
}

export interface Context {
  /** Resolved event filters by their JSON, so a connection's page and totalCount parse once. */
  eventFilters: Map<string, Promise<ResolvedEventFilter>>;
  /** Events found through a filter, with the parts of it their fields honour (knownBy, text). */
  eventScope: WeakMap<object, EventScope>;
  /** Per-request DataLoaders by name (see lib/loaders.ts). */
  loaders: Map<string, DataLoader<unknown, unknown>>;
}

export function createContext(): Context {
  return { eventFilters: new Map(), eventScope: new WeakMap(), loaders: new Map() };
}
