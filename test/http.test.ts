import { describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../src/builder.js';
import { examples } from '../src/playground/examples.js';
import { LIMITS } from '../src/yoga.js';
import { useTestDatabase } from './helpers/database.js';
import { execute, yoga } from './helpers/graphql.js';

useTestDatabase();

describe('a person opens the playground', () => {
  it('gets GraphiQL, served without a CDN, with the example queries in tabs', async () => {
    const response = await yoga.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>Chronicle</title>');
    expect(html).not.toContain('unpkg.com');
    expect(html).toContain('query TrumpsTimeline');
  });

  it.each(examples.map((e) => [e.name, e] as const))('runs the example "%s" without errors', async (_name, example) => {
    const result = await execute(example.query, example.variables);
    expect(result.errors).toBeUndefined();
    // Every example answers with data for each root field it asks: none comes back empty.
    for (const [field, value] of Object.entries(result.data ?? {})) expect(value, field).not.toBeNull();
    expect(Object.keys(result.data ?? {}).length).toBeGreaterThan(0);
  });
});

describe('an operator checks health', () => {
  it('answers /health when the database answers', async () => {
    const response = await yoga.fetch('http://yoga/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('abusive queries are refused with the limit named', () => {
  it('refuses too many aliases', async () => {
    const fields = Array.from({ length: LIMITS.aliases + 1 }, (_, i) => `a${i}: event(slug: "x") { slug }`).join(' ');
    const result = await execute(`{ ${fields} }`);
    expect(result.errors?.[0]?.message).toMatch(/Aliases limit of 15 exceeded/);
  });

  it('refuses too many tokens', async () => {
    const fields = Array.from({ length: LIMITS.tokens }, () => 'slug').join(' ');
    const result = await execute(`{ event(slug: "x") { ${fields} } }`);
    expect(result.errors?.[0]?.message).toMatch(/Token limit of 1000 exceeded/);
  });

  it('refuses nested pages that multiply past the budget', async () => {
    const result = await execute(`{
      events(first: 100) { edges { node { participants { actor { events(first: 100) { edges { node { slug title } } } } } } } }
    }`);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect(result.errors?.[0]?.message).toContain(`above the limit of ${QUERY_LIMITS.complexity}`);
  });

  it('refuses a query deeper than the limit', async () => {
    // Empty pages keep the complexity low, so only the depth is over its limit.
    let selection = 'slug';
    for (let i = 0; i < 3; i += 1) selection = `events(first: 0) { edges { node { participants { actor { ${selection} } } } } }`;
    const result = await execute(`{ actor(slug: "donald-trump") { ${selection} } }`);
    expect(result.errors?.[0]?.message).toMatch(new RegExp(`depth is \\d+, above the limit of ${QUERY_LIMITS.depth}`));
  });

  it('answers a malformed query with a syntax error', async () => {
    const result = await execute('{ events(first: ) }');
    expect(result.errors?.[0]?.message).toMatch(/^Syntax Error/);
  });
});
