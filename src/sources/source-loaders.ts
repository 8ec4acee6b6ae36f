import type { Context } from '../context.js';
import { db } from '../db/client.js';
import { loader } from '../lib/loaders.js';
import { publishedBy } from './source-order.js';

/** When each source was published at the latest (null when unknown), for knownBy. */
export function publishedLatestLoader(ctx: Context) {
  return loader<string, Date | null>(ctx, 'source.publishedLatest', async (ids) => {
    const rows = await db.source.findMany({ where: { id: { in: [...ids] } }, select: { id: true, publishedLatest: true } });
    const byId = new Map(rows.map((r) => [r.id, r.publishedLatest]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Whether a source was on the public record by a date (see publishedBy). */
export async function onRecordBy(ctx: Context, sourceId: string, knownBy: Date | undefined): Promise<boolean> {
  return !knownBy || publishedBy(await publishedLatestLoader(ctx).load(sourceId), knownBy);
}
