-- CreateEnum
CREATE TYPE "RecordKind" AS ENUM ('EVENT', 'ACTOR', 'SOURCE');

-- CreateTable
CREATE TABLE "SlugRedirect" (
    "kind" "RecordKind" NOT NULL,
    "slug" TEXT NOT NULL,
    "targetId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlugRedirect_pkey" PRIMARY KEY ("kind","slug")
);

-- CreateIndex
CREATE INDEX "SlugRedirect_targetId_idx" ON "SlugRedirect"("targetId");
