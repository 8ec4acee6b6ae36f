// The one Pothos builder: plugins, scalars and limits. It defines no types; the domain modules
// under src/ do, each next to the data it owns.
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import { getNamedType, getNullableType, isListType, isObjectType, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from './context.js';
import type PrismaTypes from './generated/pothos-prisma-types.js';
import { getDatamodel } from './generated/pothos-prisma-types.js';
import { clientError, InputError, NOT_AN_ID } from './lib/errors.js';
import { loadFollowingRenames } from './records/renamed-nodes.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, requestedPageSize } from './lib/pagination.js';

/**
 * A decoded global id must name a type that is a Node: one naming another type (forged, or from
 * another API) is a client's mistake, not a missing node nor a server error.
 */
function assertNodeTypes(ids: { typename: string }[], schema: GraphQLSchema, argument: string): void {
  ids.forEach(({ typename }, index) => {
    const type = schema.getType(typename);
    if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'Node')) {
      throw new InputError(ids.length > 1 || argument === 'ids' ? `${argument}[${index}]` : argument, NOT_AN_ID);
    }
  });
}

/** Query limits: generous for any real page of the timeline, fatal to nested page explosions. */
export const QUERY_LIMITS = { complexity: 50_000, depth: 14, breadth: 400 };

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  plugins: [ComplexityPlugin, RelayPlugin, PrismaPlugin],
  // Fields are non-null unless declared nullable: a client can trust what the schema promises.
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    nodeQueryOptions: {
      resolve: async (_root, args, context, info, load) => {
        assertNodeTypes([args.id], info.schema, 'id');
        const ids = { ids: [args.id] };
        const [node] = await loadFollowingRenames(context.db, ids, async ([id]) => {
          args.id = id!;
          return [await load(id!)];
        });
        return node;
      },
    },
    nodesQueryOptions: {
      resolve: (_root, args, context, info, load) => {
        assertNodeTypes(args.ids, info.schema, 'ids');
        return loadFollowingRenames(context.db, args, load);
      },
    },
  },
  prisma: {
    client: (ctx) => ctx.db,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    maxConnectionSize: MAX_PAGE_SIZE,
    // A resolver that ignores the selection plugin-prisma prepared brings back N+1 queries.
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'error',
  },
  complexity: {
    // A connection costs its page size times its selection (its edges list adds nothing more);
    // the short lists of relations (participants, citations) are guessed at 5.
    fieldComplexity: (args, _ctx, field) => {
      if (field.name === 'edges') return { field: 1, multiplier: 1 };
      if (getNamedType(field.type).name.endsWith('Connection')) {
        return { field: 1, multiplier: requestedPageSize(args as { first?: number; last?: number }) };
      }
      return { field: 1, multiplier: isListType(getNullableType(field.type)) ? 5 : 1 };
    },
    limit: QUERY_LIMITS,
    complexityError: (kind, result) => {
      const name = kind.toLowerCase() as 'depth' | 'breadth' | 'complexity';
      const measured = result[name];
      const max = { depth: result.maxDepth, breadth: result.maxBreadth, complexity: result.maxComplexity }[name];
      return clientError(
        'QUERY_TOO_COMPLEX',
        `The query's ${name} is ${measured}, above the limit of ${max}. Ask for smaller pages (first/last), fewer nested connections or fewer fields, and page through the rest.`,
      );
    },
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.queryType({ description: 'Sourced timelines: events, the actors in them, and the sources that report them.' });

/** The builder's schema types, for helpers that add fields to its types. */
export type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;
