// Every value an operation passes in, literal or variable, held to two rules before anything runs,
// so that no resolver has to repeat them: no text with a character that cannot be stored as given
// (lib/text.ts), and no list longer than a page. A list of a million kinds would otherwise be
// coerced, value by value, into memory before any argument's own limit could refuse it.
import { Kind, visit, type ArgumentNode, type DocumentNode, type ValueNode, type VariableDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { InputError } from '../lib/errors.js';
import { MAX_PAGE_SIZE } from '../lib/pagination.js';
import { unsafeCharacter } from '../lib/text.js';

/** The most values any list argument holds: ids, slugs, kinds, tags... as many as a page. */
export const MAX_LIST_VALUES = MAX_PAGE_SIZE;

function listTooLong(length: number, at: string): InputError {
  return new InputError(at, `holds ${length} values, more than the ${MAX_LIST_VALUES} a request may pass in one list: split it into several requests`);
}

/** The first broken rule in a variable's value (parsed JSON), named by its path: $filter.tags[2]. */
function inVariable(value: unknown, at: string): InputError | undefined {
  if (typeof value === 'string') {
    const unsafe = unsafeCharacter(value);
    return unsafe ? new InputError(at, unsafe) : undefined;
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_LIST_VALUES) return listTooLong(value.length, at);
    for (const [index, item] of value.entries()) {
      const found = inVariable(item, `${at}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = inVariable(item, `${at}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** The first broken rule in a literal written into the operation, named by its argument path. */
function inLiteral(node: ValueNode, at: string): InputError | undefined {
  switch (node.kind) {
    case Kind.STRING: {
      const unsafe = unsafeCharacter(node.value);
      return unsafe ? new InputError(at, unsafe) : undefined;
    }
    case Kind.LIST:
      if (node.values.length > MAX_LIST_VALUES) return listTooLong(node.values.length, at);
      for (const [index, item] of node.values.entries()) {
        const found = inLiteral(item, `${at}[${index}]`);
        if (found) return found;
      }
      return undefined;
    case Kind.OBJECT:
      for (const field of node.fields) {
        const found = inLiteral(field.value, `${at}.${field.name.value}`);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

function brokenInputRule(document: DocumentNode, variables: Record<string, unknown> | undefined): InputError | undefined {
  let found: InputError | undefined;
  visit(document, {
    Argument(node: ArgumentNode) {
      found ??= inLiteral(node.value, node.name.value);
      return false;
    },
    // A variable's default, written into the operation, is a literal too.
    VariableDefinition(node: VariableDefinitionNode) {
      if (node.defaultValue) found ??= inLiteral(node.defaultValue, `$${node.variable.name.value}`);
      return false;
    },
  });
  for (const [name, value] of Object.entries(variables ?? {})) found ??= inVariable(value, `$${name}`);
  return found;
}

/** Refuses the operation, before it runs, with the value to fix named. */
export function inputValueRules(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const broken = brokenInputRule(args.document, args.variableValues ?? undefined);
      if (broken) setResultAndStopExecution({ errors: [broken.toGraphQL()] });
    },
  };
}
