// Retiring a record: kept, with its history, and hidden from every list, count, histogram, graph
// and export; reinstated by the same path. Each is a revision of its own. An actor or source that
// live records still name cannot be retired, nor a record reinstated that names retired ones: a
// live record never points at something hidden.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { type ChangeAuthor, ChangeLog } from './change-log.js';
import { InvalidInput, RecordNotFound, StaleRevision } from './edit-errors.js';
import type { EditableModel } from './record-edits.js';
import { RECORD_KIND } from './slug-redirects.js';
import { takeWriteLock } from './write-lock.js';

type Tx = Prisma.TransactionClient;

/** Live records that name the record, as "event trump-macron-brussels-meeting": at most 5. */
async function liveReferences(tx: Tx, model: EditableModel, id: string): Promise<string[]> {
  const live = { retiredAt: null };
  const take = 5;
  if (model === 'actor') {
    const events = await tx.event.findMany({ where: { ...live, participants: { some: { actorId: id } } }, select: { slug: true }, take });
    const sources = await tx.source.findMany({ where: { ...live, publisherId: id }, select: { slug: true }, take });
    const members = await tx.actor.findMany({ where: { ...live, affiliations: { some: { organisationId: id } } }, select: { slug: true }, take });
    return [...events.map((e) => `event ${e.slug}`), ...sources.map((s) => `source ${s.slug}`), ...members.map((a) => `actor ${a.slug}`)].slice(0, take);
  }
  if (model === 'source') {
    const events = await tx.event.findMany({ where: { ...live, citations: { some: { sourceId: id } } }, select: { slug: true }, take });
    const relying = await tx.source.findMany({ where: { ...live, basedOn: { some: { id } } }, select: { slug: true }, take });
    return [...events.map((e) => `event ${e.slug}`), ...relying.map((s) => `source ${s.slug}`)].slice(0, take);
  }
  return [];
}

/** Retired records this one names, as "actor justin-trudeau": it cannot come back naming them. */
export async function retiredReferences(tx: Tx, model: EditableModel, id: string): Promise<string[]> {
  const retired = { retiredAt: { not: null } };
  const slug = { select: { slug: true } } as const;
  if (model === 'event') {
    const event = await tx.event.findUniqueOrThrow({
      where: { id },
      select: {
        participants: { where: { actor: retired }, select: { actor: slug } },
        citations: { where: { source: retired }, select: { source: slug } },
        relationsFrom: { where: { to: retired }, select: { to: slug } },
      },
    });
    return [
      ...event.participants.map((p) => `actor ${p.actor.slug}`),
      ...event.citations.map((c) => `source ${c.source.slug}`),
      ...event.relationsFrom.map((r) => `event ${r.to.slug}`),
    ];
  }
  if (model === 'source') {
    const source = await tx.source.findUniqueOrThrow({
      where: { id },
      select: { publisher: { select: { slug: true, retiredAt: true } }, basedOn: { where: retired, ...slug } },
    });
    return [...(source.publisher?.retiredAt ? [`actor ${source.publisher.slug}`] : []), ...source.basedOn.map((b) => `source ${b.slug}`)];
  }
  const actor = await tx.actor.findUniqueOrThrow({
    where: { id },
    select: { affiliations: { where: { organisation: retired }, select: { organisation: slug } } },
  });
  return actor.affiliations.map((f) => `actor ${f.organisation.slug}`);
}

type Delegate = {
  findUnique(args: { where: { id: string }; select: { revision: true; retiredAt: true } }): Promise<{ revision: number; retiredAt: Date | null } | null>;
  update(args: {
    where: { id: string };
    data: { retiredAt: Date | null; revision: { increment: 1 } };
    select: { revision: true };
  }): Promise<{ revision: number }>;
};

/**
 * Retires (`retire`) or reinstates a record, if it is at the revision the change was based on.
 * Returns whether anything changed: retiring a retired record changes nothing.
 */
export async function setRetired(
  db: PrismaClient,
  model: EditableModel,
  author: ChangeAuthor,
  id: string,
  basedOnRevision: number,
  retire: boolean,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await takeWriteLock(tx);
    const delegate = tx[model] as unknown as Delegate;
    const stored = await delegate.findUnique({ where: { id }, select: { revision: true, retiredAt: true } });
    if (!stored) throw new RecordNotFound(id);
    if (stored.revision !== basedOnRevision) throw new StaleRevision(basedOnRevision, stored.revision);
    if (retire === (stored.retiredAt !== null)) return false;
    if (retire) {
      const naming = await liveReferences(tx, model, id);
      if (naming.length) {
        throw new InvalidInput([
          { field: 'id', message: `live records name this ${model} (${naming.join(', ')}): change or retire them first, or merge it into another ${model}` },
        ]);
      }
    } else {
      const named = await retiredReferences(tx, model, id);
      if (named.length) {
        throw new InvalidInput([{ field: 'id', message: `this ${model} names retired records (${named.join(', ')}): reinstate them first, or change it` }]);
      }
    }
    const retiredAt = retire ? new Date() : null;
    const { revision } = await delegate.update({ where: { id }, data: { retiredAt, revision: { increment: 1 } }, select: { revision: true } });
    const log = await ChangeLog.start(tx, author);
    const fields = { retiredAt: { before: stored.retiredAt?.toISOString() ?? null, after: retiredAt?.toISOString() ?? null } };
    await log.updated(tx, RECORD_KIND[model], [{ recordId: id, number: revision, fields }], retire ? 'RETIRED' : 'REINSTATED');
    return true;
  });
}
