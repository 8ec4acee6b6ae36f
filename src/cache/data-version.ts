// Which version of the data the database holds, as "epoch:version". Triggers move it on in every
// transaction that changes a row (migration data_version) and NOTIFY chronicle_data_changed; a
// cache key or ETag that carries it is new after every write, by any process on any machine.
import type { ChannelListener, Database } from '../db/client.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.js';
import { queryRow } from '../db/sql.js';

export const DATA_CHANGED_CHANNEL = 'chronicle_data_changed';

/** The database's data version, read now: one row by its key. */
export async function readDataVersion(db: PrismaClient): Promise<string> {
  const row = await queryRow(db, z.object({ epoch: z.string(), version: z.bigint() }), Prisma.sql`SELECT "epoch"::text AS epoch, "version" FROM "DataVersion"`);
  return `${row.epoch}:${row.version}`;
}

function parse(text: string): { epoch: string; version: bigint } | undefined {
  const match = /^([0-9a-f-]{36}):(\d+)$/.exec(text);
  return match ? { epoch: match[1]!, version: BigInt(match[2]!) } : undefined;
}

/**
 * The data version as this server last heard it, kept up to date by notifications, so a request
 * costs no statement to learn it. `current` is undefined while it is not known for sure (starting,
 * or the listening connection lost): whatever depends on it must then not be cached.
 */
export class DataVersionWatcher {
  current: string | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private reads = 0;

  private constructor(
    private readonly db: PrismaClient,
    private readonly logger: Logger,
  ) {}

  static async start(database: Database, logger: Logger): Promise<DataVersionWatcher> {
    const watcher = new DataVersionWatcher(database.client, logger);
    watcher.unlisten = await database.listen(DATA_CHANGED_CHANNEL, watcher.listener());
    return watcher;
  }

  private listener(): ChannelListener {
    return {
      // Writes may have happened while nobody listened: read the version as it is now.
      onListening: () => void this.refresh(),
      onMessage: (payload) => this.heard(payload),
      onLost: (error) => {
        this.current = undefined;
        this.logger.warn({ err: error.message }, 'stopped hearing about data changes: the response cache is off until listening again');
      },
    };
  }

  private heard(payload: string): void {
    const heard = parse(payload);
    const known = this.current === undefined ? undefined : parse(this.current);
    if (!heard) return;
    // Notifications come in commit order; a read racing them must not take the version back.
    if (!known || known.epoch !== heard.epoch || heard.version > known.version) this.current = payload;
  }

  private async refresh(): Promise<void> {
    const read = ++this.reads;
    try {
      const version = await readDataVersion(this.db);
      // A message heard during the read is at least as new as what the read saw.
      if (read === this.reads) this.heard(version);
    } catch (error) {
      this.current = undefined;
      this.logger.warn({ err: (error as Error).message }, 'could not read the data version: the response cache is off');
    }
  }

  async stop(): Promise<void> {
    this.current = undefined;
    await this.unlisten?.();
  }
}
