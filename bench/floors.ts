// What the hardware can do, for the bench to compare Chronicle with: the same answers built by
// PostgreSQL alone, in one hand-written statement each.

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

/** An export's records, one JSON line per event with its participants and citations, in chronological order. */
export const EXPORT_RECORD_SQL = `
  SELECT json_build_object(
           'slug', e.slug, 'title', e.title, 'summary', e.summary, 'kind', e.kind, 'status', e.status, 'place', e.place, 'tags', e.tags, 'date', e.date,
           'participants', (SELECT coalesce(json_agg(json_build_object('role', p.role, 'actor', json_build_object('slug', a.slug, 'name', a.name, 'kind', a.kind)) ORDER BY p.role, a.name, a.slug), '[]')
                              FROM "Participation" p JOIN "Actor" a ON a.id = p."actorId" WHERE p."eventId" = e.id),
           'citations', (SELECT coalesce(json_agg(json_build_object('stance', c.stance, 'quote', c.quote, 'attribution', c.attribution,
                              'source', json_build_object('slug', s.slug, 'kind', s.kind, 'title', s.title, 'url', s.url, 'published', s."publishedEdtf")) ORDER BY s.slug), '[]')
                           FROM "Citation" c JOIN "Source" s ON s.id = c."sourceId" WHERE c."eventId" = e.id))
    FROM "Event" e ORDER BY e."sortAt", e.slug`;
