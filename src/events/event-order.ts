// The one chronological order of events and the one order of an event's participants, for
// GraphQL, exports and the graph queries alike. Chronological: by the instant an event is known
// by (sortAt, see docs/dates.md), ties by slug, so every list and every page is stable.
import { Prisma } from '../generated/prisma/client.js';
import { byCodePoint } from '../lib/compare.js';

export type Direction = 'asc' | 'desc';

/** The order as Prisma's orderBy, earliest first or (desc) latest first. */
export function chronological(direction: Direction = 'asc'): Prisma.EventOrderByWithRelationInput[] {
  return [{ sortAt: direction }, { slug: direction }];
}

/** The order as SQL for the events table under `alias`: ORDER BY ${chronologicalSql('e')}. */
export function chronologicalSql(alias: string, direction: Direction = 'asc'): Prisma.Sql {
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  return Prisma.raw(`${alias}."sortAt" ${dir}, ${alias}.slug ${dir}`);
}

/** The same order in JavaScript, for events already loaded. */
export function compareChronologically(a: { sortAt: bigint; slug: string }, b: { sortAt: bigint; slug: string }): number {
  return a.sortAt < b.sortAt ? -1 : a.sortAt > b.sortAt ? 1 : byCodePoint(a.slug, b.slug);
}

/** An event's participants: by role, then by the actor's name, then slug. */
export const PARTICIPANT_ORDER: Prisma.ParticipationOrderByWithRelationInput[] = [{ role: 'asc' }, { actor: { name: 'asc' } }, { actor: { slug: 'asc' } }];

/** PARTICIPANT_ORDER as SQL, for participations under `p` and their actors under `a`. */
export function participantOrderSql(p: string, a: string): Prisma.Sql {
  return Prisma.raw(`${p}.role ASC, ${a}.name ASC, ${a}.slug ASC`);
}
