// Adding terms to the vocabularies, and changing them: from a file (an import, a dump) through
// the record writer, or from `chronicle terms add`. Every path ends in writeTerms, which keeps the
// broader-than relation a tree and each term's place under the old enums (Term.enumValue).
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.js';
import { queryRows } from '../db/sql.js';
import type { TermRecord } from '../records/record-schemas.js';
import { InputError } from '../lib/errors.js';
import { SCHEME_NOUN } from './terms.js';

type Tx = Prisma.TransactionClient;

/** A term made its own ancestor: refused, naming the terms of the cycle. */
export class TermCycleError extends InputError {}

export interface TermsWritten {
  created: number;
  updated: number;
}

/**
 * Adds each term, or sets the label, description and parent of one that exists to what is given.
 * In one statement, so a file may give a child before its parent (the keys are checked at its end).
 */
export async function writeTerms(tx: Tx, terms: TermRecord[]): Promise<TermsWritten> {
  if (terms.length === 0) return { created: 0, updated: 0 };
  const rows = terms.map((t) => ({
    scheme: t.scheme,
    slug: t.slug,
    label: t.label,
    description: t.description ?? null,
    parentSlug: t.parent ?? null,
    createdAt: t.createdAt ?? null,
    updatedAt: t.updatedAt ?? null,
  }));
  // Record time as given (a dump's, so a copy is exact), else now for what is new or changed.
  const written = await queryRows(
    tx,
    z.object({ created: z.boolean() }),
    Prisma.sql`
    WITH r AS (
      SELECT * FROM json_to_recordset(${JSON.stringify(rows)}::json) AS r(
             scheme "TermScheme", slug text, label text, description text, "parentSlug" text, "createdAt" timestamptz, "updatedAt" timestamptz)
    ),
    changed AS (
      UPDATE "Term" t SET label = r.label, description = r.description, "parentSlug" = r."parentSlug",
             "createdAt" = coalesce(r."createdAt", t."createdAt"), "updatedAt" = coalesce(r."updatedAt", now())
        FROM r
       WHERE t.scheme = r.scheme AND t.slug = r.slug
         AND (t.label, t.description, t."parentSlug", t."createdAt", t."updatedAt")
             IS DISTINCT FROM (r.label, r.description, r."parentSlug", coalesce(r."createdAt", t."createdAt"), coalesce(r."updatedAt", t."updatedAt"))
      RETURNING false AS created
    ),
    added AS (
      INSERT INTO "Term" (scheme, slug, label, description, "parentSlug", "createdAt", "updatedAt")
      SELECT r.scheme, r.slug, r.label, r.description, r."parentSlug", coalesce(r."createdAt", now()), coalesce(r."updatedAt", now())
        FROM r WHERE NOT EXISTS (SELECT 1 FROM "Term" t WHERE t.scheme = r.scheme AND t.slug = r.slug)
      RETURNING true AS created
    )
    SELECT created FROM changed UNION ALL SELECT created FROM added`,
  );
  await refuseCycles(tx);
  await tx.$executeRaw`SELECT chronicle_refresh_term_enums()`;
  const created = written.filter((w) => w.created).length;
  return { created, updated: written.length - created };
}

/** Refuses a term that is, through its parents, under itself. */
async function refuseCycles(tx: Tx): Promise<void> {
  const [cycle] = await queryRows(
    tx,
    z.object({ scheme: z.enum(['EVENT_TYPE', 'ROLE_TYPE', 'SOURCE_TYPE']), path: z.array(z.string()) }),
    Prisma.sql`
    WITH RECURSIVE up(scheme, slug, ancestor, path) AS (
      SELECT scheme, slug, "parentSlug", ARRAY[slug] FROM "Term" WHERE "parentSlug" IS NOT NULL
      UNION ALL
      SELECT up.scheme, up.slug, t."parentSlug", up.path || t.slug
        FROM up JOIN "Term" t ON t.scheme = up.scheme AND t.slug = up.ancestor
       WHERE t."parentSlug" IS NOT NULL AND NOT (t.slug = ANY(up.path))
    )
    SELECT scheme::text AS scheme, path || ancestor AS path FROM up WHERE ancestor = slug LIMIT 1`,
  );
  if (cycle)
    throw new TermCycleError(
      'parent',
      `the ${SCHEME_NOUN[cycle.scheme]}s ${cycle.path.map((s) => `"${s}"`).join(' -> ')} would each be under the next: a term cannot be under itself`,
    );
}
