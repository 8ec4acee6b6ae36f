import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { printedSchema } from '../src/schema.js';

describe('schema.graphql', () => {
  it('is the schema the code builds (run `npm run schema:print` after changing types)', async () => {
    const committed = await readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(printedSchema()).toBe(committed);
  });
});
