-- CreateTable
CREATE TABLE "EventSearch" (
    "eventId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "terms" TEXT[],

    CONSTRAINT "EventSearch_pkey" PRIMARY KEY ("eventId")
);

-- CreateIndex
CREATE INDEX "EventSearch_terms_idx" ON "EventSearch" USING GIN ("terms");

-- AddForeignKey
ALTER TABLE "EventSearch" ADD CONSTRAINT "EventSearch_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Full-text search. Triggers keep "EventSearch" current on every write, whoever makes it:
-- the event's title, summary and place, its citations' quotes and attributions, and the names
-- and aliases of its participants, with their English lexemes for indexed matching.
-- Prisma does not model triggers; they live in this migration.
CREATE FUNCTION chronicle_refresh_event_search(event_id uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "EventSearch" ("eventId", "text", "terms")
  SELECT e.id, doc.text, tsvector_to_array(to_tsvector('english', doc.text))
    FROM "Event" e,
    LATERAL (SELECT concat_ws(' ',
      e.title, e.summary, e.place,
      (SELECT string_agg(concat_ws(' ', c.quote, c.attribution), ' ' ORDER BY c.id)
         FROM "Citation" c WHERE c."eventId" = e.id),
      (SELECT string_agg(concat_ws(' ', a.name, array_to_string(a.aliases, ' ')), ' ' ORDER BY a.id)
         FROM "Actor" a WHERE a.id IN (SELECT "actorId" FROM "Participation" WHERE "eventId" = e.id))
    ) AS text) doc
   WHERE e.id = event_id
  ON CONFLICT ("eventId") DO UPDATE SET "text" = EXCLUDED."text", "terms" = EXCLUDED."terms";
END $$;

CREATE FUNCTION chronicle_event_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM chronicle_refresh_event_search(NEW.id);
  RETURN NULL;
END $$;

CREATE TRIGGER event_search AFTER INSERT OR UPDATE OF title, summary, place ON "Event"
  FOR EACH ROW EXECUTE FUNCTION chronicle_event_search();

-- A change to an event's citations or participants refreshes that event.
CREATE FUNCTION chronicle_event_part_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM chronicle_refresh_event_search(OLD."eventId");
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW."eventId" IS DISTINCT FROM OLD."eventId") THEN
    PERFORM chronicle_refresh_event_search(NEW."eventId");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER citation_search AFTER INSERT OR DELETE OR UPDATE OF quote, attribution, "eventId" ON "Citation"
  FOR EACH ROW EXECUTE FUNCTION chronicle_event_part_search();
CREATE TRIGGER participation_search AFTER INSERT OR DELETE OR UPDATE OF "actorId", "eventId" ON "Participation"
  FOR EACH ROW EXECUTE FUNCTION chronicle_event_part_search();

-- Renaming an actor refreshes the events they took part in.
CREATE FUNCTION chronicle_actor_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM chronicle_refresh_event_search(p."eventId")
     FROM (SELECT DISTINCT "eventId" FROM "Participation" WHERE "actorId" = NEW.id) p;
  RETURN NULL;
END $$;

CREATE TRIGGER actor_search AFTER UPDATE OF name, aliases ON "Actor"
  FOR EACH ROW EXECUTE FUNCTION chronicle_actor_search();

-- Events stored before this migration.
SELECT chronicle_refresh_event_search(id) FROM "Event";
