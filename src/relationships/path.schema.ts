// path(from, to): the shortest chain of shared events between two actors.
import { builder } from '../builder.js';
import { ActorRef } from '../actors/actor.schema.js';
import { actorById } from '../actors/actor-loaders.js';
import { EventFilterInput, resolveFilter } from '../events/event-filter.schema.js';
import { idsForSlugs } from '../events/event-filter.js';
import { EventRef } from '../events/event.schema.js';
import type { ResolvedEventFilter } from '../events/event-filter.js';
import { listedEventsById } from '../events/listed-event.js';
import { MAX_HOPS, shortestPath, type PathStep } from './actor-graph.js';

/** A step, with the filter whose events link the actors. */
type ListedStep = PathStep & { filter: ResolvedEventFilter };

const PathStepRef = builder.objectRef<ListedStep>('PathStep').implement({
  fields: (t) => ({
    actor: t.field({ type: ActorRef, resolve: (step, _args, ctx) => actorById(ctx).load(step.actorId) }),
    via: t.field({
      type: EventRef,
      nullable: true,
      description: 'The event linking this actor to the previous one; null for the first.',
      resolve: async (step, _args, ctx, info) => (step.viaEventId ? (await listedEventsById(ctx, info, step.filter, [step.viaEventId]))[0]! : null),
    }),
  }),
});

const ActorPathRef = builder.objectRef<ListedStep[]>('ActorPath').implement({
  description: 'A chain actor - event - actor - ... from one actor to another.',
  fields: (t) => ({
    hops: t.int({ description: 'How many events the chain crosses.', resolve: (steps) => steps.length - 1 }),
    steps: t.field({ type: [PathStepRef], resolve: (steps) => steps }),
  }),
});

builder.queryField('path', (t) =>
  t.field({
    type: ActorPathRef,
    nullable: true,
    description: `The shortest chain of shared events from one actor to another (breadth-first, at most ${MAX_HOPS} hops), within the filtered events; null when there is none.`,
    args: {
      from: t.arg.string({ required: true, description: 'Actor slug.' }),
      to: t.arg.string({ required: true, description: 'Actor slug.' }),
      maxHops: t.arg.int({ defaultValue: 4, description: `How many events the chain may cross, 1 to ${MAX_HOPS}.` }),
      filter: t.arg({ type: EventFilterInput, description: 'Only these events link actors, e.g. one time window.' }),
    },
    resolve: async (_root, args, ctx) => {
      const [[fromId], [toId]] = await Promise.all([idsForSlugs(ctx.db, 'actor', [args.from], 'from'), idsForSlugs(ctx.db, 'actor', [args.to], 'to')]);
      const filter = await resolveFilter(ctx, args.filter);
      const steps = await shortestPath(ctx.db, fromId!, toId!, args.maxHops ?? 4, filter.condition);
      return steps?.map((step) => ({ ...step, filter })) ?? null;
    },
  }),
);
