-- An export states when its data last changed (the latest updatedAt of events, actors, sources
-- and citations) before its first row: with these indexes each is one index read, not a scan.
-- CreateIndex
CREATE INDEX "Actor_updatedAt_idx" ON "Actor"("updatedAt");

-- CreateIndex
CREATE INDEX "Citation_updatedAt_idx" ON "Citation"("updatedAt");

-- CreateIndex
CREATE INDEX "Event_updatedAt_idx" ON "Event"("updatedAt");

-- CreateIndex
CREATE INDEX "Source_updatedAt_idx" ON "Source"("updatedAt");
