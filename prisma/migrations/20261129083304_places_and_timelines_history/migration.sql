-- Places and timelines keep a revision history, as actors, sources and events do.
ALTER TYPE "RecordKind" ADD VALUE 'PLACE';
ALTER TYPE "RecordKind" ADD VALUE 'TIMELINE';

-- AlterTable
ALTER TABLE "Place" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Timeline" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1;
