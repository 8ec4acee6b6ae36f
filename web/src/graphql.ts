// Typed GraphQL for the explorer: gql.tada reads the schema's introspection (graphql-env.d.ts,
// printed from the server's code by `npm run schema:print`), so each operation's variables and
// result are typed, and asking for a field the schema lacks fails the type check.
import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.js';

export const graphql = initGraphQLTada<{ introspection: introspection; scalars: { DateTime: string; ID: string } }>();
export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
