// A place as records give it: typed records and dumps name it by slug from events; event lists
// (exports, GDELT and ACLED files) carry it inline with each event, as they carry actors.
import { z } from 'zod';
import type { Place } from '../generated/prisma/client.js';
import { instantSchema, optionalTextSchema, safeString, slugSchema, textSchema } from '../lib/schemas.js';

const instant = instantSchema;
const optionalText = optionalTextSchema;

export const placeRecord = z
  .strictObject({
    slug: slugSchema,
    name: textSchema,
    kind: optionalText.optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "BE"')
      .nullish()
      .transform((v) => v ?? undefined)
      .optional(),
    latitude: z.number().min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90').nullish(),
    longitude: z.number().min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180').nullish(),
    externalIds: z.record(safeString(), safeString()).default({}),
    /** Its revision in the history (a dump's), restored with it. */
    revision: z.int().min(1).optional(),
    createdAt: instant,
    updatedAt: instant,
  })
  .refine((p) => (p.latitude == null) === (p.longitude == null), { message: 'give both latitude and longitude, or neither', path: ['latitude'] })
  .transform(({ latitude, longitude, ...place }) => ({
    ...place,
    ...(latitude != null && longitude != null ? { latitude, longitude } : {}),
  }));

export type PlaceRecord = z.output<typeof placeRecord>;

/** A stored place as its record. */
export function placeRecordOf(p: Place, stamped: boolean): PlaceRecord {
  return {
    slug: p.slug,
    name: p.name,
    ...(p.kind ? { kind: p.kind } : {}),
    ...(p.country ? { country: p.country } : {}),
    ...(p.latitude !== null && p.longitude !== null ? { latitude: p.latitude, longitude: p.longitude } : {}),
    externalIds: p.externalIds as Record<string, string>,
    ...(stamped ? { revision: p.revision, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() } : {}),
  };
}
