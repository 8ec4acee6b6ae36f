-- Histograms of everything (or of a window of whole buckets) at a cost that does not grow with the
-- number of events: events counted by the buckets their dates fall in, kept exact by triggers on
-- "Event" in the transaction that changes it. src/events/histogram.ts reads it; test/histogram.test.ts
-- holds it equal to counting the events themselves.
-- CreateTable
CREATE TABLE "EventHistogramSummary" (
    "size" TEXT NOT NULL,
    "sb" BIGINT NOT NULL,
    "lo" BIGINT NOT NULL,
    "hi" BIGINT NOT NULL,
    "sa" BIGINT NOT NULL,
    "se" BIGINT NOT NULL,
    "events" INTEGER NOT NULL,

    CONSTRAINT "EventHistogramSummary_pkey" PRIMARY KEY ("size","sb","lo","hi","sa","se")
);

-- CreateIndex
CREATE INDEX "EventHistogramSummary_size_sa_se_idx" ON "EventHistogramSummary"("size", "sa", "se");

-- The bucket of an instant (ms since 1970, proleptic Gregorian, as src/dates/calendar.ts): days
-- since 1970-01-01, weeks (from Monday) since the one holding it, months since year 0, or years.
-- An open side (the least or greatest bigint) stays itself.
CREATE FUNCTION chronicle_bucket(size text, ms bigint) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  days bigint; z bigint; era bigint; doe bigint; yoe bigint; doy bigint; mp bigint; m bigint; y bigint;
BEGIN
  IF ms <= -9223372036854775807 OR ms >= 9223372036854775807 THEN
    RETURN ms;
  END IF;
  days := ms / 86400000 - CASE WHEN ms % 86400000 < 0 THEN 1 ELSE 0 END;
  IF size = 'DAY' THEN
    RETURN days;
  END IF;
  IF size = 'WEEK' THEN
    RETURN (days + 3) / 7 - CASE WHEN (days + 3) % 7 < 0 THEN 1 ELSE 0 END;
  END IF;
  -- H. Hinnant's civil_from_days, as civil() in src/dates/calendar.ts.
  z := days + 719468;
  era := (CASE WHEN z >= 0 THEN z ELSE z - 146096 END) / 146097;
  doe := z - era * 146097;
  yoe := (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy := doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp := (5 * doy + 2) / 153;
  m := CASE WHEN mp < 10 THEN mp + 3 ELSE mp - 9 END;
  y := yoe + era * 400 + CASE WHEN m <= 2 THEN 1 ELSE 0 END;
  IF size = 'MONTH' THEN
    RETURN y * 12 + m - 1;
  END IF;
  RETURN y;
END $$;

-- Adds the events of a statement's new rows to their bucket shapes, and takes its old rows away.
-- The transition tables are visible to the trigger function's own statements, dynamic ones
-- included: one statement serves both, by name. Shapes left with no events go, so the table
-- holds only shapes that occur.
CREATE FUNCTION chronicle_histogram_summary() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed record;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE "EventHistogramSummary";
    RETURN NULL;
  END IF;
  FOR changed IN
    SELECT * FROM (VALUES ('old_events', -1), ('new_events', 1)) t(name, sign)
     WHERE (name = 'old_events' AND TG_OP IN ('DELETE', 'UPDATE')) OR (name = 'new_events' AND TG_OP IN ('INSERT', 'UPDATE'))
  LOOP
    EXECUTE format($q$
      WITH shapes AS (
        SELECT z.size, chronicle_bucket(z.size, e."startEarliest") AS sb, chronicle_bucket(z.size, e."startLatest") AS lo,
               chronicle_bucket(z.size, e."endEarliest") AS hi, chronicle_bucket(z.size, e."spanStart") AS sa,
               chronicle_bucket(z.size, e."spanEnd") AS se, %s * count(*)::int AS events
          FROM %I e CROSS JOIN (VALUES ('DAY'), ('WEEK'), ('MONTH'), ('YEAR')) z(size)
         GROUP BY 1, 2, 3, 4, 5, 6)
      INSERT INTO "EventHistogramSummary" AS s (size, sb, lo, hi, sa, se, events)
      SELECT * FROM shapes
      ON CONFLICT (size, sb, lo, hi, sa, se) DO UPDATE SET events = s.events + excluded.events$q$, changed.sign, changed.name);
  END LOOP;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    DELETE FROM "EventHistogramSummary" s WHERE s.events = 0 AND (s.size, s.sb, s.lo, s.hi, s.sa, s.se) IN (
      SELECT z.size, chronicle_bucket(z.size, e."startEarliest"), chronicle_bucket(z.size, e."startLatest"),
             chronicle_bucket(z.size, e."endEarliest"), chronicle_bucket(z.size, e."spanStart"), chronicle_bucket(z.size, e."spanEnd")
        FROM old_events e CROSS JOIN (VALUES ('DAY'), ('WEEK'), ('MONTH'), ('YEAR')) z(size));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER histogram_summary_insert AFTER INSERT ON "Event"
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION chronicle_histogram_summary();
CREATE TRIGGER histogram_summary_update AFTER UPDATE ON "Event"
  REFERENCING OLD TABLE AS old_events NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION chronicle_histogram_summary();
CREATE TRIGGER histogram_summary_delete AFTER DELETE ON "Event"
  REFERENCING OLD TABLE AS old_events FOR EACH STATEMENT EXECUTE FUNCTION chronicle_histogram_summary();
CREATE TRIGGER histogram_summary_truncate AFTER TRUNCATE ON "Event"
  FOR EACH STATEMENT EXECUTE FUNCTION chronicle_histogram_summary();

-- The events already there.
INSERT INTO "EventHistogramSummary" (size, sb, lo, hi, sa, se, events)
SELECT z.size, chronicle_bucket(z.size, e."startEarliest"), chronicle_bucket(z.size, e."startLatest"),
       chronicle_bucket(z.size, e."endEarliest"), chronicle_bucket(z.size, e."spanStart"), chronicle_bucket(z.size, e."spanEnd"),
       count(*)::int
  FROM "Event" e CROSS JOIN (VALUES ('DAY'), ('WEEK'), ('MONTH'), ('YEAR')) z(size)
 GROUP BY 1, 2, 3, 4, 5, 6;
