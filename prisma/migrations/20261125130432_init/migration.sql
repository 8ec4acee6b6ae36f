-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('YEAR', 'MONTH', 'DAY');

-- CreateEnum
CREATE TYPE "ActorKind" AS ENUM ('PERSON', 'GOVERNMENT', 'ORGANISATION', 'MEDIA_OUTLET', 'GROUP');

-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('MEETING', 'PHONE_CALL', 'NUMBER_EXCHANGE', 'REQUEST', 'STATEMENT', 'LEAK', 'REPORT', 'REACTION', 'CRITICISM', 'ANALYSIS', 'PUBLICATION');

-- CreateEnum
CREATE TYPE "EventStatus" AS ENUM ('CONFIRMED', 'REPORTED', 'ALLEGED', 'DISPUTED', 'REFUTED');

-- CreateEnum
CREATE TYPE "ParticipantRole" AS ENUM ('INITIATOR', 'RECIPIENT', 'PARTICIPANT', 'SUBJECT', 'SPEAKER', 'LEAK_SOURCE', 'CRITIC', 'REPORTER');

-- CreateEnum
CREATE TYPE "SourceKind" AS ENUM ('NEWS_REPORT', 'WIRE_REPORT', 'OFFICIAL_STATEMENT', 'TRANSCRIPT', 'ANALYSIS', 'SOCIAL_MEDIA', 'ANONYMOUS_SOURCES');

-- CreateEnum
CREATE TYPE "Reliability" AS ENUM ('A', 'B', 'C', 'D', 'E', 'F');

-- CreateEnum
CREATE TYPE "Stance" AS ENUM ('SUPPORTS', 'DISPUTES');

-- CreateEnum
CREATE TYPE "Confidence" AS ENUM ('HIGH', 'MEDIUM', 'LOW');

-- CreateEnum
CREATE TYPE "EventRelationKind" AS ENUM ('FOLLOWS', 'CAUSED', 'REVEALS', 'REPORTS_ON', 'PART_OF');

-- CreateTable
CREATE TABLE "Actor" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ActorKind" NOT NULL,
    "description" TEXT,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "externalIds" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Actor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Affiliation" (
    "id" UUID NOT NULL,
    "actorId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "startEdtf" TEXT,
    "endEdtf" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Affiliation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "kind" "EventKind" NOT NULL,
    "status" "EventStatus" NOT NULL,
    "place" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "startEdtf" TEXT NOT NULL,
    "startPrecision" "DatePrecision" NOT NULL,
    "endEdtf" TEXT,
    "endPrecision" "DatePrecision",
    "earliest" TIMESTAMPTZ(3),
    "latest" TIMESTAMPTZ(3),
    "sortAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Participation" (
    "id" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "actorId" UUID NOT NULL,
    "role" "ParticipantRole" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Participation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Source" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "kind" "SourceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "publisherId" UUID,
    "author" TEXT,
    "url" TEXT,
    "publishedEdtf" TEXT,
    "publishedEarliest" TIMESTAMPTZ(3),
    "publishedLatest" TIMESTAMPTZ(3),
    "reliability" "Reliability" NOT NULL DEFAULT 'F',
    "notes" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Citation" (
    "id" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "sourceId" UUID NOT NULL,
    "stance" "Stance" NOT NULL DEFAULT 'SUPPORTS',
    "quote" TEXT,
    "attribution" TEXT,
    "confidence" "Confidence",
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Citation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventRelation" (
    "id" UUID NOT NULL,
    "fromId" UUID NOT NULL,
    "toId" UUID NOT NULL,
    "kind" "EventRelationKind" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventRelation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_SourceBasis" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_SourceBasis_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "Actor_slug_key" ON "Actor"("slug");

-- CreateIndex
CREATE INDEX "Actor_name_idx" ON "Actor"("name");

-- CreateIndex
CREATE INDEX "Affiliation_organisationId_idx" ON "Affiliation"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Affiliation_actorId_organisationId_role_key" ON "Affiliation"("actorId", "organisationId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Event_slug_key" ON "Event"("slug");

-- CreateIndex
CREATE INDEX "Event_sortAt_slug_idx" ON "Event"("sortAt", "slug");

-- CreateIndex
CREATE INDEX "Event_earliest_latest_idx" ON "Event"("earliest", "latest");

-- CreateIndex
CREATE INDEX "Event_kind_idx" ON "Event"("kind");

-- CreateIndex
CREATE INDEX "Event_tags_idx" ON "Event" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "Participation_actorId_eventId_idx" ON "Participation"("actorId", "eventId");

-- CreateIndex
CREATE UNIQUE INDEX "Participation_eventId_actorId_role_key" ON "Participation"("eventId", "actorId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Source_slug_key" ON "Source"("slug");

-- CreateIndex
CREATE INDEX "Source_publisherId_idx" ON "Source"("publisherId");

-- CreateIndex
CREATE INDEX "Source_publishedLatest_idx" ON "Source"("publishedLatest");

-- CreateIndex
CREATE INDEX "Citation_sourceId_idx" ON "Citation"("sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "Citation_eventId_sourceId_key" ON "Citation"("eventId", "sourceId");

-- CreateIndex
CREATE INDEX "EventRelation_toId_idx" ON "EventRelation"("toId");

-- CreateIndex
CREATE UNIQUE INDEX "EventRelation_fromId_toId_kind_key" ON "EventRelation"("fromId", "toId", "kind");

-- CreateIndex
CREATE INDEX "_SourceBasis_B_index" ON "_SourceBasis"("B");

-- AddForeignKey
ALTER TABLE "Affiliation" ADD CONSTRAINT "Affiliation_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Affiliation" ADD CONSTRAINT "Affiliation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Source" ADD CONSTRAINT "Source_publisherId_fkey" FOREIGN KEY ("publisherId") REFERENCES "Actor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventRelation" ADD CONSTRAINT "EventRelation_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventRelation" ADD CONSTRAINT "EventRelation_toId_fkey" FOREIGN KEY ("toId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_SourceBasis" ADD CONSTRAINT "_SourceBasis_A_fkey" FOREIGN KEY ("A") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_SourceBasis" ADD CONSTRAINT "_SourceBasis_B_fkey" FOREIGN KEY ("B") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;
