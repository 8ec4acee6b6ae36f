-- An event's search document made by one function, for an event as stored (the refresh below) and
-- for one as it was at a moment of record time (src/history/past-tables.ts), so that a search of
-- the past reads the same words: the title, summary and place, the citations' quotes and
-- attributions (ordered by source), and the names and aliases of the actors taking part.
CREATE OR REPLACE FUNCTION chronicle_search_document(title text, summary text, place text, citation_texts text[], actor_ids uuid[])
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT concat_ws(' ', title, summary, place, array_to_string(citation_texts, ' '),
    (SELECT string_agg(concat_ws(' ', a.name, array_to_string(a.aliases, ' ')), ' ' ORDER BY a.slug)
       FROM "Actor" a WHERE a.id = ANY(actor_ids)))
$$;

CREATE OR REPLACE FUNCTION chronicle_refresh_event_searches(event_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "EventSearch" ("eventId", "text", "terms")
  SELECT e.id, doc.text, tsvector_to_array(to_tsvector('english', doc.text))
    -- A join, not "id = ANY(event_ids)": ANY over a large array compares each row with every id.
    FROM (SELECT DISTINCT unnest(event_ids) AS id) wanted
    JOIN "Event" e ON e.id = wanted.id,
    LATERAL (SELECT chronicle_search_document(e.title, e.summary, e.place,
      (SELECT array_agg(concat_ws(' ', c.quote, c.attribution) ORDER BY s.slug)
         FROM "Citation" c JOIN "Source" s ON s.id = c."sourceId" WHERE c."eventId" = e.id),
      (SELECT array_agg(p."actorId") FROM "Participation" p WHERE p."eventId" = e.id)) AS text) doc
  ON CONFLICT ("eventId") DO UPDATE SET "text" = EXCLUDED."text", "terms" = EXCLUDED."terms";
$$;
