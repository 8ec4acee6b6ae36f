// The records Chronicle is made of, as seed files, dumps and rich imports give them: actors with
// their aliases, external ids and affiliations; sources with reliability, notes and what they are
// based on; events with participants, citations and links to other events. One validation for all
// of them (docs/records.md describes every field); src/records/record-writer.ts writes them.
import { z } from 'zod';
import {
  ActorKind,
  Confidence,
  EventKind,
  EventRelationKind,
  EventStatus,
  ParticipantRole,
  RecordKind,
  Reliability,
  SourceKind,
  Stance,
} from '../generated/prisma/enums.js';
import { edtfSchema, joinedDate, safeString, slugSchema, textSchema, webUrlSchema } from '../lib/schemas.js';

const slug = slugSchema;
const edtf = edtfSchema;
const text = textSchema;
/** Record time, which dumps carry so that a copy is exact; absent in hand-written files. */
const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant such as 2017-06-04T12:00:00.000Z' }).optional();
const created = { createdAt: instant };
const stamped = { createdAt: instant, updatedAt: instant };

export const actorRecord = z.strictObject({
  slug,
  name: text,
  kind: z.enum(ActorKind),
  description: text.optional(),
  aliases: z.array(text).default([]),
  externalIds: z.record(safeString(), safeString()).default({}),
  affiliations: z.array(z.strictObject({ organisation: slug, role: text, start: edtf.optional(), end: edtf.optional(), ...stamped })).default([]),
  ...stamped,
});

export const sourceRecord = z.strictObject({
  slug,
  kind: z.enum(SourceKind),
  title: text,
  author: text.optional(),
  publisher: slug.optional(),
  published: edtf.optional(),
  retrieved: edtf.optional(),
  url: webUrlSchema.optional(),
  reliability: z.enum(Reliability).default('F'),
  basedOn: z.array(slug).default([]),
  notes: text.optional(),
  ...stamped,
});

export const eventRecord = z
  .strictObject({
    slug,
    title: text,
    summary: text.optional(),
    kind: z.enum(EventKind),
    status: z.enum(EventStatus),
    date: edtf,
    /** Older seed files gave the end apart; it joins `date` as one EDTF interval. */
    end: edtf.optional(),
    place: text.optional(),
    tags: z.array(slug).default([]),
    participants: z.array(z.strictObject({ actor: slug, role: z.enum(ParticipantRole), ...created })).min(1, 'an event needs at least one participant'),
    citations: z
      .array(
        z.strictObject({
          source: slug,
          stance: z.enum(Stance).default('SUPPORTS'),
          quote: text.optional(),
          attribution: text.optional(),
          confidence: z.enum(Confidence).optional(),
          note: text.optional(),
          ...stamped,
        }),
      )
      .min(1, 'an event needs at least one citation'),
    relations: z.array(z.strictObject({ kind: z.enum(EventRelationKind), event: slug, ...created })).default([]),
    ...stamped,
  })
  .transform(({ end, ...event }, ctx) => ({ ...event, date: joinedDate(event.date, end, 'end', ctx) }));

/** An old slug of a renamed record (src/records/slug-redirects.ts), as dumps carry them. */
export const redirectRecord = z.strictObject({ kind: z.enum(RecordKind), slug, target: slug, ...created });

export type ActorRecord = z.infer<typeof actorRecord>;
export type RedirectRecord = z.infer<typeof redirectRecord>;
export type SourceRecord = z.infer<typeof sourceRecord>;
export type EventRecord = z.infer<typeof eventRecord>;

export interface RecordSet {
  actors: ActorRecord[];
  sources: SourceRecord[];
  events: EventRecord[];
  redirects?: RedirectRecord[];
}

/** Where a record came from, for messages: "actors.yaml: record 3 (justin-trudeau)", "dump.ndjson: line 12". */
export type Locate = (kind: keyof RecordSet, index: number) => string;

/**
 * Every slug a record names must be in the set (or, with `existing`, in the database already),
 * and each record appear once. Returns the problems, each located and with the field named.
 */
export function referenceProblems(
  set: RecordSet,
  locate: Locate,
  existing: { actors?: Set<string>; sources?: Set<string>; events?: Set<string> } = {},
): string[] {
  const problems: string[] = [];
  const known = (kind: 'actors' | 'sources' | 'events') => {
    const inSet = new Set<string>();
    set[kind].forEach((record, index) => {
      if (inSet.has(record.slug)) problems.push(`${locate(kind, index)}, field slug: duplicate slug "${record.slug}"`);
      inSet.add(record.slug);
    });
    return new Set([...inSet, ...(existing[kind] ?? [])]);
  };
  const actors = known('actors');
  const sources = known('sources');
  const events = known('events');
  const check = <R extends { slug: string }>(kind: keyof RecordSet, field: string, refs: (record: R) => string[], slugs: Set<string>) => {
    (set[kind] as unknown as R[]).forEach((record, index) => {
      for (const ref of refs(record)) if (!slugs.has(ref)) problems.push(`${locate(kind, index)}, field ${field}: unknown slug "${ref}"`);
    });
  };
  check<ActorRecord>('actors', 'affiliations.organisation', (a) => a.affiliations.map((x) => x.organisation), actors);
  check<SourceRecord>('sources', 'publisher', (s) => (s.publisher ? [s.publisher] : []), actors);
  check<SourceRecord>('sources', 'basedOn', (s) => s.basedOn, sources);
  check<EventRecord>('events', 'participants.actor', (e) => e.participants.map((p) => p.actor), actors);
  check<EventRecord>('events', 'citations.source', (e) => e.citations.map((c) => c.source), sources);
  check<EventRecord>('events', 'relations.event', (e) => e.relations.map((r) => r.event), events);
  const targets = { EVENT: events, ACTOR: actors, SOURCE: sources };
  (set.redirects ?? []).forEach((r, index) => {
    if (!targets[r.kind].has(r.target)) problems.push(`${locate('redirects', index)}, field target: unknown slug "${r.target}"`);
  });
  return problems;
}
