// The one order and the one "on the record" rule for sources, wherever sources are listed or
// filtered: oldest on the record first (published, or else retrieved), undated last, ties by slug.
import { parseEdtf } from '../dates/edtf.js';
import { Prisma } from '../generated/prisma/client.js';

export const SOURCE_ORDER: Prisma.SourceOrderByWithRelationInput[] = [{ onRecordAt: { sort: 'asc', nulls: 'last' } }, { slug: 'asc' }];

/** Citations in the order of their sources. */
export const CITATION_ORDER: Prisma.CitationOrderByWithRelationInput[] = SOURCE_ORDER.map((order) => ({ source: order }));

/** SOURCE_ORDER as SQL, for sources under `alias`: ORDER BY ${sourceOrderSql('s')}. */
export function sourceOrderSql(alias: string): Prisma.Sql {
  return Prisma.raw(`${alias}."onRecordAt" ASC NULLS LAST, ${alias}.slug ASC`);
}

/**
 * Whether a source was on the public record by a date: published (or, with no publication date,
 * retrieved), at the latest, by then. A source with neither date is on no record.
 */
export function onRecordBy(onRecordAt: bigint | null, knownBy: bigint | undefined): boolean {
  return knownBy === undefined || (onRecordAt !== null && onRecordAt <= knownBy);
}

/** The last instant a source was surely on record: its publication's, else its retrieval's. */
export function onRecordAt(published: string | null | undefined, retrieved: string | null | undefined): bigint | null {
  const date = published ?? retrieved;
  return date ? parseEdtf(date).latestMs : null;
}
