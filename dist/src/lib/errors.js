// Errors a client must see. Everything else is masked by Yoga as "Unexpected error.", so a
// message meant for a user has to be one of these.
import { GraphQLError } from 'graphql';
/** A user-facing error; `argument` names the input to fix, e.g. "filter.from". */
export function clientError(code, message, argument) {
    return new GraphQLError(argument ? `${argument}: ${message}` : message, {
        extensions: { code, ...(argument ? { argument } : {}) },
    });
}
/** Thrown by the filter and import parsers, which serve GraphQL, HTTP and the CLI alike. */
export class InputError extends Error {
    argument;
    detail;
    constructor(argument, detail) {
        super(`${argument}: ${detail}`);
        this.argument = argument;
        this.detail = detail;
    }
    toGraphQL() {
        return clientError('BAD_USER_INPUT', this.detail, this.argument);
    }
}
//# sourceMappingURL=errors.js.map