-- Which version of the data a database holds, for caches and ETags: one row, moved on by
-- triggers in every transaction that changes a row of the timeline, whatever wrote it (the seed,
-- an import, later the API, or someone with psql), and announced to every listening server.
-- CreateTable
CREATE TABLE "DataVersion" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "epoch" UUID NOT NULL DEFAULT gen_random_uuid(),
    "version" BIGINT NOT NULL DEFAULT 0,
    "txid" xid8,
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataVersion_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "DataVersion" ADD CONSTRAINT "DataVersion_one_row" CHECK ("id");
INSERT INTO "DataVersion" DEFAULT VALUES;

-- Adds one at most once per transaction, and only when a statement changed rows: an import that
-- finds everything as it was leaves the version, and so every cache and ETag, as they were. The
-- NOTIFY is delivered when the transaction commits, never for one that rolls back.
CREATE FUNCTION chronicle_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved record;
BEGIN
  -- Nested: a TRUNCATE trigger has no transition table to read.
  IF TG_OP <> 'TRUNCATE' THEN
    IF NOT EXISTS (SELECT 1 FROM changed_rows) THEN
      RETURN NULL;
    END IF;
  END IF;
  UPDATE "DataVersion"
     SET "version" = "version" + 1, "txid" = pg_current_xact_id(), "changedAt" = now()
   WHERE "txid" IS DISTINCT FROM pg_current_xact_id()
  RETURNING "epoch", "version" INTO moved;
  IF FOUND THEN
    PERFORM pg_notify('chronicle_data_changed', moved."epoch" || ':' || moved."version");
  END IF;
  RETURN NULL;
END $$;

-- A trigger with a transition table takes one kind of change, so three per table, and TRUNCATE.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Event', 'EventSearch', 'Participation', 'Actor', 'Affiliation', 'Source', 'Citation', 'EventRelation', 'SlugRedirect'] LOOP
    EXECUTE format('CREATE TRIGGER data_changed_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed()', t);
    EXECUTE format('CREATE TRIGGER data_changed_update AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed()', t);
    EXECUTE format('CREATE TRIGGER data_changed_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed()', t);
    EXECUTE format('CREATE TRIGGER data_changed_truncate AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed()', t);
  END LOOP;
END $$;
