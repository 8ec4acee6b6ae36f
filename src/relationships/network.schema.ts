// network(filter): actors and the events they share, as nodes and weighted edges for a graph view.
import { builder } from '../builder.js';
import { byCodePoint } from '../lib/compare.js';
import { ActorRef } from '../actors/actor.schema.js';
import { actorById } from '../actors/actor-loaders.js';
import { EventFilterInput, resolveFilter } from '../events/event-filter.schema.js';
import { EventRef } from '../events/event.schema.js';
import type { ResolvedEventFilter } from '../events/event-filter.js';
import { listedEventsById } from '../events/listed-event.js';
import { EDGE_EVENTS_KEPT, MAX_NETWORK_EDGES, eventCounts, networkEdges, type NetworkEdgeRow } from './actor-graph.js';

interface NetworkNode {
  actorId: string;
  eventCount: number;
}

/** An edge, with the filter whose events it counts. */
type ListedEdge = NetworkEdgeRow & { filter: ResolvedEventFilter };

interface Network {
  nodes: NetworkNode[];
  edges: ListedEdge[];
}

const NetworkNodeRef = builder.objectRef<NetworkNode>('NetworkNode').implement({
  fields: (t) => ({
    actor: t.field({ type: ActorRef, resolve: (node, _args, ctx) => actorById(ctx).load(node.actorId) }),
    eventCount: t.exposeInt('eventCount', { description: 'How many of the filtered events the actor took part in.' }),
  }),
});

const NetworkEdgeRef = builder.objectRef<ListedEdge>('NetworkEdge').implement({
  description: 'Two actors who share events; each pair appears once, source before target by slug.',
  fields: (t) => ({
    source: t.field({ type: ActorRef, resolve: (edge, _args, ctx) => actorById(ctx).load(edge.sourceId) }),
    target: t.field({ type: ActorRef, resolve: (edge, _args, ctx) => actorById(ctx).load(edge.targetId) }),
    weight: t.exposeInt('weight', { description: 'How many filtered events both took part in.' }),
    events: t.field({
      type: [EventRef],
      description: `The shared events, earliest first (at most ${EDGE_EVENTS_KEPT}).`,
      resolve: (edge, _args, ctx, info) => listedEventsById(ctx, info, edge.filter, edge.eventIds),
    }),
  }),
});

const NetworkRef = builder.objectRef<Network>('Network').implement({
  description: 'A graph of actors linked by the events they share.',
  fields: (t) => ({
    nodes: t.field({ type: [NetworkNodeRef], description: 'The actors on the edges, most events first.', resolve: (n) => n.nodes }),
    edges: t.field({ type: [NetworkEdgeRef], description: 'Heaviest first.', resolve: (n) => n.edges }),
  }),
});

builder.queryField('network', (t) =>
  t.field({
    type: NetworkRef,
    description: 'Actors and their shared events among the filtered events, as a weighted graph.',
    args: {
      filter: t.arg({ type: EventFilterInput }),
      minWeight: t.arg.int({ defaultValue: 1, description: 'Leave out pairs sharing fewer events.' }),
      limit: t.arg.int({ defaultValue: 100, description: `At most this many edges, heaviest first (up to ${MAX_NETWORK_EDGES}).` }),
    },
    resolve: async (_root, args, ctx) => {
      const filter = await resolveFilter(ctx, args.filter);
      const edges = (await networkEdges(ctx.db, filter.condition, args.minWeight ?? 1, args.limit ?? 100)).map((edge) => ({ ...edge, filter }));
      const actorIds = [...new Set(edges.flatMap((e) => [e.sourceId, e.targetId]))];
      const counts = actorIds.length ? await eventCounts(ctx.db, actorIds, filter.condition) : new Map<string, number>();
      const nodes = actorIds.map((actorId) => ({ actorId, eventCount: counts.get(actorId) ?? 0 }));
      const actors = await actorById(ctx).loadMany(actorIds);
      const slugOf = new Map(actors.map((a) => (a instanceof Error ? ['', ''] : [a.id, a.slug])));
      nodes.sort((x, y) => y.eventCount - x.eventCount || byCodePoint(slugOf.get(x.actorId)!, slugOf.get(y.actorId)!));
      return { nodes, edges };
    },
  }),
);
