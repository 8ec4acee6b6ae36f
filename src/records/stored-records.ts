// Records as the database holds them, in the shapes the seed files use (record-schemas.ts): for a
// dump, which carries record time so that a copy is exact, and for a mutation, which changes a
// record as an editor would change its file.
import type { Prisma } from '../generated/prisma/client.js';
import type { ActorRecord, EventRecord, SourceRecord } from './record-schemas.js';

/** Leaves out what is empty or null, as a hand-written seed file would. */
export function compact<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(record).filter(
      ([, v]) =>
        v !== null &&
        v !== undefined &&
        !(Array.isArray(v) && v.length === 0) &&
        !(typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && Object.keys(v as object).length === 0),
    ),
  ) as Partial<T>;
}

/** Record time kept (a dump), or left for the writer to set (a change made now). */
export type Stamps = 'kept' | 'dropped';
const stampsOf = (stamps: Stamps, row: { createdAt: Date; updatedAt?: Date }) =>
  stamps === 'kept' ? { createdAt: row.createdAt.toISOString(), ...(row.updatedAt ? { updatedAt: row.updatedAt.toISOString() } : {}) } : {};
/** A record's revision counter and retirement, which a dump keeps with the history that counts them. */
const revisionOf = (stamps: Stamps, row: { revision: number; retiredAt: Date | null }) =>
  stamps === 'kept' ? { revision: row.revision, retiredAt: row.retiredAt?.toISOString() } : {};

export const storedActor = {
  affiliations: { include: { organisation: { select: { slug: true } } }, orderBy: [{ organisation: { slug: 'asc' } }, { role: 'asc' }] },
} satisfies Prisma.ActorInclude;

export function actorRecordOf(a: Prisma.ActorGetPayload<{ include: typeof storedActor }>, stamps: Stamps): ActorRecord {
  return compact({
    slug: a.slug,
    name: a.name,
    kind: a.kind,
    description: a.description,
    aliases: a.aliases,
    externalIds: a.externalIds as Record<string, string>,
    affiliations: a.affiliations.map((f) =>
      compact({ organisation: f.organisation.slug, role: f.role, start: f.startEdtf, end: f.endEdtf, ...stampsOf(stamps, f) }),
    ),
    ...stampsOf(stamps, a),
    ...revisionOf(stamps, a),
  }) as ActorRecord;
}

export const storedSource = {
  publisher: { select: { slug: true } },
  basedOn: { select: { slug: true }, orderBy: { slug: 'asc' } },
} satisfies Prisma.SourceInclude;

export function sourceRecordOf(s: Prisma.SourceGetPayload<{ include: typeof storedSource }>, stamps: Stamps): SourceRecord {
  return compact({
    slug: s.slug,
    kind: s.kind,
    title: s.title,
    author: s.author,
    publisher: s.publisher?.slug,
    published: s.publishedEdtf,
    retrieved: s.retrievedEdtf,
    url: s.url,
    reliability: s.reliability,
    basedOn: s.basedOn.map((b) => b.slug),
    notes: s.notes,
    ...stampsOf(stamps, s),
    ...revisionOf(stamps, s),
  }) as SourceRecord;
}

export const storedEvent = {
  location: { select: { slug: true } },
  participants: { include: { actor: { select: { slug: true } } }, orderBy: [{ role: 'asc' }, { actor: { slug: 'asc' } }] },
  citations: { include: { source: { select: { slug: true } } }, orderBy: { source: { slug: 'asc' } } },
  relationsFrom: { include: { to: { select: { slug: true } } }, orderBy: [{ kind: 'asc' }, { to: { slug: 'asc' } }] },
} satisfies Prisma.EventInclude;

/** A stored citation's own fields, the source by slug, nulls kept (a revision's "before"). */
export function storedCitation(c: Prisma.CitationGetPayload<{ include: { source: { select: { slug: true } } } }>) {
  return { source: c.source.slug, stance: c.stance, quote: c.quote, attribution: c.attribution, confidence: c.confidence, note: c.note };
}

export function eventRecordOf(e: Prisma.EventGetPayload<{ include: typeof storedEvent }>, stamps: Stamps): EventRecord {
  return compact({
    slug: e.slug,
    title: e.title,
    summary: e.summary,
    summaryHtml: e.summaryHtml,
    language: e.language,
    translations: Object.keys(e.translations as object).length ? (e.translations as EventRecord['translations']) : undefined,
    kind: e.kind,
    status: e.status,
    date: e.date,
    place: e.place,
    location: e.location?.slug,
    tags: e.tags,
    // Left out when there are none: a seed file or dump without media reads as it did.
    media: (e.media as EventRecord['media']).length ? (e.media as EventRecord['media']) : undefined,
    presentation: Object.keys(e.presentation as object).length ? (e.presentation as EventRecord['presentation']) : undefined,
    // Marked only where true: a seed file or dump of sourced events reads as it did.
    unsourced: e.unsourced || undefined,
    participants: e.participants.map((p) => ({ actor: p.actor.slug, role: p.role, ...stampsOf(stamps, { createdAt: p.createdAt }) })),
    citations: e.citations.map((c) => compact({ ...storedCitation(c), ...stampsOf(stamps, c) })),
    relations: e.relationsFrom.map((r) => ({ kind: r.kind, event: r.to.slug, ...stampsOf(stamps, { createdAt: r.createdAt }) })),
    ...stampsOf(stamps, e),
    ...revisionOf(stamps, e),
  }) as EventRecord;
}
