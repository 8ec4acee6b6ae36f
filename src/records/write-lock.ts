// The lock every write of records takes, whatever writes: the record writer, a rename, a
// retirement.
import type { Prisma } from '../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

/** The advisory lock every record write takes (an arbitrary number, Chronicle's own). */
const WRITE_LOCK_KEY = 7_316_283_112;

/**
 * One writer at a time, across processes and servers: a second write waits here, then reads what
 * the first wrote (an actor both name is created once, then found), where both would otherwise
 * create it and one fail on the unique slug. Held to the end of the transaction.
 */
export async function takeWriteLock(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY}::bigint)`;
}
