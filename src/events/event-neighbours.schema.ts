import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type { EventFilter } from './event-filter.js';
import { EventFilterInput, resolveFilter } from './event-filter.schema.js';
import { eventById } from './event-loaders.js';
import { neighboursLoader } from './event-neighbours.js';
import { EventRef } from './event.schema.js';

/** The chronology an event's neighbours come from: the field's filter, its list's, or all events. */
async function neighbours(ctx: Context, event: { id: string }, filter: EventFilter | null | undefined) {
  const chronology = filter ? await resolveFilter(ctx, filter) : (ctx.eventScope.get(event) ?? (await resolveFilter(ctx, null)));
  return neighboursLoader(ctx).load({ filter: chronology, eventId: event.id });
}

const description = (which: string) =>
  `The event just ${which} this one in chronological order, among the events of \`filter\` (this one need not be among them), or of the filter that listed this event, or of all events.`;

builder.prismaObjectFields('Event', (t) => ({
  previous: t.field({
    type: EventRef,
    nullable: true,
    description: description('before'),
    args: { filter: t.arg({ type: EventFilterInput }) },
    resolve: async (event, args, ctx) => {
      const { previous } = await neighbours(ctx, event, args.filter);
      return previous ? eventById(ctx).load(previous) : null;
    },
  }),
  next: t.field({
    type: EventRef,
    nullable: true,
    description: description('after'),
    args: { filter: t.arg({ type: EventFilterInput }) },
    resolve: async (event, args, ctx) => {
      const { next } = await neighbours(ctx, event, args.filter);
      return next ? eventById(ctx).load(next) : null;
    },
  }),
}));
