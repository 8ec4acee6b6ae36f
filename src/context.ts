// What every resolver of one request shares: the database client, who is asking, and per-request
// caches that live and die with the request.
import type DataLoader from 'dataloader';
import { permissionsOf, type Permissions, type Viewer } from './auth/viewer.js';
import type { ResolvedEventFilter } from './events/event-filter.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { type ChangeBus, createChangeBus } from './live/change-bus.js';

export interface Context {
  /** The database this request reads and writes. */
  db: PrismaClient;
  /** The token's holder, or null for an anonymous reader. */
  viewer: Viewer | null;
  /** What the viewer may do: the schema's auth scopes. */
  permissions: Permissions;
  /** Resolved event filters by their JSON, so a connection's page and totalCount parse once. */
  eventFilters: Map<string, Promise<ResolvedEventFilter>>;
  /** Per-request DataLoaders by name (see lib/loaders.ts). */
  loaders: Map<string, DataLoader<unknown, unknown>>;
  /** Where writes announce the events they changed, and subscriptions hear of them. */
  changes: ChangeBus;
  /** What the answer should tell beside its data (a slug that now names another record), as extensions.notes. */
  notes: string[];
  note: (message: string) => void;
}

/** `publicRead`: whether an anonymous request may read (CHRONICLE_PUBLIC_READ). */
export function createContext(db: PrismaClient, viewer: Viewer | null = null, publicRead = true, changes: ChangeBus = createChangeBus().bus): Context {
  const notes: string[] = [];
  return {
    db,
    viewer,
    permissions: permissionsOf(viewer, publicRead),
    eventFilters: new Map(),
    loaders: new Map(),
    changes,
    notes,
    note: (message) => {
      if (!notes.includes(message)) notes.push(message);
    },
  };
}
