// What an exported event carries: everything a researcher needs to cite it, and everything an
// import needs to recreate it (events, their actors and sources). One shape for every format.
import { AFTER_ALL, BEFORE_ALL } from '../dates/calendar.js';
import { parseEdtf } from '../dates/edtf.js';
import { eventTime } from '../dates/event-time.js';
import { Prisma } from '../generated/prisma/client.js';
import { chronologicalSql, participantOrderSql } from '../events/event-order.js';
import { onRecordBy, sourceOrderSql } from '../sources/source-order.js';
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
const actorJson = (a) => Prisma.raw(`json_build_object('slug', ${a}.slug, 'name', ${a}.name, 'kind', ${a}.kind)`);
/** The JSON of an event under `e`, with its participants and citations in their one order each. */
const RECORD_JSON = Prisma.sql `json_build_object(
  'slug', e.slug, 'title', e.title, 'summary', e.summary, 'kind', e.kind, 'status', e.status, 'date', e.date, 'place', e.place, 'tags', e.tags,
  'participants', coalesce((
    SELECT json_agg(json_build_object('role', p.role, 'actor', ${actorJson('a')}) ORDER BY ${participantOrderSql('p', 'a')})
      FROM "Participation" p JOIN "Actor" a ON a.id = p."actorId" WHERE p."eventId" = e.id), '[]'),
  'citations', coalesce((
    SELECT json_agg(json_build_object(
             'stance', c.stance, 'quote', c.quote, 'attribution', c.attribution, 'confidence', c.confidence, 'note', c.note,
             'source', json_build_object('slug', s.slug, 'kind', s.kind, 'title', s.title, 'author', s.author, 'url', s.url,
               'publishedEdtf', s."publishedEdtf", 'retrievedEdtf', s."retrievedEdtf", 'onRecordAt', s."onRecordAt"::text,
               'publisher', (SELECT ${actorJson('pub')} FROM "Actor" pub WHERE pub.id = s."publisherId")))
             ORDER BY ${sourceOrderSql('s')})
      FROM "Citation" c JOIN "Source" s ON s.id = c."sourceId" WHERE c."eventId" = e.id), '[]'))::text`;
function toRecord(row, knownBy) {
    return {
        ...row,
        date: exportDate(row.date),
        citations: row.citations
            .filter((c) => onRecordBy(c.source.onRecordAt === null ? null : BigInt(c.source.onRecordAt), knownBy))
            .map(({ source, ...citation }) => ({
            ...citation,
            source: {
                slug: source.slug,
                kind: source.kind,
                title: source.title,
                author: source.author,
                url: source.url,
                published: source.publishedEdtf ? exportDate(source.publishedEdtf) : null,
                retrieved: source.retrievedEdtf ? exportDate(source.retrievedEdtf) : null,
                publisher: source.publisher,
            },
        })),
    };
}
export const BATCH_SIZE = 500;
/**
 * The events a filter matches, in chronological order, read in keyset batches: each batch walks
 * the (sortAt, slug) index on from the last one's end, so a batch costs the same at any depth and
 * memory stays flat whatever the size. One statement a batch, which builds every record as JSON
 * in PostgreSQL. Stops reading when the consumer stops asking (one batch ahead at most).
 */
export async function* exportRecords(db, filter) {
    const read = (after) => db.$queryRaw `
    SELECT e."sortAt", e.slug, ${RECORD_JSON} AS record FROM "Event" e WHERE ${filter.condition}${after}
     ORDER BY ${chronologicalSql('e')} LIMIT ${BATCH_SIZE}::int`;
    let next = read(Prisma.empty);
    try {
        for (;;) {
            const batch = await next;
            // The database builds the next batch while this one is written out.
            const last = batch.at(-1);
            if (batch.length === BATCH_SIZE && last)
                next = read(Prisma.sql ` AND (e."sortAt", e.slug) > (${last.sortAt}, ${last.slug})`);
            for (const { record } of batch)
                yield toRecord(JSON.parse(record), filter.knownBy);
            if (batch.length < BATCH_SIZE)
                return;
        }
    }
    finally {
        // A consumer that stops early leaves the next batch being read: no read outlives the export.
        await next.catch(() => undefined);
    }
}
//# sourceMappingURL=export-record.js.map