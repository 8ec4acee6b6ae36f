// What the hardware can do, for the bench to compare Chronicle with: the same answers built by
// PostgreSQL alone, in one statement each.
import { RECORD_JSON } from '../src/exports/export-record.js';

/** The timeline page (bench/queries.ts) as one json_agg: 50 events from 2001 on, with participants and citations. */
export const FLOOR_TIMELINE_SQL = `
  SELECT json_build_object('data', json_build_object('events', json_build_object('edges', coalesce(json_agg(json_build_object('node', json_build_object(
           'slug', e.slug, 'title', e.title, 'date', json_build_object('edtf', e.date),
           'participants', (SELECT coalesce(json_agg(json_build_object('role', p.role, 'actor', json_build_object('slug', a.slug, 'name', a.name)) ORDER BY p.role, a.name, a.slug), '[]')
                              FROM "Participation" p JOIN "Actor" a ON a.id = p."actorId" WHERE p."eventId" = e.id),
           'citations', (SELECT coalesce(json_agg(json_build_object('stance', c.stance, 'source', json_build_object('slug', s.slug, 'title', s.title, 'publisher', json_build_object('name', pub.name))) ORDER BY s.slug), '[]')
                           FROM "Citation" c JOIN "Source" s ON s.id = c."sourceId" LEFT JOIN "Actor" pub ON pub.id = s."publisherId" WHERE c."eventId" = e.id)
         )) ORDER BY e."sortAt", e.slug), '[]')))) AS body
    FROM (SELECT * FROM "Event" WHERE "spanEnd" >= 978307200000 ORDER BY "sortAt", slug LIMIT 50) e`;

/**
 * An export's records, one JSON line per event with its participants and citations, in
 * chronological order: the very SQL an export batch runs (RECORD_JSON), without Node after it.
 */
export const EXPORT_RECORD_SQL = `SELECT ${RECORD_JSON.sql} FROM "Event" e ORDER BY e."sortAt", e.slug`;
if (RECORD_JSON.values.length > 0) throw new Error('RECORD_JSON takes no parameters: a COPY cannot pass them');
