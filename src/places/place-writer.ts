// Writes places, from the one record writer (seed files, dumps, event lists), before the events
// that point to them: a place is set to what its record gives; one that reads the same is left
// untouched, its updatedAt included. Each place created or changed gets its revision in the
// history, as actors and sources do. In one statement for a batch, as terms are.
import { z } from 'zod';
import { queryRows } from '../db/sql.js';
import { Prisma, type Place } from '../generated/prisma/client.js';
import { type ChangeLog, differences, type RevisionRow } from '../records/change-log.js';
import type { PlaceRecord } from './place-record.js';

type Tx = Prisma.TransactionClient;

/** A place's own fields, as a revision compares them. */
const fieldsOf = (p: PlaceRecord | Place) => ({
  name: p.name,
  kind: p.kind ?? null,
  country: p.country ?? null,
  latitude: p.latitude ?? null,
  longitude: p.longitude ?? null,
  externalIds: p.externalIds,
});

export async function writePlaces(tx: Tx, places: PlaceRecord[], log: ChangeLog): Promise<void> {
  if (places.length === 0) return;
  // A place given twice (an event list names it with each event) is written once, as last given.
  const given = [...new Map(places.map((p) => [p.slug, p])).values()];
  const stored = new Map((await tx.place.findMany({ where: { slug: { in: given.map((p) => p.slug) } } })).map((p) => [p.slug, p]));
  const changes = new Map(given.flatMap((p) => (stored.has(p.slug) ? [[p.slug, differences(fieldsOf(stored.get(p.slug)!), fieldsOf(p))] as const] : [])));
  const rows = given.map((p) => {
    const had = stored.get(p.slug);
    // A dump's history gives the revision; otherwise a change makes the next one.
    const revision = !had
      ? log.revisionOf(p)
      : log.changeId === null
        ? (p.revision ?? had.revision)
        : had.revision + (Object.keys(changes.get(p.slug)!).length ? 1 : 0);
    return { slug: p.slug, ...fieldsOf(p), revision, createdAt: p.createdAt ?? null, updatedAt: p.updatedAt ?? null };
  });
  const written = await queryRows(
    tx,
    z.object({ id: z.string(), slug: z.string(), revision: z.number(), created: z.boolean() }),
    Prisma.sql`
    WITH r AS (
      SELECT * FROM json_to_recordset(${JSON.stringify(rows)}::json) AS r(
             slug text, name text, kind text, country text, latitude float8, longitude float8, "externalIds" jsonb,
             revision int, "createdAt" timestamptz, "updatedAt" timestamptz)
    ),
    changed AS (
      UPDATE "Place" p SET name = r.name, kind = r.kind, country = r.country, latitude = r.latitude, longitude = r.longitude,
             "externalIds" = r."externalIds", revision = r.revision,
             "createdAt" = coalesce(r."createdAt", p."createdAt"), "updatedAt" = coalesce(r."updatedAt", now())
        FROM r
       WHERE p.slug = r.slug
         AND (p.name, p.kind, p.country, p.latitude, p.longitude, p."externalIds", p.revision, p."createdAt", p."updatedAt")
             IS DISTINCT FROM (r.name, r.kind, r.country, r.latitude, r.longitude, r."externalIds", r.revision,
                               coalesce(r."createdAt", p."createdAt"), coalesce(r."updatedAt", p."updatedAt"))
      RETURNING p.id, p.slug, p.revision, false AS created
    ),
    added AS (
      INSERT INTO "Place" (id, slug, name, kind, country, latitude, longitude, "externalIds", revision, "createdAt", "updatedAt")
      SELECT chronicle_uuid7(), r.slug, r.name, r.kind, r.country, r.latitude, r.longitude, r."externalIds", r.revision,
             coalesce(r."createdAt", now()), coalesce(r."updatedAt", now())
        FROM r WHERE NOT EXISTS (SELECT 1 FROM "Place" p WHERE p.slug = r.slug)
      RETURNING id, slug, revision, true AS created
    )
    SELECT * FROM changed UNION ALL SELECT * FROM added`,
  );
  await log.created(
    tx,
    'PLACE',
    written.filter((w) => w.created).map((w) => w.id),
  );
  const revisions: RevisionRow[] = written
    .filter((w) => !w.created && Object.keys(changes.get(w.slug) ?? {}).length)
    .map((w) => ({ recordId: w.id, number: w.revision, fields: changes.get(w.slug)! }));
  await log.updated(tx, 'PLACE', revisions);
}
