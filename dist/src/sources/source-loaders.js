import { loader } from '../lib/loaders.js';
import { onRecordBy } from './source-order.js';
/** When each source was surely on the record (null when unknown), for knownBy. */
export function onRecordAtLoader(ctx) {
    return loader(ctx, 'source.onRecordAt', async (ids) => {
        const rows = await ctx.db.source.findMany({ where: { id: { in: [...ids] } }, select: { id: true, onRecordAt: true } });
        const byId = new Map(rows.map((r) => [r.id, r.onRecordAt]));
        return ids.map((id) => byId.get(id) ?? null);
    });
}
/** Whether a source was on the public record by a date (see onRecordBy). */
export async function sourceOnRecordBy(ctx, sourceId, knownBy) {
    return knownBy === undefined || onRecordBy(await onRecordAtLoader(ctx).load(sourceId), knownBy);
}
//# sourceMappingURL=source-loaders.js.map