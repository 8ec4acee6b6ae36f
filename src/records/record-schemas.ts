// The records Chronicle is made of, as seed files, dumps and rich imports give them: actors with
// their aliases, external ids and affiliations; sources with reliability, notes and what they are
// based on; events with participants, citations and links to other events. One validation for all
// of them (docs/records.md describes every field); src/records/record-writer.ts writes them.
import { z } from 'zod';
import {
  ActorKind,
  ChangeVia,
  Confidence,
  EventRelationKind,
  EventStatus,
  RecordKind,
  Reliability,
  RevisionAction,
  Stance,
  TermScheme,
} from '../generated/prisma/enums.js';
import { edtfSchema, instantSchema, joinedDate, safeString, slugSchema, textSchema, webUrlSchema } from '../lib/schemas.js';
import { SCHEME_NOUN, termKey, termSlugSchema } from '../vocabulary/terms.js';
import { mediaSchema } from '../events/media.js';
import { presentationSchema } from '../events/presentation.js';
import { resolvedSummary, type ResolvedSummary, type StoredSummary } from '../events/summary.js';
import { languageSchema, translationsSchema } from '../events/translations.js';
import type { TimelineRecord } from '../timelines/timeline-record.js';
import type { PlaceRecord } from '../places/place-record.js';

const slug = slugSchema;
const edtf = edtfSchema;
const text = textSchema;
/** Record time, which dumps carry so that a copy is exact; absent in hand-written files. */
const instant = instantSchema;
const created = { createdAt: instant };
const stamped = { createdAt: instant, updatedAt: instant };
/**
 * How many times the record was written, which dumps carry with its history (1 when absent), and
 * when it was retired: a dump keeps both; an import creates a record with them and never changes
 * them on one that exists (retiring is its own change).
 */
const revision = { revision: z.int().min(1).optional(), retiredAt: instant };

export const actorRecord = z.strictObject({
  slug,
  name: text,
  kind: z.enum(ActorKind),
  description: text.optional(),
  aliases: z.array(text).default([]),
  externalIds: z.record(safeString(), safeString()).default({}),
  affiliations: z.array(z.strictObject({ organisation: slug, role: text, start: edtf.optional(), end: edtf.optional(), ...stamped })).default([]),
  ...stamped,
  ...revision,
});

export const sourceRecord = z.strictObject({
  slug,
  /** A source type's slug (the old enum's SOURCE_KIND form is taken too). */
  kind: termSlugSchema,
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
  ...revision,
});

export const eventRecord = z
  .strictObject({
    slug,
    title: text,
    summary: text.optional(),
    /** The summary as HTML (links, emphasis): cleaned by an allow-list; `summary` becomes its text. */
    summaryHtml: safeString().optional(),
    /** The language of its title and summary: "en", "fr-CA". */
    language: languageSchema.optional(),
    /** Its title and summary in other languages: { fr: { title, summary } }. */
    translations: translationsSchema.default({}),
    /** An event type's slug (the old enum's PHONE_CALL form is taken too). */
    kind: termSlugSchema,
    status: z.enum(EventStatus),
    date: edtf,
    /** Older seed files gave the end apart; it joins `date` as one EDTF interval. */
    end: edtf.optional(),
    place: text.optional(),
    /** Where it happened on the map: a place's slug. */
    location: slug.optional(),
    tags: z.array(slug).default([]),
    media: mediaSchema.default([]),
    presentation: presentationSchema.default({}),
    // None yet is allowed: an event list may name no actors (a TimelineJS slide, a spreadsheet
    // without actor columns), and a dump of what it imported must read back.
    participants: z.array(z.strictObject({ actor: slug, role: termSlugSchema, ...created })).default([]),
    /** No source is known yet: the one kind of event without a citation (unsourcedRule). */
    unsourced: z.boolean().default(false),
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
      .default([]),
    relations: z.array(z.strictObject({ kind: z.enum(EventRelationKind), event: slug, ...created })).default([]),
    ...stamped,
    ...revision,
  })
  .superRefine((event, ctx) => {
    const problem = unsourcedRule(event.unsourced, event.citations.length);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  })
  .transform(({ end, ...event }, ctx) => ({
    ...event,
    ...summaryOrIssue(resolvedSummary(event.summary, event.summaryHtml), ctx),
    date: joinedDate(event.date, end, 'end', ctx),
  }));

/** A resolved summary, or an issue on summaryHtml saying the two disagree. */
export function summaryOrIssue(resolved: ResolvedSummary, ctx: z.RefinementCtx): StoredSummary {
  if (!('problem' in resolved)) return resolved;
  ctx.addIssue({ code: 'custom', path: ['summaryHtml'], message: resolved.problem });
  return { summary: undefined, summaryHtml: undefined };
}

/** A term of a vocabulary (src/vocabulary/terms.ts): dumps carry them all, a file its own new ones. */
export const termRecord = z.strictObject({
  scheme: z.enum(TermScheme),
  slug,
  label: text,
  description: text.optional(),
  /** The broader term's slug, in the same scheme. */
  parent: slug.optional(),
  ...stamped,
});

/**
 * Every event cites at least one source, unless it is marked unsourced (no source known yet); an
 * event that cites one is not unsourced. The problem, if the two disagree.
 */
export function unsourcedRule(unsourced: boolean, citations: number): { field: 'citations' | 'unsourced'; message: string } | undefined {
  if (!unsourced && citations === 0) {
    return { field: 'citations', message: 'an event needs at least one citation; if no source is known yet, mark it unsourced: true' };
  }
  if (unsourced && citations > 0) return { field: 'unsourced', message: 'an event that cites a source is not unsourced: remove the mark, or the citations' };
  return undefined;
}

/**
 * An old slug of a renamed record (src/records/slug-redirects.ts), or of one merged into the target
 * (`mergedFrom`, src/records/merge.ts), as dumps carry them.
 */
export const redirectRecord = z.strictObject({ kind: z.enum(['EVENT', 'ACTOR', 'SOURCE']), slug, target: slug, mergedFrom: slug.optional(), ...created });

/** A change of the revision history, as dumps carry it: kept with its id, which its revisions name. */
export const changeRecord = z.strictObject({
  id: z.uuid(),
  via: z.enum(ChangeVia),
  by: text,
  note: text.optional(),
  at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant such as 2017-06-04T12:00:00.000Z' }),
});

/** What a change did to one record, named by its kind and slug. */
export const revisionRecord = z.strictObject({
  id: z.uuid(),
  change: z.uuid(),
  kind: z.enum(RecordKind),
  record: slug,
  number: z.int().min(1),
  action: z.enum(RevisionAction),
  fields: z.record(z.string(), z.strictObject({ before: z.unknown(), after: z.unknown() })).default({}),
});

export type ChangeRecord = z.infer<typeof changeRecord>;
export type RevisionRecord = z.infer<typeof revisionRecord>;
export type ActorRecord = z.infer<typeof actorRecord>;
export type RedirectRecord = z.infer<typeof redirectRecord>;
export type SourceRecord = z.infer<typeof sourceRecord>;
export type EventRecord = z.infer<typeof eventRecord>;
export type TermRecord = z.infer<typeof termRecord>;

export interface RecordSet {
  actors: ActorRecord[];
  sources: SourceRecord[];
  events: EventRecord[];
  /** Terms to add or change, written before the records that use them. */
  terms?: TermRecord[];
  redirects?: RedirectRecord[];
  /** The revision history (a dump's): restored only into a database that holds no records yet. */
  changes?: ChangeRecord[];
  revisions?: RevisionRecord[];
  /** Timelines (a TimelineJS file's, a dump's), written after the events they hold. */
  timelines?: TimelineRecord[];
  /** Places, written before the events that point to them. */
  places?: PlaceRecord[];
}

/** The slugs a set's records name, by the kind of record each names; terms by termKey. */
export function namedSlugs(set: RecordSet): { actors: string[]; sources: string[]; events: string[]; terms: string[]; places: string[] } {
  return {
    terms: [
      ...set.sources.map((s) => termKey('SOURCE_TYPE', s.kind)),
      ...set.events.flatMap((e) => [termKey('EVENT_TYPE', e.kind), ...e.participants.map((p) => termKey('ROLE_TYPE', p.role))]),
      ...(set.terms ?? []).flatMap((t) => (t.parent ? [termKey(t.scheme, t.parent)] : [])),
    ],
    actors: [
      ...set.actors.flatMap((a) => a.affiliations.map((f) => f.organisation)),
      ...set.sources.flatMap((s) => (s.publisher ? [s.publisher] : [])),
      ...set.events.flatMap((e) => e.participants.map((p) => p.actor)),
    ],
    sources: [...set.sources.flatMap((s) => s.basedOn), ...set.events.flatMap((e) => e.citations.map((c) => c.source))],
    events: [...set.events.flatMap((e) => e.relations.map((r) => r.event)), ...(set.timelines ?? []).flatMap((t) => t.events)],
    places: set.events.flatMap((e) => (e.location ? [e.location] : [])),
  };
}

/** Where a record came from, for messages: "actors.yaml: record 3 (justin-trudeau)", "dump.ndjson: line 12". */
export type Locate = (kind: keyof RecordSet, index: number) => string;

/** A reference a record makes that the set and the database cannot answer, or a slug given twice. */
export interface ReferenceIssue {
  kind: keyof RecordSet;
  index: number;
  field: string;
  message: string;
}

/**
 * Every slug a record names must be in the set (or, with `existing`, in the database already),
 * and each record appear once.
 */
export function referenceIssues(
  set: RecordSet,
  existing: { actors?: Set<string>; sources?: Set<string>; events?: Set<string>; terms?: Set<string>; places?: Set<string> } = {},
): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  const known = (kind: 'actors' | 'sources' | 'events') => {
    const inSet = new Set<string>();
    set[kind].forEach((record, index) => {
      if (inSet.has(record.slug)) issues.push({ kind, index, field: 'slug', message: `duplicate slug "${record.slug}"` });
      inSet.add(record.slug);
    });
    return new Set([...inSet, ...(existing[kind] ?? [])]);
  };
  const actors = known('actors');
  const sources = known('sources');
  const events = known('events');
  const check = <R extends { slug: string }>(kind: keyof RecordSet, field: string, refs: (record: R) => string[], slugs: Set<string>) => {
    (set[kind] as unknown as R[]).forEach((record, index) => {
      for (const ref of refs(record)) if (!slugs.has(ref)) issues.push({ kind, index, field, message: `unknown slug "${ref}"` });
    });
  };
  check<ActorRecord>('actors', 'affiliations.organisation', (a) => a.affiliations.map((x) => x.organisation), actors);
  check<SourceRecord>('sources', 'publisher', (s) => (s.publisher ? [s.publisher] : []), actors);
  check<SourceRecord>('sources', 'basedOn', (s) => s.basedOn, sources);
  check<EventRecord>('events', 'participants.actor', (e) => e.participants.map((p) => p.actor), actors);
  check<EventRecord>('events', 'citations.source', (e) => e.citations.map((c) => c.source), sources);
  check<EventRecord>('events', 'relations.event', (e) => e.relations.map((r) => r.event), events);
  if (set.timelines) check<TimelineRecord>('timelines', 'events', (t) => t.events, events);
  const places = new Set([...(set.places ?? []).map((p) => p.slug), ...(existing.places ?? [])]);
  check<EventRecord>('events', 'location', (e) => (e.location ? [e.location] : []), places);
  // Terms, when the database's are given: the set's own, and those it holds.
  if (existing.terms) {
    const terms = new Set([...existing.terms, ...(set.terms ?? []).map((t) => termKey(t.scheme, t.slug))]);
    const term = (kind: keyof RecordSet, index: number, field: string, scheme: TermScheme, slug: string) => {
      if (!terms.has(termKey(scheme, slug))) {
        issues.push({ kind, index, field, message: `no ${SCHEME_NOUN[scheme]} has the slug "${slug}" (\`chronicle terms list\` names them)` });
      }
    };
    for (const [index, s] of set.sources.entries()) term('sources', index, 'kind', 'SOURCE_TYPE', s.kind);
    for (const [index, e] of set.events.entries()) {
      term('events', index, 'kind', 'EVENT_TYPE', e.kind);
      for (const p of e.participants) term('events', index, 'participants.role', 'ROLE_TYPE', p.role);
    }
    for (const [index, t] of (set.terms ?? []).entries()) if (t.parent) term('terms', index, 'parent', t.scheme, t.parent);
  }
  const targets = {
    EVENT: events,
    ACTOR: actors,
    SOURCE: sources,
    PLACE: new Set((set.places ?? []).map((p) => p.slug)),
    TIMELINE: new Set((set.timelines ?? []).map((t) => t.slug)),
  };
  (set.redirects ?? []).forEach((r, index) => {
    if (!targets[r.kind].has(r.target)) issues.push({ kind: 'redirects', index, field: 'target', message: `unknown slug "${r.target}"` });
    if (r.mergedFrom && !targets[r.kind].has(r.mergedFrom))
      issues.push({ kind: 'redirects', index, field: 'mergedFrom', message: `unknown slug "${r.mergedFrom}"` });
  });
  const changes = new Set((set.changes ?? []).map((c) => c.id));
  (set.revisions ?? []).forEach((r, index) => {
    if (!targets[r.kind].has(r.record)) issues.push({ kind: 'revisions', index, field: 'record', message: `unknown slug "${r.record}"` });
    if (!changes.has(r.change)) issues.push({ kind: 'revisions', index, field: 'change', message: `no change line has the id ${r.change}` });
  });
  return issues;
}

/** The reference issues as lines, each located and with the field named. */
export function referenceProblems(set: RecordSet, locate: Locate, existing: Parameters<typeof referenceIssues>[1] = {}): string[] {
  return referenceIssues(set, existing).map((i) => `${locate(i.kind, i.index)}, field ${i.field}: ${i.message}`);
}
