// GraphQL subscriptions over Server-Sent Events (Yoga's, the graphql-sse protocol):
// `eventsChanged(filter)` tells an open timeline which of its events a write created or changed,
// so it updates without polling.
import { filter as keep, map, pipe } from 'graphql-yoga';
import { z } from 'zod';
import { refuseRevoked } from '../auth/viewer.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { queryRows } from '../db/sql.js';
import { EventFilterInput, resolveFilter } from '../events/event-filter.schema.js';
import { Prisma } from '../generated/prisma/client.js';
import { EVENTS_CHANGED, type EventsChanged } from './change-bus.js';

builder.subscriptionType({
  description: 'Live updates, over Server-Sent Events (graphql-sse): send the subscription with Accept: text/event-stream.',
  // Hearing of events is reading them.
  authScopes: { read: true },
});

/** The changed events the filter matches, found in one statement per write. */
async function matching(ctx: Context, condition: Prisma.Sql, changed: EventsChanged): Promise<EventsChanged> {
  const ids = [...changed.created, ...changed.updated];
  if (ids.length === 0) return changed;
  const rows = await queryRows(ctx.db, z.object({ id: z.string() }), Prisma.sql`SELECT e.id FROM "Event" e WHERE e.id = ANY(${ids}::uuid[]) AND ${condition}`);
  const matched = new Set(rows.map((r) => r.id));
  // Retired events are told to every subscriber, whatever its filter, to drop any it shows.
  return { ...changed, created: changed.created.filter((id) => matched.has(id)), updated: changed.updated.filter((id) => matched.has(id)) };
}

const CHRONOLOGICAL = [{ sortAt: 'asc' as const }, { slug: 'asc' as const }];

const EventsChangedRef = builder.objectRef<EventsChanged>('EventsChanged').implement({
  description: 'What one write did to the events a subscription follows.',
  fields: (t) => ({
    created: t.prismaField({
      type: ['Event'],
      description: 'Events the write created, chronological.',
      resolve: (query, changed, _args, ctx) => ctx.db.event.findMany({ ...query, where: { id: { in: changed.created } }, orderBy: CHRONOLOGICAL }),
    }),
    updated: t.prismaField({
      type: ['Event'],
      description: 'Events the write changed, chronological, as they are now.',
      resolve: (query, changed, _args, ctx) => ctx.db.event.findMany({ ...query, where: { id: { in: changed.updated } }, orderBy: CHRONOLOGICAL }),
    }),
    retired: t.prismaField({
      type: ['Event'],
      description: 'Events the write retired: a timeline showing one drops it.',
      resolve: (query, changed, _args, ctx) => ctx.db.event.findMany({ ...query, where: { id: { in: changed.retired } }, orderBy: CHRONOLOGICAL }),
    }),
    more: t.exposeBoolean('more', {
      description: 'The write changed more events than are listed (an import): read the timeline again.',
    }),
  }),
});

builder.subscriptionField('eventsChanged', (t) =>
  t.field({
    type: EventsChangedRef,
    description: 'Each write that creates or changes events the filter matches, as it commits.',
    args: { filter: t.arg({ type: EventFilterInput }) },
    // The filter is read (and refused, when it is wrong) as the subscription starts.
    subscribe: async (_root, args, ctx) => {
      const { condition } = await resolveFilter(ctx, args.filter);
      return pipe(
        ctx.changes.subscribe(EVENTS_CHANGED),
        map(async (changed: EventsChanged) => {
          await refuseRevoked(ctx.db, ctx.viewer);
          // One context serves the whole subscription: what its loaders hold is from an earlier write.
          ctx.loaders.clear();
          return matching(ctx, condition, changed);
        }),
        keep((changed: EventsChanged) => changed.created.length > 0 || changed.updated.length > 0 || changed.retired.length > 0 || changed.more),
      );
    },
    resolve: (changed) => changed,
  }),
);
