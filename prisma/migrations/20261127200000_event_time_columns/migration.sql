-- Event time as one EDTF value (an interval in one value: 2017-05-25/2017-06-04, 2016-07-31/..)
-- and the instants it means in BigInt milliseconds, so every year can be placed (44 BC, Y-170000)
-- and an open end can run on. Sources gain a retrieval date and the instant they were on record.
-- Chronicle fills the new columns from the old ones in the same transaction
-- (src/db/data-migrations.ts); the next migration drops the old ones.
ALTER TABLE "Event"
  ADD COLUMN "date" TEXT,
  ADD COLUMN "sortKey" BIGINT,
  ADD COLUMN "spanStart" BIGINT,
  ADD COLUMN "spanEnd" BIGINT,
  ADD COLUMN "startEarliest" BIGINT,
  ADD COLUMN "startLatest" BIGINT,
  ADD COLUMN "endEarliest" BIGINT,
  ADD COLUMN "endLatest" BIGINT;

ALTER TABLE "Source"
  ADD COLUMN "retrievedEdtf" TEXT,
  ADD COLUMN "onRecordAt" BIGINT;
