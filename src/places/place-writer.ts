// Writes places, from the one record writer (seed files, dumps, event lists), before the events
// that point to them: a place is set to what its record gives; one that reads the same is left
// untouched, its updatedAt included. In one statement for a batch, as terms are.
import type { Prisma } from '../generated/prisma/client.js';
import type { PlaceRecord } from './place-record.js';

type Tx = Prisma.TransactionClient;

export async function writePlaces(tx: Tx, places: PlaceRecord[]): Promise<void> {
  if (places.length === 0) return;
  // A place given twice (an event list names it with each event) is written once, as last given.
  const rows = [...new Map(places.map((p) => [p.slug, p])).values()].map((p) => ({
    slug: p.slug,
    name: p.name,
    kind: p.kind ?? null,
    country: p.country ?? null,
    latitude: p.latitude ?? null,
    longitude: p.longitude ?? null,
    externalIds: p.externalIds,
    createdAt: p.createdAt ?? null,
    updatedAt: p.updatedAt ?? null,
  }));
  await tx.$executeRaw`
    WITH r AS (
      SELECT * FROM json_to_recordset(${JSON.stringify(rows)}::json) AS r(
             slug text, name text, kind text, country text, latitude float8, longitude float8, "externalIds" jsonb,
             "createdAt" timestamptz, "updatedAt" timestamptz)
    ),
    changed AS (
      UPDATE "Place" p SET name = r.name, kind = r.kind, country = r.country, latitude = r.latitude, longitude = r.longitude,
             "externalIds" = r."externalIds", "createdAt" = coalesce(r."createdAt", p."createdAt"), "updatedAt" = coalesce(r."updatedAt", now())
        FROM r
       WHERE p.slug = r.slug
         AND (p.name, p.kind, p.country, p.latitude, p.longitude, p."externalIds", p."createdAt", p."updatedAt")
             IS DISTINCT FROM (r.name, r.kind, r.country, r.latitude, r.longitude, r."externalIds",
                               coalesce(r."createdAt", p."createdAt"), coalesce(r."updatedAt", p."updatedAt"))
      RETURNING 1
    ),
    added AS (
      INSERT INTO "Place" (id, slug, name, kind, country, latitude, longitude, "externalIds", "createdAt", "updatedAt")
      SELECT chronicle_uuid7(), r.slug, r.name, r.kind, r.country, r.latitude, r.longitude, r."externalIds", coalesce(r."createdAt", now()), coalesce(r."updatedAt", now())
        FROM r WHERE NOT EXISTS (SELECT 1 FROM "Place" p WHERE p.slug = r.slug)
      RETURNING 1
    )
    SELECT count(*) FROM changed UNION ALL SELECT count(*) FROM added`;
}
