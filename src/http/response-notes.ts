// Notes a query's resolvers leave for the client (Context.note), sent as `extensions.notes`
// beside the data: `actor(slug: "trudeau")` answers the actor it was merged into, and says so.
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';

export function responseNotes(): Plugin<Context> {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          const { notes } = args.contextValue;
          // A subscription's stream has no one result to annotate.
          if (notes.length === 0 || Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...result.extensions, notes } });
        },
      };
    },
  };
}
