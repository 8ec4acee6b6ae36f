// Actor.associates: who shares events with an actor, ranked by how many.
import { resolveOffsetConnection, resolveArrayConnection } from '@pothos/plugin-relay';
import { actorById } from '../actors/actor-loaders.js';
import { ActorRef } from '../actors/actor.schema.js';
import { builder } from '../builder.js';
import { EventFilterInput, resolveFilter } from '../events/event-filter.schema.js';
import { EventRef } from '../events/event.schema.js';
import type { ResolvedEventFilter } from '../events/event-filter.js';
import { listedEventsById } from '../events/listed-event.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, maxPageSize } from '../lib/pagination.js';
import { associateCount, associatesOf, SHARED_EVENTS_KEPT, type AssociateRow } from './actor-graph.js';

/** An associate, with the filter its shared events were found by. */
type ListedAssociate = AssociateRow & { filter: ResolvedEventFilter };

const AssociateRef = builder.objectRef<ListedAssociate>('Associate').implement({
  description: 'An actor who shares events with another, and what they share.',
  fields: (t) => ({
    actor: t.field({ type: ActorRef, resolve: (row, _args, ctx) => actorById(ctx).load(row.actorId) }),
    sharedEventCount: t.exposeInt('sharedEventCount', { description: 'How many (filtered) events both took part in.' }),
    firstShared: t.field({
      type: EventRef,
      description: 'The earliest shared event.',
      resolve: async (row, _args, ctx, info) => (await listedEventsById(ctx, info, row.filter, [row.sharedEventIds[0]!]))[0]!,
    }),
    lastShared: t.field({
      type: EventRef,
      description: 'The latest shared event.',
      resolve: async (row, _args, ctx, info) => (await listedEventsById(ctx, info, row.filter, [row.lastSharedId]))[0]!,
    }),
    sharedEvents: t.connection(
      {
        type: EventRef,
        description: `The shared events in chronological order (the first ${SHARED_EVENTS_KEPT}; relationship(a, b) pages through all of them).`,
        resolve: async (row, args, ctx, info) => {
          maxPageSize(args);
          const page = resolveArrayConnection({ args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE }, row.sharedEventIds);
          const events = await listedEventsById(
            ctx,
            info,
            row.filter,
            page.edges.map((e) => e.node),
            ['edges', 'node'],
          );
          return { ...page, edges: page.edges.map((edge, i) => ({ ...edge, node: events[i] as never })), totalCount: row.sharedEventCount };
        },
      },
      {
        name: 'AssociateSharedEventsConnection',
        fields: (c) => ({ totalCount: c.int({ resolve: (parent) => (parent as unknown as { totalCount: number }).totalCount }) }),
      },
    ),
  }),
});

builder.prismaObjectField('Actor', 'associates', (t) =>
  t.connection(
    {
      type: AssociateRef,
      description: 'Actors who share (filtered) events with this one: most shared events first, then by name.',
      args: { filter: t.arg({ type: EventFilterInput }) },
      resolve: async (actor, args, ctx) => {
        maxPageSize(args);
        const filter = await resolveFilter(ctx, args.filter);
        let totalCount = 0;
        const connection = await resolveOffsetConnection({ args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE }, async ({ offset, limit }) => {
          const rows = await associatesOf(ctx.db, actor.id, filter.condition, limit, offset);
          totalCount = rows[0]?.total ?? (offset > 0 ? await associateCount(ctx.db, actor.id, filter.condition) : 0);
          return rows.map((row) => ({ ...row, filter }));
        });
        return { ...connection, totalCount };
      },
    },
    {
      name: 'ActorAssociatesConnection',
      fields: (c) => ({ totalCount: c.int({ resolve: (parent) => (parent as unknown as { totalCount: number }).totalCount }) }),
    },
  ),
);
