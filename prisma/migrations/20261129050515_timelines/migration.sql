-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "presentation" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "summaryHtml" TEXT;

-- CreateTable
CREATE TABLE "Timeline" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "headline" TEXT,
    "text" TEXT,
    "media" JSONB,
    "background" JSONB,
    "eras" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Timeline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimelineEvent" (
    "timelineId" UUID NOT NULL,
    "eventId" UUID NOT NULL,

    CONSTRAINT "TimelineEvent_pkey" PRIMARY KEY ("timelineId","eventId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Timeline_slug_key" ON "Timeline"("slug");

-- CreateIndex
CREATE INDEX "TimelineEvent_eventId_idx" ON "TimelineEvent"("eventId");

-- AddForeignKey
ALTER TABLE "TimelineEvent" ADD CONSTRAINT "TimelineEvent_timelineId_fkey" FOREIGN KEY ("timelineId") REFERENCES "Timeline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEvent" ADD CONSTRAINT "TimelineEvent_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Timelines change what answers say (an export's title slide, a filter by timeline): cached
-- answers are told, as for every other table (20261128012229_data_version).
CREATE TRIGGER data_changed_insert AFTER INSERT ON "Timeline" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed();
CREATE TRIGGER data_changed_update AFTER UPDATE ON "Timeline" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed();
CREATE TRIGGER data_changed_delete AFTER DELETE ON "Timeline" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed();
CREATE TRIGGER data_changed_truncate AFTER TRUNCATE ON "Timeline" FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed();
CREATE TRIGGER data_changed_insert AFTER INSERT ON "TimelineEvent" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed();
CREATE TRIGGER data_changed_update AFTER UPDATE ON "TimelineEvent" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed();
CREATE TRIGGER data_changed_delete AFTER DELETE ON "TimelineEvent" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed();
CREATE TRIGGER data_changed_truncate AFTER TRUNCATE ON "TimelineEvent" FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed();
