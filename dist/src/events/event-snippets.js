import { loader } from '../lib/loaders.js';
// Control characters never occur in stored text, so they mark matches safely until escaping.
const START = '\u0002';
const STOP = '\u0003';
const OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;
function toHtml(headline) {
    return headline
        .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
        .replaceAll(START, '<mark>').replaceAll(STOP, '</mark>');
}
export function snippetLoader(ctx) {
    return loader(ctx, 'event.snippet', async (keys) => {
        const byText = new Map();
        for (const key of keys)
            byText.set(key.text, [...(byText.get(key.text) ?? []), key.eventId]);
        const found = new Map();
        for (const [text, ids] of byText) {
            const rows = await ctx.db.$queryRaw `
        SELECT "eventId" AS id, ts_headline('english', text, plainto_tsquery('english', ${text}), ${OPTIONS}) AS headline
          FROM "EventSearch" WHERE "eventId" = ANY(${ids}::uuid[])`;
            for (const row of rows)
                found.set(`${text}\u0000${row.id}`, toHtml(row.headline));
        }
        return keys.map((k) => found.get(`${k.text}\u0000${k.eventId}`) ?? null);
    }, (key) => `${key.text}\u0000${key.eventId}`);
}
//# sourceMappingURL=event-snippets.js.map