// The filter language for event lists, one implementation for GraphQL, HTTP export and the CLI.
// It validates plain input (from any of the three) and turns it into a Prisma where clause.
import { z } from 'zod';
import { db } from '../db/client.js';
import { DateParseError, parseEdtf } from '../dates/edtf.js';
import { EventKind, type Prisma } from '../generated/prisma/client.js';
import { InputError } from '../lib/errors.js';

const slugList = z.array(z.string().trim().min(1, 'must not be empty')).max(100, 'at most 100 slugs');

export const eventFilterSchema = z
  .object({
    from: z.string().trim().nullish(),
    to: z.string().trim().nullish(),
    actors: slugList.nullish(),
    kinds: z.array(z.enum(EventKind, { error: `must be one of ${Object.keys(EventKind).join(', ')}` })).nullish(),
    tags: z.array(z.string().trim().min(1)).max(100).nullish(),
    sources: slugList.nullish(),
  })
  .strict();

export type EventFilter = z.input<typeof eventFilterSchema>;

function windowBound(value: string, argument: string): ReturnType<typeof parseEdtf> {
  let date;
  try {
    date = parseEdtf(value);
  } catch (error) {
    if (error instanceof DateParseError) throw new InputError(argument, error.message);
    throw error;
  }
  if (!date.earliest || !date.latest || date.approximate || date.uncertain) {
    throw new InputError(argument, `"${value}" is not a plain date: use 2017, 2017-05 or 2017-05-25`);
  }
  return date;
}

async function idsForSlugs(model: 'actor' | 'source', slugs: string[], argument: string): Promise<string[]> {
  const rows = model === 'actor'
    ? await db.actor.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } })
    : await db.source.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const found = new Set(rows.map((r) => r.slug));
  const missing = slugs.filter((s) => !found.has(s));
  if (missing.length > 0) {
    throw new InputError(argument, `no ${model} has the slug ${missing.map((s) => `"${s}"`).join(', ')}; look it up with ${model}s(...)`);
  }
  return rows.map((r) => r.id);
}

/**
 * Validates a filter and builds its where clause. Time windows use the overlap rule of
 * docs/dates.md: an event matches when the span it can have taken overlaps [from, to]; an event
 * with an open bound ("..2017-06-04") counts as the date it is known by.
 */
export async function eventWhere(input: unknown, argument = 'filter'): Promise<Prisma.EventWhereInput> {
  const parsed = eventFilterSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = [argument, ...issue.path].map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
    throw new InputError(path, issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message);
  }
  const filter = parsed.data;
  const and: Prisma.EventWhereInput[] = [];

  const from = filter.from ? windowBound(filter.from, `${argument}.from`) : undefined;
  const to = filter.to ? windowBound(filter.to, `${argument}.to`) : undefined;
  if (from && to && to.latest! < from.earliest!) {
    throw new InputError(`${argument}.to`, `"${filter.to}" is before from "${filter.from}"`);
  }
  if (from) and.push({ OR: [{ latest: { gte: from.earliest! } }, { latest: null, earliest: { gte: from.earliest! } }] });
  if (to) and.push({ sortAt: { lte: to.latest! } });

  if (filter.actors?.length) {
    const ids = await idsForSlugs('actor', filter.actors, `${argument}.actors`);
    and.push({ participants: { some: { actorId: { in: ids } } } });
  }
  if (filter.sources?.length) {
    const ids = await idsForSlugs('source', filter.sources, `${argument}.sources`);
    and.push({ citations: { some: { sourceId: { in: ids } } } });
  }
  if (filter.kinds?.length) and.push({ kind: { in: filter.kinds } });
  if (filter.tags?.length) and.push({ tags: { hasSome: filter.tags } });
  return and.length > 0 ? { AND: and } : {};
}

export type EventOrder = 'CHRONOLOGICAL' | 'REVERSE_CHRONOLOGICAL';

/** Chronological by the instant an event is known by, ties broken by slug so pages are stable. */
export function eventOrderBy(order: EventOrder = 'CHRONOLOGICAL'): Prisma.EventOrderByWithRelationInput[] {
  const direction = order === 'REVERSE_CHRONOLOGICAL' ? 'desc' : 'asc';
  return [{ sortAt: direction }, { slug: direction }];
}
