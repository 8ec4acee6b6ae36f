// Generated timelines shaped like Chronicle's data, written in set-based SQL (a million events in
// minutes, not hours): about N/20 actors and N/10 sources; 2 or 3 participants (2.4 on average)
// and 2 citations per event; dates of every precision the seed has, plus ranges and open ends.
// Titles carry one of TOPICS, so a text search matches about 1 event in TOPICS.length.
import type { PrismaClient } from '../src/generated/prisma/client.js';

export const TOPICS = [
  'harbour',
  'treaty',
  'pipeline',
  'election',
  'summit',
  'sanctions',
  'tariff',
  'ceasefire',
  'leak',
  'hearing',
  'budget',
  'pardon',
  'merger',
  'protest',
  'satellite',
  'vaccine',
  'drought',
  'border',
  'subpoena',
  'embassy',
];

/** One statement each: the embedded database's driver takes no multi-statement strings. */
function statements(n: number): string[] {
  const actors = Math.max(10, Math.floor(n / 20));
  const sources = Math.max(10, Math.floor(n / 10));
  const topics = `ARRAY[${TOPICS.map((t) => `'${t}'`).join(', ')}]`;
  // Instants in ms: a DAY's, a MONTH's and a YEAR's first and last ms, as src/dates/event-time.ts
  // computes them; n % 20 picks the precision: 14 in 20 days, 3 months, 1 year, 1 three-day
  // range, 1 open end ("began, not known to have ended").
  const AFTER_ALL = '9223372036854775807';
  return [
    `ALTER TABLE "Event" DISABLE TRIGGER event_search`,
    `ALTER TABLE "Participation" DISABLE TRIGGER participation_search`,
    `ALTER TABLE "Citation" DISABLE TRIGGER citation_search`,
    `INSERT INTO "Actor" (id, slug, name, kind, aliases, "updatedAt")
       SELECT gen_random_uuid(), 'actor-' || i, 'Actor ' || i || ' ' || (${topics})[1 + i % ${TOPICS.length}],
              (ARRAY['PERSON', 'GOVERNMENT', 'ORGANISATION', 'MEDIA_OUTLET', 'PERSON'])[1 + i % 5]::"ActorKind",
              ARRAY['A. ' || i], now()
         FROM generate_series(1, ${actors}) i`,
    `INSERT INTO "Source" (id, slug, kind, title, url, "publishedEdtf", "onRecordAt", reliability, "publisherId", "updatedAt")
       SELECT gen_random_uuid(), 'source-' || i, 'news-report', 'Report number ' || i || ', "quoted", with commas',
              'https://example.org/' || i, to_char(d, 'YYYY-MM-DD'), (extract(epoch FROM d) * 1000)::bigint + 86399999,
              (ARRAY['A', 'B', 'C', 'F'])[1 + i % 4]::"Reliability",
              (SELECT id FROM "Actor" WHERE slug = 'actor-' || (1 + i % ${actors})), now()
         FROM generate_series(1, ${sources}) i,
              LATERAL (SELECT timestamptz '2000-01-01' + ((i * ${Math.max(1, Math.floor((n * 2.4) / sources))}) || ' hours')::interval AS d) day`,
    `INSERT INTO "Event" (id, slug, title, summary, kind, status, place, tags, date, "sortAt", "spanStart", "spanEnd", "startEarliest", "startLatest", "endEarliest", "endLatest", "updatedAt")
       SELECT gen_random_uuid(), 'event-' || lpad(i::text, 8, '0'),
              'Meeting ' || i || ' on the ' || (${topics})[1 + (i * 7) % ${TOPICS.length}],
              'What happened at event ' || i || ', at realistic length, with punctuation; quotes "like these" and commas, too.',
              (ARRAY['meeting', 'phone-call', 'statement', 'leak', 'report'])[1 + i % 5],
              (ARRAY['CONFIRMED', 'REPORTED', 'REPORTED', 'ALLEGED'])[1 + i % 4]::"EventStatus",
              (ARRAY['Brussels', 'Washington', 'Ottawa', NULL])[1 + i % 4],
              ARRAY[(${topics})[1 + i % ${TOPICS.length}], 'bench'],
              t.date, t.s, t.s, t.e, t.s, t.sl, t.ee, t.e, now()
         FROM generate_series(1, ${n}) i,
              LATERAL (SELECT date_trunc('day', timestamptz '2000-01-01' + (i || ' hours')::interval) AS d) day,
              LATERAL (SELECT (extract(epoch FROM day.d) * 1000)::bigint AS ms,
                              (extract(epoch FROM date_trunc('month', day.d)) * 1000)::bigint AS m0,
                              (extract(epoch FROM date_trunc('month', day.d) + interval '1 month') * 1000)::bigint - 1 AS m1,
                              (extract(epoch FROM date_trunc('year', day.d)) * 1000)::bigint AS y0,
                              (extract(epoch FROM date_trunc('year', day.d) + interval '1 year') * 1000)::bigint - 1 AS y1) x,
              LATERAL (SELECT * FROM (VALUES
                (i % 20 < 14, to_char(day.d, 'YYYY-MM-DD'), x.ms, x.ms + 86399999, x.ms + 86399999, x.ms),
                (i % 20 BETWEEN 14 AND 16, to_char(day.d, 'YYYY-MM'), x.m0, x.m1, x.m1, x.m0),
                (i % 20 = 17, to_char(day.d, 'YYYY'), x.y0, x.y1, x.y1, x.y0),
                (i % 20 = 18, to_char(day.d, 'YYYY-MM-DD') || '/' || to_char(day.d + interval '2 days', 'YYYY-MM-DD'), x.ms, x.ms + 3 * 86400000 - 1, x.ms + 86399999, x.ms + 2 * 86400000),
                (i % 20 = 19, to_char(day.d, 'YYYY-MM-DD') || '/..', x.ms, ${AFTER_ALL}, x.ms + 86399999, ${AFTER_ALL})
              ) v(picked, date, s, e, sl, ee) WHERE picked) t`,
    // Two participants, and a third for 2 events in 5: 2.4 on average; actors picked by hash.
    `INSERT INTO "Participation" (id, "eventId", "actorId", role)
       SELECT gen_random_uuid(), e.id, a.id, r.role
         FROM "Event" e
         JOIN LATERAL (VALUES ('initiator', 1), ('recipient', 2), ('subject', 3)) r(role, k) ON r.k < 3 OR abs(hashtext(e.slug)) % 5 < 2
         JOIN "Actor" a ON a.slug = 'actor-' || (1 + abs(hashtext(e.slug || r.k)) % ${actors})
       ON CONFLICT DO NOTHING`,
    `INSERT INTO "Citation" (id, "eventId", "sourceId", stance, quote, attribution, "updatedAt")
       SELECT gen_random_uuid(), e.id, s.id, CASE WHEN c.k = 2 AND abs(hashtext(e.slug)) % 10 = 0 THEN 'DISPUTES' ELSE 'SUPPORTS' END::"Stance",
              'A quote from the source about ' || e.title, 'officials said', now()
         FROM "Event" e
         JOIN LATERAL (VALUES (1), (2)) c(k) ON true
         JOIN "Source" s ON s.slug = 'source-' || (1 + abs(hashtext(e.slug || 's' || c.k)) % ${sources})
       ON CONFLICT DO NOTHING`,
    `ALTER TABLE "Event" ENABLE TRIGGER event_search`,
    `ALTER TABLE "Participation" ENABLE TRIGGER participation_search`,
    `ALTER TABLE "Citation" ENABLE TRIGGER citation_search`,
    // Statistics first, so that the refresh plans its per-event reads as index lookups.
    `ANALYZE`,
    // The search material the triggers would have written, in one pass.
    `SELECT chronicle_refresh_event_searches(array(SELECT id FROM "Event"))`,
    `ANALYZE "EventSearch"`,
  ];
}

/** Fills an empty, migrated database with `n` generated events and their actors, sources and citations. */
export async function generateTimeline(client: PrismaClient, n: number): Promise<void> {
  for (const sql of statements(n)) await client.$executeRawUnsafe(sql);
}
