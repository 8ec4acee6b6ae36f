// An event as Chronicle had it at a past moment of record time (`asOf`), served from its revision
// history: each field changed since then is what the earliest later revision says it was before;
// every other field is as it is now. The participants and citations of then name the actors and
// sources as they are now (renamed or merged ones followed to the record they are now).
import { cleanEmbedHtml, cleanHtml } from '../lib/rich-text.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { TermScheme } from '../generated/prisma/enums.js';
import { eventTimeOf } from '../dates/event-time.js';
import { RECORD_KIND } from '../records/slug-redirects.js';

type Row = Record<string, unknown> & { id: string };

/** What plugin-prisma asks of an event: a select, or an include. */
interface Selection {
  select?: Record<string, unknown>;
  include?: Record<string, unknown>;
}

/** A record's fields at `at`, where they differ from now: each changed field's value then. */
interface PastState {
  existed: boolean;
  fields: Map<string, unknown>;
}

/** The past state of each record of `ids` changed after `at`; records unchanged since are left out. */
async function pastStates(db: PrismaClient, ids: string[], at: Date): Promise<Map<string, PastState>> {
  const later = await db.revision.findMany({
    where: { recordKind: RECORD_KIND.event, recordId: { in: ids }, change: { at: { gt: at } } },
    orderBy: [{ recordId: 'asc' }, { number: 'asc' }],
    select: { recordId: true, action: true, fields: true },
  });
  const states = new Map<string, PastState>();
  for (const { recordId, action, fields } of later) {
    let state = states.get(recordId);
    if (!state) {
      state = { existed: action !== 'CREATED', fields: new Map() };
      states.set(recordId, state);
    }
    for (const [field, change] of Object.entries(fields as Record<string, { before: unknown }>)) {
      if (!state.fields.has(field)) state.fields.set(field, change.before);
    }
  }
  return states;
}

/** Each record's last revision by `at`: its number and record time, its revision and updatedAt then. */
async function revisionsThen(db: PrismaClient, ids: string[], at: Date): Promise<Map<string, { number: number; at: Date }>> {
  const rows = await db.revision.findMany({
    where: { recordKind: RECORD_KIND.event, recordId: { in: ids }, change: { at: { lte: at } } },
    orderBy: [{ recordId: 'asc' }, { number: 'desc' }],
    distinct: ['recordId'],
    select: { recordId: true, number: true, change: { select: { at: true } } },
  });
  return new Map(rows.map((r) => [r.recordId, { number: r.number, at: r.change.at }]));
}

/** The nested arguments plugin-prisma gives for a relation of the selection, or undefined if it is not selected. */
function relationArgs(selection: Selection, relation: string): (Selection & Record<string, unknown>) | undefined {
  const given = selection.select?.[relation] ?? selection.include?.[relation];
  if (!given) return undefined;
  return given === true ? {} : (given as Selection & Record<string, unknown>);
}

/** `args` with `fields` selected too, when it selects fields at all. */
function withFields(args: Selection, fields: string[]): Selection {
  return args.select ? { ...args, select: { ...args.select, ...Object.fromEntries(fields.map((f) => [f, true])) } } : args;
}

/**
 * Rows of a model by the slugs they had, following a slug renamed or merged away to its record
 * now (places are never renamed).
 */
async function rowsBySlug(db: PrismaClient, model: 'actor' | 'source' | 'place', slugs: string[], args: Selection): Promise<Map<string, Row>> {
  if (slugs.length === 0) return new Map();
  const delegate = { actor: db.actor, source: db.source, place: db.place }[model] as unknown as { findMany(args: object): Promise<Row[]> };
  const find = (where: Prisma.ActorWhereInput & Prisma.SourceWhereInput) => delegate.findMany({ ...args, where });
  const live = await find({ slug: { in: slugs } });
  const found = new Map(live.map((row) => [row.slug as string, row]));
  const missing = slugs.filter((slug) => !found.has(slug));
  if (missing.length && model !== 'place') {
    const redirects = await db.slugRedirect.findMany({ where: { kind: RECORD_KIND[model], slug: { in: missing } }, select: { slug: true, targetId: true } });
    const targets = new Map((await find({ id: { in: redirects.map((r) => r.targetId) } })).map((row) => [row.id, row]));
    for (const { slug, targetId } of redirects) if (targets.has(targetId)) found.set(slug, targets.get(targetId)!);
  }
  return found;
}

const compareText = (a: unknown, b: unknown) => String(a ?? '').localeCompare(String(b ?? ''));

type PastParticipant = { actor: string; role: string };
type PastCitation = Record<string, unknown> & { source: string };

/** Terms of a scheme by slug, read with the selection's arguments for them (undefined: not selected). */
async function termsBySlug(db: PrismaClient, scheme: TermScheme, slugs: string[], args: Selection | undefined): Promise<Map<string, Record<string, unknown>>> {
  if (!args || slugs.length === 0) return new Map();
  const rows = (await db.term.findMany({ ...withFields(args, ['slug']), where: { scheme, slug: { in: [...new Set(slugs)] } } } as never)) as Record<
    string,
    unknown
  >[];
  return new Map(rows.map((row) => [row.slug as string, row]));
}

/** The participants of then, as plugin-prisma would have read them: ordered as PARTICIPANT_ORDER. */
function participantsOf(event: Row, given: PastParticipant[], actors: Map<string, Row>, roles: Map<string, Record<string, unknown>>): Row[] {
  return given
    .filter((p) => actors.has(p.actor))
    .map((p) => {
      const actor = actors.get(p.actor)!;
      return {
        id: `${event.id}:${actor.id}:${p.role}`,
        eventId: event.id,
        actorId: actor.id,
        role: p.role,
        createdAt: null,
        actor,
        roleType: roles.get(p.role),
      };
    })
    .sort((a, b) => compareText(a.role, b.role) || compareText(a.actor.name, b.actor.name) || compareText(a.actor.slug, b.actor.slug));
}

/** The citations of then, as plugin-prisma would have read them: ordered as CITATION_ORDER. */
function citationsOf(event: Row, given: PastCitation[], sources: Map<string, Row>): Row[] {
  const onRecord = (row: Row) => (row.source as Row).onRecordAt as bigint | null;
  return given
    .filter((c) => sources.has(c.source))
    .map((c) => {
      const source = sources.get(c.source)!;
      const own = { stance: 'SUPPORTS', quote: null, attribution: null, confidence: null, note: null, ...c };
      return { ...own, id: `${event.id}:${source.id}`, eventId: event.id, sourceId: source.id, createdAt: null, updatedAt: null, source };
    })
    .sort((a, b) => {
      const [x, y] = [onRecord(a), onRecord(b)];
      if (x !== y) return x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
      return compareText(a.source.slug, b.source.slug);
    });
}

/**
 * Events as they were at `at`, from rows read now with plugin-prisma's `selection`: null for one
 * created later, otherwise the row with its fields of then (its revision and updatedAt those of
 * its revision then). Four statements for any number of rows.
 */
export async function eventsAsOf<T extends Row>(db: PrismaClient, rows: T[], selection: Selection, at: Date): Promise<(T | null)[]> {
  const ids = rows.map((r) => r.id);
  const [states, then] = await Promise.all([pastStates(db, ids, at), revisionsThen(db, ids, at)]);
  const participantArgs = relationArgs(selection, 'participants');
  const citationArgs = relationArgs(selection, 'citations');
  const listed = <V>(field: string) => [...states.values()].flatMap((s) => (s.fields.get(field) ?? []) as V[]);
  const locationArgs = relationArgs(selection, 'location');
  const [actors, sources, types, roles, places] = await Promise.all([
    participantArgs
      ? rowsBySlug(
          db,
          'actor',
          listed<PastParticipant>('participants').map((p) => p.actor),
          withFields(relationArgs(participantArgs, 'actor') ?? {}, ['id', 'slug', 'name']),
        )
      : new Map<string, Row>(),
    citationArgs
      ? rowsBySlug(
          db,
          'source',
          listed<PastCitation>('citations').map((c) => c.source),
          withFields(relationArgs(citationArgs, 'source') ?? {}, ['id', 'slug', 'onRecordAt']),
        )
      : new Map<string, Row>(),
    // The terms of the types and roles of then, as the selection reads terms.
    termsBySlug(
      db,
      'EVENT_TYPE',
      [...states.values()].flatMap((s) => (s.fields.has('kind') ? [String(s.fields.get('kind'))] : [])),
      relationArgs(selection, 'type'),
    ),
    termsBySlug(
      db,
      'ROLE_TYPE',
      listed<PastParticipant>('participants').map((p) => p.role),
      participantArgs && relationArgs(participantArgs, 'roleType'),
    ),
    // The places of then, by the slugs revisions keep, read as the selection reads a location.
    rowsBySlug(
      db,
      'place',
      [...states.values()].flatMap((s) => (s.fields.get('location') ? [String(s.fields.get('location'))] : [])),
      withFields(locationArgs ?? {}, ['id', 'slug']),
    ),
  ]);
  // A record older than the revision history has none: its record time says whether it was there.
  const unrecorded = ids.filter((id) => !states.has(id) && !then.has(id));
  const bornLater = new Set(
    unrecorded.length ? (await db.event.findMany({ where: { id: { in: unrecorded }, createdAt: { gt: at } }, select: { id: true } })).map((r) => r.id) : [],
  );
  return rows.map((row) => {
    const state = states.get(row.id);
    if ((state && !state.existed) || bornLater.has(row.id)) return null;
    const last = then.get(row.id);
    const past: Row = last ? { ...row, revision: last.number, updatedAt: last.at } : { ...row };
    for (const [field, before] of state?.fields ?? []) {
      if (field === 'participants') past.participants = participantsOf(row, before as PastParticipant[], actors, roles);
      else if (field === 'kind') Object.assign(past, { kind: before, type: types.get(String(before)) ?? past.type });
      else if (field === 'citations') past.citations = citationsOf(row, before as PastCitation[], sources);
      else if (field === 'retiredAt') past.retiredAt = typeof before === 'string' ? new Date(before) : null;
      else if (field === 'location') {
        const place = before ? (places.get(String(before)) ?? null) : null;
        Object.assign(past, { locationId: place?.id ?? null }, locationArgs ? { location: place } : {});
      } else if (field === 'summaryHtml' || field === 'media') past[field] = cleanedThen(field, before);
      else if (field !== 'relations') past[field] = before;
    }
    if (state?.fields.has('date')) Object.assign(past, pickKnown(row, eventTimeOf(String(past.date))));
    return past as T;
  });
}

/**
 * HTML of then, cleaned as it is when written: a revision restored from a dump was never checked,
 * and summaryHtml and a medium's html are given to pages as safe.
 */
function cleanedThen(field: 'summaryHtml' | 'media', before: unknown): unknown {
  if (field === 'summaryHtml') return typeof before === 'string' ? cleanHtml(before) : null;
  return Array.isArray(before) ? before.map((m: Record<string, unknown>) => (typeof m.html === 'string' ? { ...m, html: cleanEmbedHtml(m.html) } : m)) : [];
}

/** The derived columns the row has (those its selection read), from a date's instants. */
function pickKnown(row: Row, values: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => key in row && key !== 'date'));
}
