// The slugs of a large import, held as hashes: every repeat found, and no false one.
import { describe, expect, it } from 'vitest';
import { SlugIndex } from '../src/imports/slug-index.js';

describe('SlugIndex', () => {
  it('finds the earlier row of every repeated slug among 300,000, and no other', () => {
    const index = new SlugIndex();
    const repeats: [number, number | undefined][] = [];
    for (let i = 0; i < 300_000; i += 1) {
      const row = i + 1;
      // Every 1,000th row repeats the slug of the row 500 before it.
      const slug = i % 1_000 === 999 ? `event-${i - 500}` : `event-${i}`;
      const earlier = index.add(slug, row);
      if (earlier !== undefined || i % 1_000 === 999) repeats.push([row, earlier]);
    }
    expect(repeats).toHaveLength(300);
    expect(repeats.every(([row, earlier]) => earlier === row - 500)).toBe(true);
  });
});
