-- Revision history: who changed which record, when, how and why, field by field; the revision
-- counters that let an update be refused when it was based on an older revision; API tokens.
-- CreateEnum
CREATE TYPE "TokenScope" AS ENUM ('READ', 'WRITE', 'ADMIN');

-- CreateEnum
CREATE TYPE "ChangeVia" AS ENUM ('API', 'IMPORT', 'COMMAND', 'SEED');

-- CreateEnum
CREATE TYPE "RevisionAction" AS ENUM ('CREATED', 'UPDATED');

-- AlterTable
ALTER TABLE "Actor" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "scope" "TokenScope" NOT NULL,
    "secretHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Change" (
    "id" UUID NOT NULL,
    "via" "ChangeVia" NOT NULL,
    "by" TEXT NOT NULL,
    "note" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Revision" (
    "id" UUID NOT NULL,
    "changeId" UUID NOT NULL,
    "recordKind" "RecordKind" NOT NULL,
    "recordId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "action" "RevisionAction" NOT NULL,
    "fields" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "Revision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_name_key" ON "ApiToken"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_secretHash_key" ON "ApiToken"("secretHash");

-- CreateIndex
CREATE INDEX "Change_at_idx" ON "Change"("at");

-- CreateIndex
CREATE INDEX "Change_by_at_idx" ON "Change"("by", "at");

-- CreateIndex
CREATE INDEX "Revision_changeId_idx" ON "Revision"("changeId");

-- CreateIndex
CREATE UNIQUE INDEX "Revision_recordKind_recordId_number_key" ON "Revision"("recordKind", "recordId", "number");

-- AddForeignKey
ALTER TABLE "Revision" ADD CONSTRAINT "Revision_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "Change"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Records written before Chronicle kept revisions get their creation, in one change that says so:
-- every record's history then starts at revision 1.
WITH change AS (
  INSERT INTO "Change" (id, via, "by", note)
  SELECT chronicle_uuid7(), 'IMPORT', 'before revision history', 'records written before Chronicle kept revisions'
   WHERE EXISTS (SELECT 1 FROM "Actor") OR EXISTS (SELECT 1 FROM "Source") OR EXISTS (SELECT 1 FROM "Event")
  RETURNING id
)
INSERT INTO "Revision" (id, "changeId", "recordKind", "recordId", number, action)
SELECT chronicle_uuid7(), change.id, r.kind::"RecordKind", r.id, 1, 'CREATED'
  FROM change,
       (SELECT 'ACTOR' AS kind, id FROM "Actor" UNION ALL SELECT 'SOURCE', id FROM "Source" UNION ALL SELECT 'EVENT', id FROM "Event") AS r;
