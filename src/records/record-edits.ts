// Changes to one record at a time, as the API makes them: the record as stored, read in the
// writing transaction, changed as an editor would change its file, checked by the same schema and
// reference rules as imports, and written by the one record writer (with its revision kept).
import type { z } from 'zod';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { issueMessage, issuePath } from '../lib/schemas.js';
import { InvalidInput, RecordNotFound, StaleRevision, type InputProblem } from './edit-errors.js';
import { idsOf } from './new-records.js';
import { eventRecord, referenceIssues, type EventRecord, type RecordSet } from './record-schemas.js';
import { type ChangeAuthor, writeRecords } from './record-writer.js';
import { eventRecordOf, storedEvent } from './stored-records.js';

type Tx = Prisma.TransactionClient;

/** A record's slug made from its title: "Trump meets Macron in Brussels" -> "trump-meets-macron-in-brussels". */
export function slugFrom(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    if (slug && slug.length + word.length + 1 > 60) break;
    slug = slug ? `${slug}-${word}` : word;
  }
  return slug || 'event';
}

/** The first of slug, slug-2, slug-3... that no event has. */
async function freeSlug(tx: Tx, slug: string): Promise<string> {
  const taken = new Set((await tx.event.findMany({ where: { slug: { startsWith: slug } }, select: { slug: true } })).map((e) => e.slug));
  let candidate = slug;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${slug}-${n}`;
  return candidate;
}

/** A candidate record checked as an import checks one; the problems name the input's fields. */
async function checkedEvent(tx: Tx, candidate: unknown): Promise<EventRecord> {
  const parsed = eventRecord.safeParse(candidate);
  if (!parsed.success) {
    throw new InvalidInput(parsed.error.issues.map((issue: z.core.$ZodIssue) => ({ field: issuePath(issue.path), message: issueMessage(issue) })));
  }
  const record = parsed.data;
  const slugsIn = async (model: 'actor' | 'source' | 'event', slugs: string[]) => new Set((await idsOf(tx, model, slugs)).keys());
  const set: RecordSet = { actors: [], sources: [], events: [record] };
  const problems: InputProblem[] = referenceIssues(set, {
    actors: await slugsIn(
      'actor',
      record.participants.map((p) => p.actor),
    ),
    sources: await slugsIn(
      'source',
      record.citations.map((c) => c.source),
    ),
    events: await slugsIn(
      'event',
      record.relations.map((r) => r.event),
    ),
  }).map((issue) => ({ field: issue.field, message: issue.message }));
  if (problems.length) throw new InvalidInput(problems);
  return record;
}

/** Creates an event; returns its id. Without a slug, one is made from the title. */
export async function createEvent(db: PrismaClient, author: ChangeAuthor, input: Record<string, unknown>): Promise<string> {
  let slug = '';
  await writeRecords(
    db,
    async (tx) => {
      const given = typeof input.slug === 'string' ? input.slug : undefined;
      if (given && (await tx.event.findUnique({ where: { slug: given }, select: { id: true } }))) {
        throw new InvalidInput([{ field: 'slug', message: `an event has the slug "${given}": choose another, or update that event` }]);
      }
      const record = await checkedEvent(tx, { ...input, slug: given ?? (await freeSlug(tx, slugFrom(String(input.title ?? '')))) });
      slug = record.slug;
      return { actors: [], sources: [], events: [record] };
    },
    { change: author },
  );
  return (await db.event.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
}

/**
 * Changes an event: the fields given replace the record's (a list, such as citations, whole; a
 * null clears an optional field). Refused as stale unless based on the record's revision.
 */
export async function updateEvent(
  db: PrismaClient,
  author: ChangeAuthor,
  id: string,
  basedOnRevision: number,
  changes: Record<string, unknown>,
): Promise<void> {
  await writeRecords(
    db,
    async (tx) => {
      const stored = await tx.event.findUnique({ where: { id }, include: storedEvent });
      if (!stored) throw new RecordNotFound(id);
      if (stored.revision !== basedOnRevision) throw new StaleRevision(basedOnRevision, stored.revision);
      const given = Object.fromEntries(
        Object.entries(changes)
          .filter(([, value]) => value !== undefined)
          .map(([key, value]) => [key, value ?? undefined]),
      );
      const record = await checkedEvent(tx, { ...eventRecordOf(stored, 'dropped'), ...given });
      return { actors: [], sources: [], events: [record] };
    },
    { change: author },
  );
}
