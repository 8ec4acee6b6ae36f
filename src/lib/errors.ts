// Errors a client must see. Everything else is masked by Yoga as "Unexpected error.", so a
// message meant for a user has to be one of these.
import { GraphQLError } from 'graphql';

/** What a client is told of a failure that is not its mistake; the log has the cause. */
export const UNEXPECTED = 'Unexpected error: the server log has the cause.';

export type ClientErrorCode = 'BAD_USER_INPUT' | 'PAGE_TOO_LARGE' | 'QUERY_TOO_COMPLEX';

/** A user-facing error; `argument` names the input to fix, e.g. "filter.from". */
export function clientError(code: ClientErrorCode, message: string, argument?: string): GraphQLError {
  return new GraphQLError(argument ? `${argument}: ${message}` : message, {
    extensions: { code, ...(argument ? { argument } : {}) },
  });
}

/** Thrown by the filter and import parsers, which serve GraphQL, HTTP and the CLI alike. */
export class InputError extends Error {
  constructor(
    readonly argument: string,
    readonly detail: string,
  ) {
    super(`${argument}: ${detail}`);
  }

  toGraphQL(): GraphQLError {
    return clientError('BAD_USER_INPUT', this.detail, this.argument);
  }
}

/** What is wrong with an id or a cursor a client made up, or took from elsewhere. */
export const NOT_AN_ID = 'is not an id Chronicle gave out: use the id of an event, actor or source as the API returned it';
export const NOT_A_CURSOR = 'is not a cursor of this list: use the cursor of an edge (or pageInfo) it returned';
