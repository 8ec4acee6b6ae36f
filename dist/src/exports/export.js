// Exports: the events a filter matches, in a researcher's format, streamed as they are read.
import { resolveEventFilter } from '../events/event-filter.js';
import { countEvents } from '../events/event-listing.js';
import { VERSION } from '../lib/version.js';
import { exportRecords } from './export-record.js';
import { csv } from './formats/csv.js';
import { ics } from './formats/ics.js';
import { json, ndjson } from './formats/json.js';
import { jsonld } from './formats/jsonld.js';
import { timelinejs } from './formats/timelinejs.js';
export const FORMATS = [csv, ndjson, json, ics, jsonld, timelinejs];
export function formatNamed(name) {
    return FORMATS.find((f) => f.name === name);
}
/** When the data last changed: the latest record time of any event, actor, source or citation. */
async function dataTimestamp(db) {
    const latest = await Promise.all([
        db.event.aggregate({ _max: { updatedAt: true } }),
        db.actor.aggregate({ _max: { updatedAt: true } }),
        db.source.aggregate({ _max: { updatedAt: true } }),
        db.citation.aggregate({ _max: { updatedAt: true } }),
    ]);
    const times = latest.map((l) => l._max.updatedAt?.getTime() ?? 0);
    const max = Math.max(...times);
    return max > 0 ? new Date(max).toISOString() : null;
}
/** Validates the filter (an InputError names what to fix) and prepares the stream. */
export async function prepareExport(db, format, filter, onRecord) {
    const resolved = await resolveEventFilter(db, filter, 'filter');
    const meta = {
        generator: 'Chronicle',
        version: VERSION,
        filter: JSON.parse(JSON.stringify(filter ?? {})),
        count: await countEvents(db, resolved, undefined, 'all'),
        dataTimestamp: await dataTimestamp(db),
    };
    return { format, meta, body: format.write(counted(exportRecords(db, resolved), onRecord), meta) };
}
async function* counted(records, onRecord) {
    for await (const record of records) {
        onRecord?.();
        yield record;
    }
}
/** A download's file name: chronicle-events.csv, chronicle-events.timeline.json. */
export function fileName(format) {
    return `chronicle-events.${format.extension}`;
}
//# sourceMappingURL=export.js.map