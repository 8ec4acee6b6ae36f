// A new embedded database starts from the copy of an empty one that `npm install` made, rather
// than from PGlite's initdb (800 MB and 6 s); one that holds a database is opened as it is.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { emptyDatabaseFor, emptyDatabasePath } from '../src/db/empty-database.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'chronicle-empty-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('a new embedded database', () => {
  it('starts from the copy made at install, and is opened as it is once it holds a database', async () => {
    expect(existsSync(emptyDatabasePath())).toBe(true);
    const dataDir = path.join(work, 'data');
    expect(emptyDatabaseFor(dataDir)).toBeInstanceOf(Blob);
    expect(emptyDatabaseFor(undefined)).toBeInstanceOf(Blob);

    const first = await openDatabase({ kind: 'pglite', dataDir }, { migrate: true, command: 'test' });
    await first.client.actor.create({ data: { slug: 'kept', name: 'Kept', kind: 'PERSON' } });
    await first.close();
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(emptyDatabaseFor(dataDir)).toBeUndefined();

    const again = await openDatabase({ kind: 'pglite', dataDir }, { migrate: true, command: 'test' });
    try {
      expect(await again.client.actor.findMany({ select: { slug: true } })).toEqual([{ slug: 'kept' }]);
    } finally {
      await again.close();
    }
  });
});
