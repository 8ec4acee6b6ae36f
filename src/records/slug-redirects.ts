// Slugs are how people and links name records, so a rename must not break them: the old slug
// stays as a redirect to the record, and every lookup by slug (GraphQL, filters, exports)
// follows it.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { RecordKind } from '../generated/prisma/enums.js';
import { InputError } from '../lib/errors.js';
import { slugSchema } from '../lib/schemas.js';
import { type ChangeAuthor, ChangeLog } from './change-log.js';
import { takeWriteLock } from './write-lock.js';

export type RecordModel = 'event' | 'actor' | 'source';

/** The kind a revision or a redirect names each model by. */
export const RECORD_KIND: Record<RecordModel, RecordKind> = { event: 'EVENT', actor: 'ACTOR', source: 'SOURCE' };

/** The ids that old slugs now stand for, for the slugs that are redirects. */
export async function redirectedIds(db: Prisma.TransactionClient, model: RecordModel, slugs: string[]): Promise<Map<string, string>> {
  if (slugs.length === 0) return new Map();
  const rows = await db.slugRedirect.findMany({ where: { kind: RECORD_KIND[model], slug: { in: slugs } }, select: { slug: true, targetId: true } });
  return new Map(rows.map((r) => [r.slug, r.targetId]));
}

/**
 * A record by slug: the one whose slug it is now, else the one renamed from it or merged into it,
 * told to `note` ('actor "trudeau" was merged into "justin-trudeau"'). `find` reads by the where
 * clause it is given; a live slug costs one read, an old one two.
 */
export async function findBySlug<T>(
  db: PrismaClient,
  model: RecordModel,
  slug: string,
  find: (where: { slug: string } | { id: string }) => Promise<T | null>,
  note?: (message: string) => void,
): Promise<T | null> {
  const live = await find({ slug });
  if (live) return live;
  const redirect = await db.slugRedirect.findUnique({
    where: { kind_slug: { kind: RECORD_KIND[model], slug } },
    select: { targetId: true, mergedFromId: true },
  });
  if (!redirect) return null;
  const found = await find({ id: redirect.targetId });
  const now = (found as { slug?: string } | null)?.slug;
  if (found && now) note?.(`${model} "${slug}" ${redirect.mergedFromId ? 'was merged into' : 'was renamed'} "${now}": this is "${now}"`);
  return found;
}

/** A slug given to a new record is live again: it no longer redirects to the record once renamed from it. */
export async function endRedirects(tx: Prisma.TransactionClient, model: RecordModel, slugs: string[]): Promise<void> {
  if (slugs.length) await tx.slugRedirect.deleteMany({ where: { kind: RECORD_KIND[model], slug: { in: slugs } } });
}

/** A rename's author, unless the caller says otherwise. */
const RENAMING: ChangeAuthor = { via: 'COMMAND', by: 'chronicle rename' };

/** Renames a record, keeping its old slug as a redirect and the rename as a revision; all in one transaction. */
export async function renameRecord(client: PrismaClient, model: RecordModel, from: string, to: string, author: ChangeAuthor = RENAMING): Promise<void> {
  const valid = slugSchema.safeParse(to);
  if (!valid.success) throw new InputError('to', `"${to}" ${valid.error.issues[0]!.message}`);
  await client.$transaction(async (tx) => {
    // One writer at a time: an update reading the old slug meanwhile would otherwise miss it.
    await takeWriteLock(tx);
    // One delegate per model, typed alike for what a rename needs.
    const delegate = tx[model] as unknown as {
      findUnique(args: { where: { slug: string }; select: { id: true } }): Promise<{ id: string } | null>;
      update(args: { where: { id: string }; data: { slug: string; revision: { increment: 1 } }; select: { revision: true } }): Promise<{ revision: number }>;
    };
    const record = await delegate.findUnique({ where: { slug: from }, select: { id: true } });
    if (!record) throw new InputError('from', `no ${model} has the slug "${from}"`);
    if (await delegate.findUnique({ where: { slug: to }, select: { id: true } })) {
      throw new InputError('to', `"${to}" is already the slug of another ${model}: choose another, or import into that one`);
    }
    const kind = RECORD_KIND[model];
    const { revision } = await delegate.update({ where: { id: record.id }, data: { slug: to, revision: { increment: 1 } }, select: { revision: true } });
    const log = await ChangeLog.start(tx, author);
    await log.updated(tx, kind, [{ recordId: record.id, number: revision, fields: { slug: { before: from, after: to } } }]);
    // The new slug is live now; if it was once another record's old slug, that redirect ends.
    await tx.slugRedirect.deleteMany({ where: { kind, slug: to } });
    await tx.slugRedirect.upsert({
      where: { kind_slug: { kind, slug: from } },
      create: { kind, slug: from, targetId: record.id },
      update: { targetId: record.id },
    });
  });
}

/** The slugs records have now, for old slugs they were renamed from (others are left out). */
export async function currentSlugs(db: Prisma.TransactionClient, model: RecordModel, oldSlugs: string[]): Promise<Map<string, string>> {
  const targets = await redirectedIds(db, model, oldSlugs);
  if (targets.size === 0) return new Map();
  const delegate = db[model] as unknown as {
    findMany(args: { where: { id: { in: string[] } }; select: { id: true; slug: true } }): Promise<{ id: string; slug: string }[]>;
  };
  const rows = await delegate.findMany({ where: { id: { in: [...targets.values()] } }, select: { id: true, slug: true } });
  const slugOf = new Map(rows.map((row) => [row.id, row.slug]));
  return new Map([...targets].flatMap(([old, id]) => (slugOf.has(id) ? [[old, slugOf.get(id)!] as const] : [])));
}
