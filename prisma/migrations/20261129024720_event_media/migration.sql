-- An event's media (src/events/media.ts): a list it owns, kept in its row and written whole with it.
-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "media" JSONB NOT NULL DEFAULT '[]';
