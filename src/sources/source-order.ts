// The one order and the one "on the record" rule for sources, wherever sources are listed or
// filtered: oldest publication first, undated last, ties by slug.
import type { Prisma } from '../generated/prisma/client.js';

export const SOURCE_ORDER: Prisma.SourceOrderByWithRelationInput[] = [
  { publishedLatest: { sort: 'asc', nulls: 'last' } },
  { slug: 'asc' },
];

/** Citations in the order of their sources. */
export const CITATION_ORDER: Prisma.CitationOrderByWithRelationInput[] = SOURCE_ORDER.map((order) => ({ source: order }));

/** Whether a source was on the public record by a date: published, at the latest, by then. */
export function publishedBy(publishedLatest: Date | null, knownBy: Date | undefined): boolean {
  return !knownBy || (publishedLatest !== null && publishedLatest <= knownBy);
}
