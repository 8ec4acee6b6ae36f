-- Places and timelines written before they kept revisions get their creation, in one change that
-- says so, as actors, sources and events did (20261128132510_revision_history). Apart from the
-- migration that adds their kinds: a value an enum gains cannot be used in the same transaction.
WITH change AS (
  INSERT INTO "Change" (id, via, "by", note)
  SELECT chronicle_uuid7(), 'IMPORT', 'before revision history', 'places and timelines written before Chronicle kept their revisions'
   WHERE EXISTS (SELECT 1 FROM "Place") OR EXISTS (SELECT 1 FROM "Timeline")
  RETURNING id
)
INSERT INTO "Revision" (id, "changeId", "recordKind", "recordId", number, action)
SELECT chronicle_uuid7(), change.id, r.kind::"RecordKind", r.id, 1, 'CREATED'
  FROM change, (SELECT 'PLACE' AS kind, id FROM "Place" UNION ALL SELECT 'TIMELINE', id FROM "Timeline") AS r;
