// Raw SQL with typed, checked rows. Prisma types a raw query's rows as whatever it is told; here
// each statement names a zod schema for its rows, so a column renamed or retyped in a migration
// fails at that statement, saying which column, instead of turning up later as undefined.
import { z } from 'zod';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

export class RowShapeError extends Error {}

/** Runs a statement and returns its rows, each checked against `row`. */
export async function queryRows<Row extends z.ZodType>(db: Pick<PrismaClient, '$queryRaw'>, row: Row, statement: Prisma.Sql): Promise<z.output<Row>[]> {
  const rows = await db.$queryRaw<unknown[]>(statement);
  const checked = z.array(row).safeParse(rows);
  if (!checked.success) {
    const [issue] = checked.error.issues;
    throw new RowShapeError(
      `a row of "${statement.sql.trim().slice(0, 80)}…" does not have the shape its code expects: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return checked.data;
}

/** The one row of a statement that always returns one (an aggregate). */
export async function queryRow<Row extends z.ZodType>(db: Pick<PrismaClient, '$queryRaw'>, row: Row, statement: Prisma.Sql): Promise<z.output<Row>> {
  const [first] = await queryRows(db, row, statement);
  if (first === undefined) throw new RowShapeError(`"${statement.sql.trim().slice(0, 80)}…" returned no row`);
  return first;
}
