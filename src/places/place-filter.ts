// Where on the map, as the event filter asks it: near a point (within so many kilometres, along
// the earth's surface) or inside a bounding box. Both compile to a condition on an event's place
// that PostgreSQL answers from indexes: the places first, by their coordinates' index (a box around
// the circle, then the exact distance), then the events at them, by Event.locationId.
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.js';

const EARTH_KM = 6371.0088;
const degrees = (radians: number) => (radians * 180) / Math.PI;

const latitude = z.number({ error: 'must be a number of degrees' }).min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90');
const longitude = z.number({ error: 'must be a number of degrees' }).min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180');

export const nearSchema = z.strictObject({
  latitude,
  longitude,
  km: z.number({ error: 'must be a number of kilometres' }).positive('must be more than 0').max(20_038, 'must be at most 20,038 (half the way round)'),
});

/** A box as GeoJSON gives one: its west and east longitudes (west > east crosses the antimeridian), south and north latitudes. */
export const bboxSchema = z
  .strictObject({ west: longitude, south: latitude, east: longitude, north: latitude })
  .refine((b) => b.south <= b.north, { message: 'must be south of north (or the same)', path: ['south'] });

export type Near = z.infer<typeof nearSchema>;
type Bbox = z.infer<typeof bboxSchema>;

/** The places inside a box, as SQL on "Place" pl; a box across the antimeridian is its two halves. */
function inBox(box: Bbox): Prisma.Sql {
  const longitudes =
    box.west <= box.east
      ? Prisma.sql`pl.longitude BETWEEN ${box.west}::float8 AND ${box.east}::float8`
      : Prisma.sql`(pl.longitude >= ${box.west}::float8 OR pl.longitude <= ${box.east}::float8)`;
  return Prisma.sql`pl.latitude BETWEEN ${box.south}::float8 AND ${box.north}::float8 AND ${longitudes}`;
}

/**
 * The box around a circle on the sphere the distance is measured on, for the index: its angular
 * radius north and south, and the widest it reaches east and west (asin(sin r / cos lat)); the
 * whole width of the map when the circle reaches a pole or round the earth.
 */
function boxAround({ latitude: lat, longitude: lon, km }: Near): Bbox {
  const radius = km / EARTH_KM;
  const dLat = degrees(radius);
  const south = Math.max(-90, lat - dLat);
  const north = Math.min(90, lat + dLat);
  const reach = Math.sin(radius) / Math.cos((lat * Math.PI) / 180);
  if (south === -90 || north === 90 || radius >= Math.PI / 2 || reach >= 1) return { west: -180, east: 180, south, north };
  const dLon = degrees(Math.asin(reach));
  const west = lon - dLon;
  const east = lon + dLon;
  return { west: west < -180 ? west + 360 : west, east: east > 180 ? east - 360 : east, south, north };
}

/** Great-circle distance (haversine) from a point to "Place" pl, in kilometres. */
function distanceKm({ latitude: lat, longitude: lon }: Near): Prisma.Sql {
  return Prisma.sql`2 * ${EARTH_KM}::float8 * asin(least(1, sqrt(
    power(sin(radians(pl.latitude - ${lat}::float8) / 2), 2) +
    cos(radians(${lat}::float8)) * cos(radians(pl.latitude)) * power(sin(radians(pl.longitude - ${lon}::float8) / 2), 2))))`;
}

/** The condition on an event "e": its place is near the point. */
export function nearCondition(near: Near): Prisma.Sql {
  return Prisma.sql`e."locationId" = ANY(ARRAY(SELECT pl.id FROM "Place" pl WHERE ${inBox(boxAround(near))} AND ${distanceKm(near)} <= ${near.km}::float8))`;
}

/** The condition on an event "e": its place is inside the box. */
export function bboxCondition(box: Bbox): Prisma.Sql {
  return Prisma.sql`e."locationId" = ANY(ARRAY(SELECT pl.id FROM "Place" pl WHERE ${inBox(box)}))`;
}
