-- An event no source is known for yet may have no citation, and says so (src/records/record-schemas.ts,
-- unsourcedRule). An event list could once create an event without citations: such events are
-- marked, so that every event here keeps the rule.
-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "unsourced" BOOLEAN NOT NULL DEFAULT false;

UPDATE "Event" e SET "unsourced" = true WHERE NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."eventId" = e.id);
