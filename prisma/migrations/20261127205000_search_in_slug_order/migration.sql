-- An event's search text lists its citations and participants by slug, not by surrogate id, so
-- the same data gives the same text in every database (a dump's copy is exact).
CREATE OR REPLACE FUNCTION chronicle_refresh_event_search(event_id uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "EventSearch" ("eventId", "text", "terms")
  SELECT e.id, doc.text, tsvector_to_array(to_tsvector('english', doc.text))
    FROM "Event" e,
    LATERAL (SELECT concat_ws(' ',
      e.title, e.summary, e.place,
      (SELECT string_agg(concat_ws(' ', c.quote, c.attribution), ' ' ORDER BY s.slug)
         FROM "Citation" c JOIN "Source" s ON s.id = c."sourceId" WHERE c."eventId" = e.id),
      (SELECT string_agg(concat_ws(' ', a.name, array_to_string(a.aliases, ' ')), ' ' ORDER BY a.slug)
         FROM "Actor" a WHERE a.id IN (SELECT "actorId" FROM "Participation" WHERE "eventId" = e.id))
    ) AS text) doc
   WHERE e.id = event_id
  ON CONFLICT ("eventId") DO UPDATE SET "text" = EXCLUDED."text", "terms" = EXCLUDED."terms";
END $$;

SELECT chronicle_refresh_event_search(id) FROM "Event";
