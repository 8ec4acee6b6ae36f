// node(id:) and nodes(ids:) keep answering a record's old global id after a rename, as lookups by
// slug do: global ids are made from slugs, and a frontend's cache and saved links hold the old one.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { RecordModel } from './slug-redirects.js';
import { currentSlugs } from './slug-redirects.js';

export interface GlobalId {
  typename: string;
  id: string;
}

const MODEL: Record<string, RecordModel> = { Event: 'event', Actor: 'actor', Source: 'source' };

/**
 * Loads the nodes, then loads again, by their current slugs, those missing because they were
 * renamed. A live id costs nothing more; only a missing one is looked up among the old slugs.
 *
 * `load` is plugin-relay's resolver, which (in 4.8) reads the ids from `args` rather than from
 * its parameter, so the ids to load go in both.
 */
export async function loadFollowingRenames(db: PrismaClient, args: { ids: GlobalId[] }, load: (ids: GlobalId[]) => Promise<unknown[]>): Promise<unknown[]> {
  const found = [...(await load(args.ids))];
  const missing = args.ids.flatMap((id, index) => (found[index] == null && MODEL[id.typename] ? [{ id, index }] : []));
  if (missing.length === 0) return found;
  const retry: { id: GlobalId; index: number }[] = [];
  for (const [typename, model] of Object.entries(MODEL)) {
    const ofType = missing.filter((m) => m.id.typename === typename);
    if (ofType.length === 0) continue;
    const renamed = await currentSlugs(
      db,
      model,
      ofType.map((m) => m.id.id),
    );
    for (const m of ofType) {
      const slug = renamed.get(m.id.id);
      if (slug) retry.push({ id: { typename, id: slug }, index: m.index });
    }
  }
  if (retry.length === 0) return found;
  args.ids = retry.map((r) => r.id);
  const reloaded = await load(args.ids);
  for (const [i, r] of retry.entries()) found[r.index] = reloaded[i];
  return found;
}
