// Places in GraphQL: the Place type, Event.location, and the `place` and `places` queries.
import { builder } from '../builder.js';
import { ExternalIdRef, externalIdsOf } from '../lib/external-id.schema.js';
import { maxPageSize } from '../lib/pagination.js';

export const PlaceRef = builder.prismaObject('Place', {
  description: 'A place events happen at, on the map: a city, a building, a country.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    kind: t.exposeString('kind', { nullable: true, description: 'What sort of place: "city", "building", "country".' }),
    country: t.exposeString('country', { nullable: true, description: 'ISO 3166-1 alpha-2: "BE".' }),
    latitude: t.exposeFloat('latitude', { nullable: true, description: 'WGS 84 degrees.' }),
    longitude: t.exposeFloat('longitude', { nullable: true, description: 'WGS 84 degrees.' }),
    externalIds: t.field({
      type: [ExternalIdRef],
      description: 'Identifiers in gazetteers: geonames 2800866, wikidata Q239.',
      select: { externalIds: true },
      resolve: (place) => externalIdsOf(place.externalIds),
    }),
  }),
});

builder.prismaObjectFields('Event', (t) => ({
  location: t.relation('location', { nullable: true, description: 'Where it happened on the map, when known (place holds it in words).' }),
}));

builder.queryFields((t) => ({
  place: t.prismaField({
    type: 'Place',
    nullable: true,
    description: 'One place by its slug, or null.',
    args: { slug: t.arg.string({ required: true }) },
    resolve: (query, _root, { slug }, ctx) => ctx.db.place.findUnique({ ...query, where: { slug } }),
  }),
  places: t.prismaConnection(
    {
      type: 'Place',
      cursor: 'id',
      description: 'Places by name. Events near one: events(filter: { near: { latitude, longitude, km } }).',
      maxSize: maxPageSize,
      resolve: (query, _root, _args, ctx) => ctx.db.place.findMany({ ...query, orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
      totalCount: (_root, _args, ctx) => ctx.db.place.count(),
    },
    { description: 'A page of places.' },
  ),
}));
