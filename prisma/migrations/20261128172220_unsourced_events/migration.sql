-- An event no source is known for yet may have no citation, and says so (src/records/record-schemas.ts,
-- unsourcedRule); every event already here cites one.
-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "unsourced" BOOLEAN NOT NULL DEFAULT false;
