// What an exported event carries: everything a researcher needs to cite it, and everything an
// import needs to recreate it (events, their actors and sources). One shape for every format.
import { AFTER_ALL, BEFORE_ALL } from '../dates/calendar.js';
import { parseEdtf } from '../dates/edtf.js';
import { eventTime } from '../dates/event-time.js';
import { Prisma } from '../generated/prisma/client.js';
import { chronologicalSql, PARTICIPANT_ORDER } from '../events/event-order.js';
import { CITATION_ORDER, onRecordBy } from '../sources/source-order.js';
export function exportDate(edtf) {
    const d = parseEdtf(edtf);
    return {
        edtf: d.edtf, form: d.form, precision: d.precision, display: d.display,
        earliest: d.earliest?.toISOString() ?? null, latest: d.latest?.toISOString() ?? null,
    };
}
export function exportSpan(e) {
    const value = parseEdtf(e.date.edtf);
    const time = eventTime(value);
    const known = (ms) => ms > BEFORE_ALL && ms < AFTER_ALL;
    const first = known(time.startEarliest) ? time.startEarliest : time.spanStart > BEFORE_ALL ? time.spanStart : time.sortAt;
    const last = known(time.endLatest) ? time.endLatest : time.spanEnd < AFTER_ALL ? time.spanEnd : BigInt(Date.now());
    const exactPoint = (b) => b.kind === 'KNOWN' && ['DAY', 'MINUTE', 'SECOND'].includes(b.point.precision)
        && !b.point.approximate && !b.point.uncertain && !b.point.unspecified;
    const precision = (b, other) => (b.kind === 'KNOWN' ? b.point.precision : other.kind === 'KNOWN' ? other.point.precision : value.precision);
    return {
        first,
        last,
        exact: value.form !== 'ONE_OF' && exactPoint(value.start) && exactPoint(value.end),
        startPrecision: precision(value.start, value.end),
        endPrecision: precision(value.end, value.start),
    };
}
const actorFields = { slug: true, name: true, kind: true };
const exportSelection = {
    id: true,
    slug: true, title: true, summary: true, kind: true, status: true, place: true, tags: true,
    date: true, sortAt: true,
    participants: { select: { role: true, actor: { select: actorFields } }, orderBy: PARTICIPANT_ORDER },
    citations: {
        select: {
            stance: true, quote: true, attribution: true, confidence: true, note: true,
            source: {
                select: {
                    slug: true, kind: true, title: true, author: true, url: true, publishedEdtf: true, retrievedEdtf: true, onRecordAt: true,
                    publisher: { select: actorFields },
                },
            },
        },
        orderBy: CITATION_ORDER,
    },
};
function toRecord(row, knownBy) {
    return {
        slug: row.slug,
        title: row.title,
        summary: row.summary,
        kind: row.kind,
        status: row.status,
        date: exportDate(row.date),
        place: row.place,
        tags: row.tags,
        participants: row.participants.map((p) => ({ role: p.role, actor: p.actor })),
        citations: row.citations
            .filter((c) => onRecordBy(c.source.onRecordAt, knownBy))
            .map((c) => ({
            stance: c.stance,
            quote: c.quote,
            attribution: c.attribution,
            confidence: c.confidence,
            note: c.note,
            source: {
                slug: c.source.slug,
                kind: c.source.kind,
                title: c.source.title,
                author: c.source.author,
                url: c.source.url,
                published: c.source.publishedEdtf ? exportDate(c.source.publishedEdtf) : null,
                retrieved: c.source.retrievedEdtf ? exportDate(c.source.retrievedEdtf) : null,
                publisher: c.source.publisher,
            },
        })),
    };
}
export const BATCH_SIZE = 500;
/**
 * The events a filter matches, in chronological order, read in keyset batches: each batch walks
 * the (sortAt, slug) index on from the last one's end, so a batch costs the same at any depth and
 * memory stays flat whatever the size. Stops reading when the consumer stops asking.
 */
export async function* exportRecords(db, filter) {
    let after = Prisma.empty;
    for (;;) {
        const batch = await db.$queryRaw `
      SELECT e.id, e."sortAt", e.slug FROM "Event" e WHERE ${filter.condition}${after}
       ORDER BY ${chronologicalSql('e')} LIMIT ${BATCH_SIZE}::int`;
        if (batch.length === 0)
            return;
        const rows = await db.event.findMany({ where: { id: { in: batch.map((b) => b.id) } }, select: exportSelection });
        const byId = new Map(rows.map((row) => [row.id, row]));
        for (const { id } of batch)
            yield toRecord(byId.get(id), filter.knownBy);
        if (batch.length < BATCH_SIZE)
            return;
        const last = batch.at(-1);
        after = Prisma.sql ` AND (e."sortAt", e.slug) > (${last.sortAt}, ${last.slug})`;
    }
}
//# sourceMappingURL=export-record.js.map