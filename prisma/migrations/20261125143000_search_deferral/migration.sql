-- Bulk writers (chronicle import) can defer the search refresh to one pass at the end of their
-- transaction: with the transaction-local setting chronicle.defer_search = 'on', the row
-- triggers do nothing, and the writer refreshes the events it touched itself.
CREATE OR REPLACE FUNCTION chronicle_search_deferred() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('chronicle.defer_search', true), '') = 'on'
$$;

CREATE OR REPLACE FUNCTION chronicle_event_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT chronicle_search_deferred() THEN
    PERFORM chronicle_refresh_event_search(NEW.id);
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION chronicle_event_part_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF chronicle_search_deferred() THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM chronicle_refresh_event_search(OLD."eventId");
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW."eventId" IS DISTINCT FROM OLD."eventId") THEN
    PERFORM chronicle_refresh_event_search(NEW."eventId");
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION chronicle_actor_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT chronicle_search_deferred() THEN
    PERFORM chronicle_refresh_event_search(p."eventId")
       FROM (SELECT DISTINCT "eventId" FROM "Participation" WHERE "actorId" = NEW.id) p;
  END IF;
  RETURN NULL;
END $$;
