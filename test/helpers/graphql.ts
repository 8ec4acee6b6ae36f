// Runs GraphQL operations through the real Yoga instance, without a port.
import type { ExecutionResult } from 'graphql';
import { createLogger } from '../../src/logger.js';
import { createChronicleYoga } from '../../src/yoga.js';

export const yoga = createChronicleYoga(createLogger('silent'));

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; argument?: string };
}

export async function execute<T = Record<string, any>>(query: string, variables?: Record<string, unknown>) {
  const response = await yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as ExecutionResult<T> & { errors?: GraphQLErrorShape[] };
}

/** Runs an operation that must succeed and returns its data. */
export async function query<T = Record<string, any>>(source: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await execute<T>(source, variables);
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

/** The slugs of the events a filter lists, in order (one page of up to 100). */
export async function eventSlugs(filter: Record<string, unknown> = {}, orderBy = 'CHRONOLOGICAL'): Promise<string[]> {
  const data = await query(`query ($filter: EventFilter, $orderBy: EventOrder) {
    events(filter: $filter, orderBy: $orderBy, first: 100) { edges { node { slug } } }
  }`, { filter, orderBy });
  return data.events.edges.map((e: { node: { slug: string } }) => e.node.slug);
}
