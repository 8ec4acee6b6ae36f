-- The old event time columns go; the new ones, filled by the previous migration, are required.
ALTER TABLE "Event"
  DROP COLUMN "startEdtf",
  DROP COLUMN "startPrecision",
  DROP COLUMN "endEdtf",
  DROP COLUMN "endPrecision",
  DROP COLUMN "earliest",
  DROP COLUMN "latest",
  DROP COLUMN "sortAt";

ALTER TABLE "Event" RENAME COLUMN "sortKey" TO "sortAt";

ALTER TABLE "Event"
  ALTER COLUMN "date" SET NOT NULL,
  ALTER COLUMN "sortAt" SET NOT NULL,
  ALTER COLUMN "spanStart" SET NOT NULL,
  ALTER COLUMN "spanEnd" SET NOT NULL,
  ALTER COLUMN "startEarliest" SET NOT NULL,
  ALTER COLUMN "startLatest" SET NOT NULL,
  ALTER COLUMN "endEarliest" SET NOT NULL,
  ALTER COLUMN "endLatest" SET NOT NULL;

CREATE INDEX "Event_sortAt_slug_idx" ON "Event"("sortAt", "slug");
CREATE INDEX "Event_spanStart_spanEnd_idx" ON "Event"("spanStart", "spanEnd");

ALTER TABLE "Source"
  DROP COLUMN "publishedEarliest",
  DROP COLUMN "publishedLatest";

CREATE INDEX "Source_onRecordAt_idx" ON "Source"("onRecordAt");

DROP TYPE "DatePrecision";
