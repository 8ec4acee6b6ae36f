// The date caches hold a bounded number of values and keep the ones in use.
import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../src/lib/bounded-cache.js';

describe('a bounded cache', () => {
  it('never holds more than its size, and keeps what is used while new keys stream past', () => {
    const cache = new BoundedCache<number, string>(100);
    cache.set(0, 'kept');
    for (let key = 1; key <= 10_000; key += 1) {
      cache.set(key, String(key));
      expect(cache.get(0)).toBe('kept');
    }
    const held = Array.from({ length: 10_001 }, (_, key) => cache.get(key)).filter((v) => v !== undefined);
    expect(held.length).toBeLessThanOrEqual(100);
    expect(cache.get(10_000)).toBe('10000');
    expect(cache.get(1)).toBeUndefined();
  });
});
