import type { Context } from '../context.js';
import { db } from '../db/client.js';
import { rowsById } from '../lib/loaders.js';

/** Events by id; their nested fields load through plugin-prisma. */
export function eventById(ctx: Context) {
  return rowsById(ctx, 'event.byId', (ids) => db.event.findMany({ where: { id: { in: ids } } }));
}
