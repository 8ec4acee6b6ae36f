// What every resolver of one request shares. Per-request caches live here and die with the
// request; the database client does not (see src/db/client.ts).
import type DataLoader from 'dataloader';
import type { ResolvedEventFilter } from './events/event-filter.js';


export interface Context {
  /** Resolved event filters by their JSON, so a connection's page and totalCount parse once. */
  eventFilters: Map<string, Promise<ResolvedEventFilter>>;
  /** Per-request DataLoaders by name (see lib/loaders.ts). */
  loaders: Map<string, DataLoader<unknown, unknown>>;
}

export function createContext(): Context {
  return { eventFilters: new Map(), loaders: new Map() };
}
