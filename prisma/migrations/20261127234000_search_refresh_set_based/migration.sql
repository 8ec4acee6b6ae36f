-- The search refresh as one statement for any number of events, reading each event's parts by
-- index: the per-event plpgsql form, once its plan went generic, read every actor for every event
-- (2.6 ms an event at 100,000 events, so an import or a reindex of many events crawled). The text
-- it writes is the same as before, so the stored rows stay as they are.
CREATE OR REPLACE FUNCTION chronicle_refresh_event_searches(event_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "EventSearch" ("eventId", "text", "terms")
  SELECT e.id, doc.text, tsvector_to_array(to_tsvector('english', doc.text))
    -- A join, not "id = ANY(event_ids)": ANY over a large array compares each row with every id.
    FROM (SELECT DISTINCT unnest(event_ids) AS id) wanted
    JOIN "Event" e ON e.id = wanted.id,
    LATERAL (SELECT concat_ws(' ',
      e.title, e.summary, e.place,
      (SELECT string_agg(concat_ws(' ', c.quote, c.attribution), ' ' ORDER BY s.slug)
         FROM "Citation" c JOIN "Source" s ON s.id = c."sourceId" WHERE c."eventId" = e.id),
      (SELECT string_agg(concat_ws(' ', a.name, array_to_string(a.aliases, ' ')), ' ' ORDER BY a.slug)
         FROM (SELECT DISTINCT p."actorId" FROM "Participation" p WHERE p."eventId" = e.id) taking
         JOIN "Actor" a ON a.id = taking."actorId")
    ) AS text) doc
  ON CONFLICT ("eventId") DO UPDATE SET "text" = EXCLUDED."text", "terms" = EXCLUDED."terms";
$$;

CREATE OR REPLACE FUNCTION chronicle_refresh_event_search(event_id uuid) RETURNS void LANGUAGE sql AS $$
  SELECT chronicle_refresh_event_searches(ARRAY[event_id]);
$$;
