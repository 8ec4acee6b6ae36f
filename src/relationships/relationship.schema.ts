// relationship(a, b): everything that links two actors.
import { builder } from '../builder.js';
import { ActorRef } from '../actors/actor.schema.js';
import { actorById } from '../actors/actor-loaders.js';
import { EventFilterInput, EventOrderEnum, resolveFilter } from '../events/event-filter.schema.js';
import { idsForSlugs, type EventFilter } from '../events/event-filter.js';
import { eventCondition, listEvents, type EventScope } from '../events/event-listing.js';
import { countOnce, eventCountFields } from '../events/event-count.schema.js';
import { Prisma } from '../generated/prisma/client.js';
import { InputError } from '../lib/errors.js';
import { maxPageSize } from '../lib/pagination.js';
import { SOURCE_ORDER } from '../sources/source-order.js';
import { z } from 'zod';
import { queryRows } from '../db/sql.js';

interface Relationship {
  aId: string;
  bId: string;
  filter: EventFilter | null | undefined;
}

/** Events both actors took part in. */
function sharedBy(r: Relationship): EventScope {
  const tookPart = (actorId: string) => Prisma.sql`EXISTS (SELECT 1 FROM "Participation" p WHERE p."eventId" = e.id AND p."actorId" = ${actorId}::uuid)`;
  return Prisma.sql`${tookPart(r.aId)} AND ${tookPart(r.bId)}`;
}

const RelationshipRef = builder.objectRef<Relationship>('Relationship').implement({
  description: 'What links two actors: the events they share, the affiliations that tie them, and the sources that report those events.',
  fields: (t) => ({
    a: t.field({ type: ActorRef, resolve: (r, _args, ctx) => actorById(ctx).load(r.aId) }),
    b: t.field({ type: ActorRef, resolve: (r, _args, ctx) => actorById(ctx).load(r.bId) }),
    sharedEvents: t.prismaConnection(
      {
        type: 'Event',
        cursor: 'id',
        description: "The (filtered) events both took part in, chronological by default; each event's citations say who reports them.",
        maxSize: maxPageSize,
        args: { orderBy: t.arg({ type: EventOrderEnum, defaultValue: 'CHRONOLOGICAL' }) },
        resolve: async (query, r, args, ctx) => listEvents(ctx.db, query, await resolveFilter(ctx, r.filter), args.orderBy, sharedBy(r)),
        totalCount: async (r, _args, ctx) => countOnce(ctx, await resolveFilter(ctx, r.filter), sharedBy(r)),
      },
      { name: 'RelationshipSharedEventsConnection', fields: eventCountFields },
    ),
    affiliations: t.prismaField({
      type: ['Affiliation'],
      description: 'Affiliations that tie them: one holds a role in the other, or both hold roles in the same organisation.',
      resolve: (query, r, _args, ctx) =>
        ctx.db.affiliation.findMany({
          ...query,
          where: {
            // The organisation they share must be live (the two actors were asked for by name).
            organisation: { retiredAt: null },
            OR: [
              { actorId: r.aId, organisationId: r.bId },
              { actorId: r.bId, organisationId: r.aId },
              // Both hold roles in the same organisation.
              {
                actorId: { in: [r.aId, r.bId] },
                organisation: { AND: [{ members: { some: { actorId: r.aId } } }, { members: { some: { actorId: r.bId } } }] },
              },
            ],
          },
          orderBy: [{ organisation: { name: 'asc' } }, { actor: { name: 'asc' } }, { role: 'asc' }],
        }),
    }),
    sources: t.prismaField({
      type: ['Source'],
      description: 'The sources that cite their shared (filtered) events, oldest first.',
      resolve: async (query, r, _args, ctx) => {
        const where = eventCondition(await resolveFilter(ctx, r.filter), sharedBy(r));
        const cited = await queryRows(
          ctx.db,
          z.object({ id: z.string() }),
          Prisma.sql`
          SELECT DISTINCT c."sourceId" AS id FROM "Citation" c JOIN "Event" e ON e.id = c."eventId" WHERE ${where}`,
        );
        return ctx.db.source.findMany({ ...query, where: { id: { in: cited.map((c) => c.id) } }, orderBy: SOURCE_ORDER });
      },
    }),
  }),
});

builder.queryField('relationship', (t) =>
  t.field({
    type: RelationshipRef,
    description: 'Everything that links two actors, by slug.',
    args: {
      a: t.arg.string({ required: true }),
      b: t.arg.string({ required: true }),
      filter: t.arg({ type: EventFilterInput, description: 'Narrows the shared events (and so the sources).' }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.a === args.b) throw new InputError('b', `is the same actor as a ("${args.a}"): name two different actors`);
      const [[aId], [bId]] = await Promise.all([idsForSlugs(ctx.db, 'actor', [args.a], 'a'), idsForSlugs(ctx.db, 'actor', [args.b], 'b')]);
      await resolveFilter(ctx, args.filter); // a bad filter fails here, once, not in each field
      return { aId: aId!, bId: bId!, filter: args.filter };
    },
  }),
);
