-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "language" TEXT,
ADD COLUMN     "translations" JSONB NOT NULL DEFAULT '{}';
