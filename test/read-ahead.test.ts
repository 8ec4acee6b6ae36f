// readAhead: the import's next batch is read while the last is written, one ahead and no more.
import { describe, expect, it } from 'vitest';
import { readAhead } from '../src/lib/read-ahead.js';

/** A source that logs when each item is asked for and when it is closed. */
function logged(items: number[], log: string[], failAt?: number): AsyncIterable<number> {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (const item of items) {
          log.push(`read ${item}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
          if (item === failAt) throw new Error(`item ${item} is unreadable`);
          yield item;
        }
      } finally {
        log.push('closed');
      }
    },
  };
}

describe('readAhead', () => {
  it('reads the next item while the consumer works on this one, and only one ahead', async () => {
    const log: string[] = [];
    for await (const item of readAhead(logged([1, 2, 3], log))) {
      log.push(`working on ${item}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Asked for a fourth while the third is worked on, the source ends (and closes) first.
    expect(log).toEqual(['read 1', 'read 2', 'working on 1', 'read 3', 'working on 2', 'closed', 'working on 3']);
  });

  it('throws a read ahead failure where the consumer asks for that item, not while it works', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    const failed = (async () => {
      for await (const item of readAhead(logged([1, 2, 3], log, 2))) {
        seen.push(item);
        // Longer than the failing read takes: a failure counted as unhandled would stop the run.
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    })();
    await expect(failed).rejects.toThrow('item 2 is unreadable');
    expect(seen).toEqual([1]);
  });

  it('closes the source when the consumer stops early', async () => {
    const log: string[] = [];
    for await (const item of readAhead(logged([1, 2, 3], log))) if (item === 1) break;
    expect(log).toEqual(['read 1', 'read 2', 'closed']);
  });
});
