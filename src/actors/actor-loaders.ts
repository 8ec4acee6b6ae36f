import type { Context } from '../context.js';
import { db } from '../db/client.js';
import { loader } from '../lib/loaders.js';

/** Actors by id, one statement per request tick; nested fields load through plugin-prisma. */
export function actorById(ctx: Context) {
  return loader<string, Awaited<ReturnType<typeof db.actor.findUniqueOrThrow>>>(ctx, 'actor.byId', async (ids) => {
    const rows = await db.actor.findMany({ where: { id: { in: [...ids] } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)!);
  });
}
