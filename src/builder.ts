// The one Pothos builder: plugins, scalars and limits. It defines no types; the domain modules
// under src/ do, each next to the data it owns.
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin, { type AuthFailure } from '@pothos/plugin-scope-auth';
import { GraphQLError, getNamedType, getNullableType, isListType, isObjectType, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { refusal } from './auth/viewer.js';
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

/** The scopes a refused check asked for. */
function scopesIn(failure: AuthFailure): string[] {
  if ('failures' in failure) return failure.failures.flatMap(scopesIn);
  return 'scope' in failure ? [failure.scope.toUpperCase()] : [];
}

/** Why a field was refused: what the request lacked, and how to get it. */
function refused(context: Context, needed: string): GraphQLError {
  const { status, code, message } = refusal(context.viewer, needed);
  return new GraphQLError(message, { extensions: { code, http: { status, headers: status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {} } } });
}

export const builder = new SchemaBuilder<{
  Context: Context;
  /** read: anonymous readers too, unless CHRONICLE_PUBLIC_READ is false; write and admin: tokens of those scopes. */
  AuthScopes: { read: boolean; write: boolean; admin: boolean };
  PrismaTypes: PrismaTypes;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    /** Values as records hold them (a revision's before and after). */
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  // Scope auth first, so that nothing else runs for a field the request may not see; errors
  // next, so that a mutation's refusal of its input comes back typed (src/records/edit-errors.schema.ts).
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ComplexityPlugin, RelayPlugin, PrismaPlugin],
  scopeAuth: {
    authScopes: (context) => context.permissions,
    // Checked when a subscription starts, not event by event.
    authorizeOnSubscribe: true,
    unauthorizedError: (_parent, context, _info, result) => refused(context, scopesIn(result.failure).join(' or ') || 'another scope'),
  },
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
builder.queryType({
  description: 'Sourced timelines: events, the actors in them, and the sources that report them.',
  // Every query reads: anonymous readers may, unless CHRONICLE_PUBLIC_READ is false.
  authScopes: { read: true },
});
builder.mutationType({ description: "Writing the timeline: each mutation needs a token, and is kept in the records' revision history." });

/** The builder's schema types, for helpers that add fields to its types. */
export type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;
