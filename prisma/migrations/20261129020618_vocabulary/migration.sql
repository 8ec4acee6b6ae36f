-- Event types, participant roles and source types become data (issue 11): a "Term" table of
-- slugs with labels and a broader parent, which imports and editors extend. The values of the
-- three enums they were become slugs ("PHONE_CALL" -> "phone-call"), in the rows and in their
-- revision history, and the rows name their term by a foreign key. The GraphQL schema keeps the
-- enums for old clients: "enumValue" says which value each term falls under.

CREATE TYPE "TermScheme" AS ENUM ('EVENT_TYPE', 'ROLE_TYPE', 'SOURCE_TYPE');

CREATE TABLE "Term" (
    "scheme" "TermScheme" NOT NULL,
    "slug" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT,
    "parentSlug" TEXT,
    "enumValue" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Term_pkey" PRIMARY KEY ("scheme","slug")
);
ALTER TABLE "Term" ADD CONSTRAINT "Term_scheme_parentSlug_fkey" FOREIGN KEY ("scheme", "parentSlug") REFERENCES "Term"("scheme", "slug") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Term" ALTER COLUMN "updatedAt" DROP DEFAULT;

-- The original terms: every value of the three enums, and the types real timelines needed next.
INSERT INTO "Term" ("scheme", "slug", "label", "description", "parentSlug", "updatedAt") VALUES
  ('EVENT_TYPE', 'meeting', 'Meeting', 'People meeting in person.', NULL, now()),
  ('EVENT_TYPE', 'visit', 'Visit', 'Going to meet someone, or to see a place, where they are.', 'meeting', now()),
  ('EVENT_TYPE', 'state-visit', 'State visit', 'A head of state''s formal visit to another state.', 'visit', now()),
  ('EVENT_TYPE', 'phone-call', 'Phone call', NULL, NULL, now()),
  ('EVENT_TYPE', 'number-exchange', 'Number exchange', 'Giving someone a way to reach one directly.', NULL, now()),
  ('EVENT_TYPE', 'request', 'Request', NULL, NULL, now()),
  ('EVENT_TYPE', 'statement', 'Statement', 'Something said on the record.', NULL, now()),
  ('EVENT_TYPE', 'leak', 'Leak', 'Something kept private made public without its owner''s consent.', NULL, now()),
  ('EVENT_TYPE', 'report', 'Report', 'A report about events, as an event itself.', NULL, now()),
  ('EVENT_TYPE', 'reaction', 'Reaction', NULL, NULL, now()),
  ('EVENT_TYPE', 'criticism', 'Criticism', NULL, NULL, now()),
  ('EVENT_TYPE', 'analysis', 'Analysis', NULL, NULL, now()),
  ('EVENT_TYPE', 'publication', 'Publication', NULL, NULL, now()),
  ('EVENT_TYPE', 'trip', 'Trip', 'Travel over a span of time, often through several places.', NULL, now()),
  ('EVENT_TYPE', 'investigation', 'Investigation', 'An inquiry by an authority, a court or the press.', NULL, now()),
  ('EVENT_TYPE', 'charge', 'Charge', 'A formal accusation: an indictment, a complaint, an impeachment.', NULL, now()),
  ('EVENT_TYPE', 'appointment', 'Appointment', 'Someone given an office or a post.', NULL, now()),
  ('EVENT_TYPE', 'other', 'Other', 'An event of no more particular type (what an import gives when its file says none).', NULL, now()),
  ('ROLE_TYPE', 'initiator', 'Initiator', 'Who started it: the caller, the one who asked.', NULL, now()),
  ('ROLE_TYPE', 'recipient', 'Recipient', 'Who it was directed at.', NULL, now()),
  ('ROLE_TYPE', 'participant', 'Participant', NULL, NULL, now()),
  ('ROLE_TYPE', 'host', 'Host', 'Who received the others: the host of a visit or a meeting.', 'participant', now()),
  ('ROLE_TYPE', 'visitor', 'Visitor', 'Who came: the guest of a visit.', 'participant', now()),
  ('ROLE_TYPE', 'subject', 'Subject', 'Who it was about.', NULL, now()),
  ('ROLE_TYPE', 'speaker', 'Speaker', NULL, NULL, now()),
  ('ROLE_TYPE', 'leak-source', 'Leak source', 'Who made it public, or is said to have.', NULL, now()),
  ('ROLE_TYPE', 'critic', 'Critic', NULL, NULL, now()),
  ('ROLE_TYPE', 'reporter', 'Reporter', NULL, NULL, now()),
  ('ROLE_TYPE', 'investigator', 'Investigator', NULL, NULL, now()),
  ('ROLE_TYPE', 'accused', 'Accused', 'Who a charge or an investigation is against.', 'subject', now()),
  ('ROLE_TYPE', 'appointee', 'Appointee', NULL, NULL, now()),
  ('SOURCE_TYPE', 'news-report', 'News report', NULL, NULL, now()),
  ('SOURCE_TYPE', 'wire-report', 'Wire report', 'A news agency''s report (AP, Reuters, AFP).', NULL, now()),
  ('SOURCE_TYPE', 'official-statement', 'Official statement', NULL, NULL, now()),
  ('SOURCE_TYPE', 'transcript', 'Transcript', NULL, NULL, now()),
  ('SOURCE_TYPE', 'analysis', 'Analysis', NULL, NULL, now()),
  ('SOURCE_TYPE', 'social-media', 'Social media', NULL, NULL, now()),
  ('SOURCE_TYPE', 'anonymous-sources', 'Anonymous sources', 'People who spoke on condition of anonymity.', NULL, now()),
  ('SOURCE_TYPE', 'dataset', 'Dataset', 'A database or a data file: GDELT, ACLED, Wikidata.', NULL, now()),
  ('SOURCE_TYPE', 'document', 'Document', 'A court filing, a letter, a report: a primary document.', NULL, now());

-- Which value of the old enum each term falls under: its own slug if it was one, else its nearest
-- ancestor's. Run after every change to the terms (src/vocabulary/term-writer.ts).
CREATE OR REPLACE FUNCTION chronicle_refresh_term_enums() RETURNS void LANGUAGE sql AS $$
  WITH RECURSIVE original(scheme, slug) AS (
    SELECT 'EVENT_TYPE'::"TermScheme", unnest(ARRAY['meeting', 'phone-call', 'number-exchange', 'request', 'statement', 'leak',
      'report', 'reaction', 'criticism', 'analysis', 'publication'])
    UNION ALL SELECT 'ROLE_TYPE', unnest(ARRAY['initiator', 'recipient', 'participant', 'subject', 'speaker', 'leak-source', 'critic', 'reporter'])
    UNION ALL SELECT 'SOURCE_TYPE', unnest(ARRAY['news-report', 'wire-report', 'official-statement', 'transcript', 'analysis',
      'social-media', 'anonymous-sources'])
  ),
  -- Each term and its ancestors, nearest first (depth 0 is itself); a cycle cannot be written.
  up(scheme, slug, ancestor, depth) AS (
    SELECT scheme, slug, slug, 0 FROM "Term"
    UNION ALL
    SELECT up.scheme, up.slug, t."parentSlug", up.depth + 1 FROM up JOIN "Term" t ON t.scheme = up.scheme AND t.slug = up.ancestor
    WHERE t."parentSlug" IS NOT NULL AND up.depth < 100
  ),
  nearest AS (
    SELECT DISTINCT ON (up.scheme, up.slug) up.scheme, up.slug, up.ancestor
    FROM up JOIN original o ON o.scheme = up.scheme AND o.slug = up.ancestor
    ORDER BY up.scheme, up.slug, up.depth
  )
  UPDATE "Term" t SET "enumValue" = upper(replace(n.ancestor, '-', '_'))
  FROM "Term" t2 LEFT JOIN nearest n ON n.scheme = t2.scheme AND n.slug = t2.slug
  WHERE t.scheme = t2.scheme AND t.slug = t2.slug AND t."enumValue" IS DISTINCT FROM upper(replace(n.ancestor, '-', '_'));
$$;
SELECT chronicle_refresh_term_enums();

-- The rows keep their values, as slugs.
CREATE FUNCTION pg_temp.slug_of(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(replace(value, '_', '-')) $$;
ALTER TABLE "Event" ALTER COLUMN "kind" TYPE TEXT USING pg_temp.slug_of("kind"::text),
  ADD COLUMN "kindScheme" "TermScheme" NOT NULL DEFAULT 'EVENT_TYPE' CHECK ("kindScheme" = 'EVENT_TYPE');
ALTER TABLE "Participation" ALTER COLUMN "role" TYPE TEXT USING pg_temp.slug_of("role"::text),
  ADD COLUMN "roleScheme" "TermScheme" NOT NULL DEFAULT 'ROLE_TYPE' CHECK ("roleScheme" = 'ROLE_TYPE');
ALTER TABLE "Source" ALTER COLUMN "kind" TYPE TEXT USING pg_temp.slug_of("kind"::text),
  ADD COLUMN "kindScheme" "TermScheme" NOT NULL DEFAULT 'SOURCE_TYPE' CHECK ("kindScheme" = 'SOURCE_TYPE');
DROP TYPE "EventKind";
DROP TYPE "ParticipantRole";
DROP TYPE "SourceKind";

ALTER TABLE "Event" ADD CONSTRAINT "Event_kindScheme_kind_fkey" FOREIGN KEY ("kindScheme", "kind") REFERENCES "Term"("scheme", "slug") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_roleScheme_role_fkey" FOREIGN KEY ("roleScheme", "role") REFERENCES "Term"("scheme", "slug") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Source" ADD CONSTRAINT "Source_kindScheme_kind_fkey" FOREIGN KEY ("kindScheme", "kind") REFERENCES "Term"("scheme", "slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The history says the same: a kind before and after, and each listed participant's role.
CREATE FUNCTION pg_temp.slug_value(value jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(value) = 'string' THEN to_jsonb(pg_temp.slug_of(value #>> '{}')) ELSE value END
$$;
CREATE FUNCTION pg_temp.slug_roles(list jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(list) = 'array'
    THEN (SELECT coalesce(jsonb_agg(CASE WHEN p ? 'role' THEN jsonb_set(p, '{role}', pg_temp.slug_value(p -> 'role')) ELSE p END ORDER BY i), '[]'::jsonb)
          FROM jsonb_array_elements(list) WITH ORDINALITY AS e(p, i))
    ELSE list END
$$;
UPDATE "Revision" SET "fields" = jsonb_set("fields", '{kind}', jsonb_build_object(
    'before', pg_temp.slug_value("fields" #> '{kind,before}'), 'after', pg_temp.slug_value("fields" #> '{kind,after}')))
  WHERE "recordKind" IN ('EVENT', 'SOURCE') AND "fields" ? 'kind';
UPDATE "Revision" SET "fields" = jsonb_set("fields", '{participants}', jsonb_build_object(
    'before', pg_temp.slug_roles("fields" #> '{participants,before}'), 'after', pg_temp.slug_roles("fields" #> '{participants,after}')))
  WHERE "recordKind" = 'EVENT' AND "fields" ? 'participants';

-- Edits of the terms move the data version, like those of every other table (data_version).
CREATE TRIGGER data_changed_insert AFTER INSERT ON "Term" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed();
CREATE TRIGGER data_changed_update AFTER UPDATE ON "Term" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed();
CREATE TRIGGER data_changed_delete AFTER DELETE ON "Term" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION chronicle_data_changed();
