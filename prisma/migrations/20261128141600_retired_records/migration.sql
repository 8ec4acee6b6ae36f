-- Retired records: kept, hidden from lists, counts, histograms and exports, and reinstated by
-- clearing retiredAt. Retiring and reinstating are revisions of their own.
-- AlterEnum

ALTER TYPE "RevisionAction" ADD VALUE 'RETIRED';
ALTER TYPE "RevisionAction" ADD VALUE 'REINSTATED';

-- AlterTable
ALTER TABLE "Actor" ADD COLUMN     "retiredAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "retiredAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "retiredAt" TIMESTAMPTZ(3);

-- The histogram summary counts the events that are not retired: retiring one takes it out of its
-- buckets (the old row counts -1, the new one nothing), reinstating puts it back.
CREATE OR REPLACE FUNCTION chronicle_histogram_summary() RETURNS trigger LANGUAGE plpgsql AS $$
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
         WHERE e."retiredAt" IS NULL
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
