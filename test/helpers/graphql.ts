// Runs GraphQL operations through the real Yoga instance, without a port. Operations are written
// with `graphql(...)`, so their results and variables are typed from the schema (gql.tada reads
// graphql-env.d.ts, printed by `npm run schema:print`): a test that asks for a field the schema
// does not have, or reads one it did not ask for, fails to type-check.
import { print } from 'graphql';
import type { ExecutionResult } from 'graphql';
import { initGraphQLTada } from 'gql.tada';
import type { ResultOf, TadaDocumentNode, VariablesOf } from 'gql.tada';
import { createLogger } from '../../src/logger.js';
import { createChronicleYoga } from '../../src/yoga.js';
import { currentTestDatabase } from './database.js';
import type { introspection } from '../../web/src/graphql-env.js';

export const graphql = initGraphQLTada<{ introspection: introspection; scalars: { DateTime: string; ID: string } }>();

/** The server, over the test file's database (useTestDatabase). */
export const yoga = createChronicleYoga(createLogger('silent'), { client: () => currentTestDatabase().client });

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; argument?: string };
}

// biome-ignore lint/suspicious/noExplicitAny: any operation, whatever its result and variables (unknown would reject them by variance)
type Operation = TadaDocumentNode<any, any>;

/** Variables are optional when the operation has none it requires. */
// biome-ignore lint/complexity/noBannedTypes: `{} extends V` is how to ask whether every variable is optional
type VariablesArg<D extends Operation> = {} extends VariablesOf<D> ? [variables?: VariablesOf<D>] : [variables: VariablesOf<D>];

export type Result<D extends Operation> = ExecutionResult<ResultOf<D>> & { errors?: GraphQLErrorShape[] };

/**
 * Sends an operation and returns the whole response, errors included. A string is for what the
 * schema cannot type: malformed or invalid operations sent on purpose.
 */
export async function execute<D extends Operation>(operation: D, ...variables: VariablesArg<D>): Promise<Result<D>>;
export async function execute(operation: string, variables?: Record<string, unknown>): Promise<ExecutionResult<unknown> & { errors?: GraphQLErrorShape[] }>;
export async function execute(operation: Operation | string, variables?: unknown) {
  return send({}, operation, variables);
}

/** Sends an operation with a bearer token, as a client holding one does. */
export async function executeAs<D extends Operation>(token: string, operation: D, ...variables: VariablesArg<D>): Promise<Result<D>> {
  return send({ authorization: `Bearer ${token}` }, operation, variables[0]) as Promise<Result<D>>;
}

async function send(headers: Record<string, string>, operation: Operation | string, variables?: unknown) {
  const response = await yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query: typeof operation === 'string' ? operation : print(operation), variables }),
  });
  const text = await response.text();
  assertNoInternals(text);
  return JSON.parse(text);
}

/** What no response may show a client: a stack, a file path, SQL, or a database's own message. */
const INTERNALS = /\n\s+at |node_modules|\.[jt]s:\d+|\/src\/|prisma|\bSELECT\b|\bINSERT INTO\b|invalid input syntax|violates .* constraint/i;

/** Fails the test when a response shows the server's internals; every operation a test runs is checked. */
export function assertNoInternals(text: string): void {
  const found = INTERNALS.exec(text);
  if (found) throw new Error(`a response shows the server's internals ("${found[0]}"): ${text.slice(0, 500)}`);
}

/** Runs an operation that must succeed and returns its data. */
export async function query<D extends Operation>(operation: D, ...variables: VariablesArg<D>): Promise<ResultOf<D>> {
  const result = await execute(operation, ...variables);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

const EventSlugs = graphql(`query EventSlugs($filter: EventFilter, $orderBy: EventOrder) {
  events(filter: $filter, orderBy: $orderBy, first: 100) { edges { node { slug } } }
}`);

/** The slugs of the events a filter lists, in order (one page of up to 100). */
export async function eventSlugs(
  filter: VariablesOf<typeof EventSlugs>['filter'] = {},
  orderBy: VariablesOf<typeof EventSlugs>['orderBy'] = 'CHRONOLOGICAL',
): Promise<string[]> {
  const data = await query(EventSlugs, { filter, orderBy });
  return data.events.edges.map((e) => e.node.slug);
}
