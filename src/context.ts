// What every resolver of one request shares. Per-request caches live here and die with the
// request; the database client does not (see src/db/client.ts).
import type { Prisma } from './generated/prisma/client.js';

export interface Context {
  /** Resolved event filters by their JSON, so a connection's page and totalCount parse once. */
  eventFilters: Map<string, Promise<Prisma.EventWhereInput>>;
}

export function createContext(): Context {
  return { eventFilters: new Map() };
}
