-- Actors found by any part of their name (actors(search: "macr")), as events by place: trigrams.
-- CreateIndex
CREATE INDEX "Actor_name_trgm_idx" ON "Actor" USING GIN ("name" gin_trgm_ops);
