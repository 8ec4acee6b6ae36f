-- CreateIndex
CREATE INDEX "Place_name_id_idx" ON "Place"("name", "id");
