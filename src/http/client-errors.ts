// What a client sees of an error. A client's mistake is a BAD_USER_INPUT naming the argument to
// fix; anything else is "Unexpected error." (the cause goes to the log, never a stack, a path, SQL
// or a Prisma message into a response).
import { PothosValidationError } from '@pothos/core';
import { GraphQLError, Kind } from 'graphql';
import { maskError, type Plugin } from 'graphql-yoga';
import { InputError, NOT_A_CURSOR, NOT_AN_ID } from '../lib/errors.js';

/** Which of `names` the failing field was given: the argument a decoding error is about. */
function argumentGiven(error: GraphQLError, names: [string, string]): string {
  const field = error.nodes?.[0];
  const given = field?.kind === Kind.FIELD ? (field.arguments ?? []).map((a) => a.name.value) : [];
  return names.find((name) => given.includes(name)) ?? names[0];
}

/** Pothos's refusals of a forged or foreign id or cursor, as the client mistakes they are. */
function decodingError(error: GraphQLError): InputError | undefined {
  const original = error.originalError;
  if (!(original instanceof PothosValidationError)) return undefined;
  if (original.message.startsWith('Invalid global ID')) {
    return new InputError(argumentGiven(error, ['id', 'ids']), NOT_AN_ID);
  }
  if (original.message.startsWith('Invalid cursor')) {
    return new InputError(argumentGiven(error, ['after', 'before']), NOT_A_CURSOR);
  }
  return undefined;
}

/** Pothos's other refusals of arguments (paging both ways at once...) are a client's mistakes too. */
function validationError(error: GraphQLError): GraphQLError | undefined {
  if (!(error.originalError instanceof PothosValidationError)) return undefined;
  return new GraphQLError(error.message, { nodes: error.nodes, path: error.path, extensions: { code: 'BAD_USER_INPUT' } });
}

export function clientFacingError(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const input = original instanceof InputError ? original : error instanceof GraphQLError ? decodingError(error) : undefined;
  if (input) {
    const clientError = input.toGraphQL();
    return error instanceof GraphQLError
      ? new GraphQLError(clientError.message, { nodes: error.nodes, path: error.path, extensions: clientError.extensions })
      : clientError;
  }
  return (error instanceof GraphQLError && validationError(error)) || maskError(error, message, isDev);
}

/** graphql-js compares same-named fields for agreement within a fixed budget (OverlappingFieldsCanBeMergedRule). */
const COMPARISON_BUDGET = 500_000;

/**
 * graphql-js gives up on an operation that repeats a field hundreds of times with a bare
 * "Validation aborted.": say which limit that was and what to change.
 */
export function clearerValidationErrors(): Plugin {
  return {
    onValidate() {
      return ({ result, setResult }) => {
        if (!result.some((error) => error.message === 'Validation aborted.')) return;
        setResult([
          new GraphQLError(
            `The operation repeats fields too often to check: graphql-js compares fields of the same name with each other, up to ${COMPARISON_BUDGET} comparisons. Ask for each field once in a selection.`,
            { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
          ),
        ]);
      };
    },
  };
}
