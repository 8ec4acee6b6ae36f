import { rowsById } from '../lib/loaders.js';
/** Actors by id; their nested fields load through plugin-prisma. */
export function actorById(ctx) {
    return rowsById(ctx, 'actor.byId', (ids) => ctx.db.actor.findMany({ where: { id: { in: ids } } }));
}
//# sourceMappingURL=actor-loaders.js.map