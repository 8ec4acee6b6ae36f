// Raw SQL rows are checked against the shape the code expects, not cast.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { queryRow, queryRows, RowShapeError } from '../src/db/sql.js';
import { Prisma } from '../src/generated/prisma/client.js';
import { useTestDatabase } from './helpers/database.js';

const database = useTestDatabase({ seed: false });

describe('typed raw SQL', () => {
  it('returns rows of the shape asked for, bigints included', async () => {
    const rows = await queryRows(
      database().client,
      z.object({ n: z.number(), big: z.bigint() }),
      Prisma.sql`SELECT 1::int AS n, 9007199254740993::int8 AS big`,
    );
    expect(rows).toEqual([{ n: 1, big: 9007199254740993n }]);
  });

  it('names the column when a row is not what the code expects', async () => {
    const asked = queryRows(database().client, z.object({ count: z.number() }), Prisma.sql`SELECT 'three' AS count`);
    await expect(asked).rejects.toThrow(RowShapeError);
    await expect(asked).rejects.toThrow(/0\.count: Invalid input: expected number, received string/);
  });

  it('refuses an aggregate that returned no row', async () => {
    await expect(queryRow(database().client, z.object({ n: z.number() }), Prisma.sql`SELECT 1 AS n WHERE false`)).rejects.toThrow(/returned no row/);
  });
});

describe.runIf(process.env.DATABASE_URL)('the PostgreSQL connections', () => {
  it('plan without JIT, whose compiling cost more than the short statements it served', async () => {
    const [setting] = await queryRows(database().client, z.object({ jit: z.string() }), Prisma.sql`SHOW jit`);
    expect(setting).toEqual({ jit: 'off' });
  });
});
