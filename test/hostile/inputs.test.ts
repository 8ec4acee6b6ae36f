// Forged ids and cursors, hostile strings and oversized lists in GraphQL: each refused as the
// client's mistake (BAD_USER_INPUT, naming the argument), never an internal error.
import { describe, expect, it } from 'vitest';
import { MAX_LIST_VALUES } from '../../src/http/input-values.js';
import { useTestDatabase } from '../helpers/database.js';
import { execute, graphql, query } from '../helpers/graphql.js';

useTestDatabase();

const base64 = (text: string) => Buffer.from(text).toString('base64');

function refusal(result: { errors?: { message: string; extensions?: { code?: string; argument?: string } }[] }) {
  expect(result.errors, JSON.stringify(result)).toHaveLength(1);
  const [error] = result.errors!;
  expect(error!.extensions?.code).toBe('BAD_USER_INPUT');
  return { message: error!.message, argument: error!.extensions?.argument };
}

describe('forged and stale ids', () => {
  it('gives null for an id of the right shape that names no node', async () => {
    const result = await execute(`{ node(id: "${base64('Event:00000000-0000-0000-0000-000000000000')}") { id } }`);
    expect(result).toEqual({ data: { node: null } });
    const injected = await execute(`{ node(id: "${base64("Event:1' OR '1'='1")}") { id } }`);
    expect(injected).toEqual({ data: { node: null } });
  });

  it.each([
    ['not base64 at all', 'garbage'],
    ['a type that does not exist', base64('Nope:1')],
    ['a type that is no node', base64('NetworkEdge:1')],
    ['no type', base64('1234')],
  ])('refuses an id that is %s, naming the argument', async (_what, id) => {
    expect(refusal(await execute(`{ node(id: "${id}") { id } }`))).toEqual({
      argument: 'id',
      message: 'id: is not an id Chronicle gave out: use the id of an event, actor or source as the API returned it',
    });
  });

  it('refuses one forged id among several in nodes(ids:), saying which', async () => {
    const { event } = await query(graphql(`{ event(slug: "trump-macron-brussels-meeting") { id } }`));
    const result = refusal(await execute('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [event!.id, base64('Nope:1')] }));
    expect(result.argument).toBe('ids[1]');
  });

  it('refuses cursors of another shape, naming after or before', async () => {
    for (const [argument, cursor] of [
      ['after', 'garbage'],
      ['before', base64('{"x":1}')],
      ['after', base64('GPC:S:not-a-uuid')],
    ]) {
      const size = argument === 'after' ? 'first' : 'last';
      const result = refusal(await execute(`{ events(${size}: 2, ${argument}: "${cursor}") { edges { cursor } } }`));
      expect(result).toEqual({ argument, message: `${argument}: is not a cursor of this list: use the cursor of an edge (or pageInfo) it returned` });
    }
  });
});

describe('strings that could not be stored as given', () => {
  it.each([
    ['NUL', 'a\\u0000b', 'U+0000 (a control character) at character 2'],
    ['an escape character', '\\u001b[31mred', 'U+001B (a control character) at character 1'],
  ])('refuses %s in a literal, naming its argument', async (_what, literal, problem) => {
    for (const [operation, argument] of [
      [`{ events(first: 1, filter: { text: "${literal}" }) { totalCount } }`, 'filter.text'],
      [`{ events(first: 1, filter: { tags: ["ok", "${literal}"] }) { totalCount } }`, 'filter.tags[1]'],
      [`{ event(slug: "${literal}") { slug } }`, 'slug'],
      [`{ actor(slug: "trump", ) { events(first: 1, filter: { place: "${literal}" }) { totalCount } } }`, 'filter.place'],
    ]) {
      expect(refusal(await execute(operation!))).toEqual({ argument, message: `${argument}: ${problem}: remove it` });
    }
  });

  it('refuses them in variables too, naming the variable and where in it', async () => {
    const nul = refusal(
      await execute('query ($filter: EventFilter) { events(first: 1, filter: $filter) { totalCount } }', { filter: { place: 'Brussels\u0000' } }),
    );
    expect(nul).toEqual({ argument: '$filter.place', message: '$filter.place: U+0000 (a control character) at character 9: remove it' });
    // JSON can carry half a surrogate pair (a GraphQL literal cannot: that is a syntax error).
    const half = refusal(await execute('query ($tags: [String!]) { events(first: 1, filter: { tags: $tags }) { totalCount } }', { tags: ['ok', 'pe\ud800a'] }));
    expect(half).toEqual({ argument: '$tags[1]', message: '$tags[1]: U+D800 (half of a surrogate pair, not a character) at character 3: remove it' });
  });

  it("refuses them in a variable's default written into the operation", async () => {
    const result = refusal(await execute('query ($text: String = "a\\u0000") { events(first: 1, filter: { text: $text }) { totalCount } }'));
    expect(result.argument).toBe('$text');
  });

  it('keeps tabs, newlines and every printable script', async () => {
    const result = await execute('query ($text: String!) { events(first: 1, filter: { text: $text }) { totalCount } }', { text: 'Peña\tNieto\n漢字 🇲🇽' });
    expect(result.errors).toBeUndefined();
  });
});

describe('lists longer than a page', () => {
  it('refuses 5,000 ids before loading any', async () => {
    const ids = Array.from({ length: 5_000 }, () => base64('Event:00000000-0000-0000-0000-000000000000'));
    const result = refusal(await execute('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids }));
    expect(result).toEqual({
      argument: '$ids',
      message: `$ids: holds 5000 values, more than the ${MAX_LIST_VALUES} a request may pass in one list: split it into several requests`,
    });
  });

  it('refuses a long list written into the operation, naming its argument', async () => {
    const kinds = Array.from({ length: MAX_LIST_VALUES + 1 }, () => 'LEAK').join(', ');
    expect(refusal(await execute(`{ events(first: 1, filter: { kinds: [${kinds}] }) { totalCount } }`)).argument).toBe('filter.kinds');
  });

  it('takes a list of exactly the limit', async () => {
    const kinds = Array.from({ length: MAX_LIST_VALUES }, () => 'LEAK');
    const result = await execute('query ($kinds: [EventKind!]) { events(first: 1, filter: { kinds: $kinds }) { totalCount } }', { kinds });
    expect(result).toEqual({ data: { events: { totalCount: 5 } } });
  });
});

describe('paging arguments that do not go together', () => {
  it("are refused as the client's mistake", async () => {
    const result = refusal(await execute('{ events(first: 2, before: "x") { totalCount } }'));
    expect(result.message).toBe('Arguments "before" and "first" are not supported at the same time');
  });
});

describe('a field asked for hundreds of times', () => {
  it('is refused with the limit graphql-js applies, and what to change', async () => {
    const result = await execute(`{ events(first: 1) { edges { node { ${'title '.repeat(900)} } } } }`);
    expect(result.errors?.[0]?.message).toBe(
      'The operation repeats fields too often to check: graphql-js compares fields of the same name with each other, up to 500000 comparisons. Ask for each field once in a selection.',
    );
  });
});
