-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "locationId" UUID;

-- CreateTable
CREATE TABLE "Place" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT,
    "country" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "externalIds" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Place_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Place_slug_key" ON "Place"("slug");

-- CreateIndex
CREATE INDEX "Place_latitude_longitude_idx" ON "Place"("latitude", "longitude");

-- CreateIndex
CREATE INDEX "Event_locationId_idx" ON "Event"("locationId");

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Place"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A place's coordinates are on the map or not at all: both, within WGS 84's ranges.
ALTER TABLE "Place" ADD CONSTRAINT "Place_coordinates" CHECK (
  (latitude IS NULL) = (longitude IS NULL) AND (latitude IS NULL OR (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180)));

-- Places change what answers say (an event's location, a filter by distance): cached answers are
-- told, as for every other table (20261128012229_data_version).
CREATE TRIGGER data_changed_insert AFTER INSERT ON "Place" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed();
CREATE TRIGGER data_changed_update AFTER UPDATE ON "Place" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed();
CREATE TRIGGER data_changed_delete AFTER DELETE ON "Place" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed();
CREATE TRIGGER data_changed_truncate AFTER TRUNCATE ON "Place" FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed();
