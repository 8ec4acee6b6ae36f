// What every resolver of one request shares: the database client, and per-request caches that
// live and die with the request.
import type DataLoader from 'dataloader';
import type { ResolvedEventFilter } from './events/event-filter.js';
import type { PrismaClient } from './generated/prisma/client.js';

export interface Context {
  /** The database this request reads and writes. */
  db: PrismaClient;
  /** Resolved event filters by their JSON, so a connection's page and totalCount parse once. */
  eventFilters: Map<string, Promise<ResolvedEventFilter>>;
  /** Per-request DataLoaders by name (see lib/loaders.ts). */
  loaders: Map<string, DataLoader<unknown, unknown>>;
}

export function createContext(db: PrismaClient): Context {
  return { db, eventFilters: new Map(), loaders: new Map() };
}
