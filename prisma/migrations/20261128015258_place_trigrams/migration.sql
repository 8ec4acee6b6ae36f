-- The place filter matches anywhere in the text (ILIKE '%Brussels%'), which a b-tree cannot serve:
-- trigrams can. pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it
-- without superuser rights; PGlite has it built in (src/db/adapter.ts loads it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Event_place_trgm_idx" ON "Event" USING GIN ("place" gin_trgm_ops);
