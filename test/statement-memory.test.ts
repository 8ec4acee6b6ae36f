// Prisma's driver adapters log every statement, and @prisma/debug keeps the arguments of its last
// 100 log calls even with logging off: an import's statements, megabytes of JSON each, stayed in
// memory until a million-event import ran out of it. A statement's arguments must go once it has run.
// And an embedded database's page cache is the process's memory too: an import keeps it small.
import { expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { collectGarbage } from './helpers/gc.js';
import { useTestDatabase } from './helpers/database.js';

const database = useTestDatabase({ seed: false });

const MB = 1024 * 1024;
/** A different string each time, of one byte a character: `count` MB in all. */
const distinctTexts = (count: number) => Array.from({ length: count }, (_, i) => `${i}:`.padEnd(MB, 'x'));

it('keeps no statement’s arguments once it has run, in a transaction or not', async () => {
  const { client } = database();
  await client.$queryRaw`SELECT 1`;
  await collectGarbage();
  const before = process.memoryUsage().heapUsed;
  for (const text of distinctTexts(30)) {
    const [row] = await client.$queryRaw<{ n: number }[]>`SELECT length(${text}::text)::int AS n`;
    expect(row!.n).toBe(MB);
  }
  await client.$transaction(async (tx) => {
    for (const text of distinctTexts(30)) await tx.$executeRaw`SELECT length(${text}::text)`;
  });
  await collectGarbage();
  // 60 MB went through; kept, they would all be here.
  expect((process.memoryUsage().heapUsed - before) / MB).toBeLessThan(15);
});

it('opens an embedded database for an import with a smaller page cache, its memory being the process’s', async () => {
  const shown = async (command: string) => {
    const opened = await openDatabase({ kind: 'pglite', dataDir: undefined }, { command });
    try {
      const [row] = await opened.client.$queryRawUnsafe<{ shared_buffers: string }[]>('SHOW shared_buffers');
      return row!.shared_buffers;
    } finally {
      await opened.close();
    }
  };
  expect(await shown('import')).toBe('32MB');
  expect(await shown('serve')).toBe('128MB');
});
