-- An event's translations are searched too: a reader finds the G7 summit by "Taormine", its French
-- title's word. Their titles and summaries join the search document, by language tag, after the
-- event's own words. The one function still makes the document for an event as stored and for one
-- as it was (src/history/past-tables.ts).
DROP FUNCTION chronicle_search_document(text, text, text, text[], uuid[]);
CREATE FUNCTION chronicle_search_document(title text, summary text, place text, translations jsonb, citation_texts text[], actor_ids uuid[])
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT concat_ws(' ', title, summary, place,
    (SELECT string_agg(concat_ws(' ', t.value->>'title', t.value->>'summary'), ' ' ORDER BY t.key) FROM jsonb_each(translations) t),
    array_to_string(citation_texts, ' '),
    (SELECT string_agg(concat_ws(' ', a.name, array_to_string(a.aliases, ' ')), ' ' ORDER BY a.slug)
       FROM "Actor" a WHERE a.id = ANY(actor_ids)))
$$;

CREATE OR REPLACE FUNCTION chronicle_refresh_event_searches(event_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "EventSearch" ("eventId", "text", "terms")
  SELECT e.id, doc.text, tsvector_to_array(to_tsvector('english', doc.text))
    -- A join, not "id = ANY(event_ids)": ANY over a large array compares each row with every id.
    FROM (SELECT DISTINCT unnest(event_ids) AS id) wanted
    JOIN "Event" e ON e.id = wanted.id,
    LATERAL (SELECT chronicle_search_document(e.title, e.summary, e.place, e.translations,
      (SELECT array_agg(concat_ws(' ', c.quote, c.attribution) ORDER BY s.slug)
         FROM "Citation" c JOIN "Source" s ON s.id = c."sourceId" WHERE c."eventId" = e.id),
      (SELECT array_agg(p."actorId") FROM "Participation" p WHERE p."eventId" = e.id)) AS text) doc
  ON CONFLICT ("eventId") DO UPDATE SET "text" = EXCLUDED."text", "terms" = EXCLUDED."terms";
$$;

-- An edited translation refreshes the event's document, as an edited title does.
DROP TRIGGER event_search ON "Event";
CREATE TRIGGER event_search AFTER INSERT OR UPDATE OF title, summary, place, translations ON "Event"
  FOR EACH ROW EXECUTE FUNCTION chronicle_event_search();

-- The events that have translations already are searched by them from now on.
SELECT chronicle_refresh_event_searches(array(SELECT id FROM "Event" WHERE translations <> '{}'::jsonb));
