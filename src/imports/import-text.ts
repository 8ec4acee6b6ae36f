// One entry for every import of a file's text, from the CLI or over HTTP: typed records (a
// Chronicle dump, or actors, sources and events in the seed's shapes, as NDJSON or JSON), or an
// event list (CSV, NDJSON, JSON as `chronicle export` writes it). All are written by the one record
// writer, in one transaction that keeps nothing if a record fails its checks, with the same report.
import { createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { canonicalJson, uniqueBy } from '../lib/compare.js';
import type { Place } from '../generated/prisma/client.js';
import type { PlaceRecord } from '../places/place-record.js';
import { readAhead } from '../lib/read-ahead.js';
import { holdsTypedRecords, readTypedRecords } from '../records/dump.js';
import { currentSlugs, type RecordModel } from '../records/slug-redirects.js';
import type { ImportEvent } from './import-record.js';
import type { EventRecord } from '../records/record-schemas.js';
import { writeRecords, type RecordBatch, type WriteReport } from '../records/record-writer.js';
import { readEventList, type EventListBatch } from './read-event-list.js';
import type { ColumnMap } from './read-import-file.js';
import { textSource, withRecords, type RecordSource } from './record-source.js';
import { allTermKeys, existingTerms, termKey } from '../vocabulary/terms.js';
import { issueMessage, issuePath } from '../lib/schemas.js';
import { timelineRecord, timelineRecordOf, type TimelineRecord } from '../timelines/timeline-record.js';
import { ImportFileError, ImportValidationError, MAX_REPORTED_ERRORS } from './import-problems.js';
import { nativeFileOf, type NativeFile, type StoredFields } from './native-files.js';
import { resolvedSummary, type StoredSummary } from '../events/summary.js';
import { UNDETERMINED } from '../events/translations.js';

/** `warnings`: what the file says that Chronicle took in its own way (another spelling kept as an alias). */
export type ImportReport = WriteReport;

const unique = (values: string[]) => [...new Set(values)];
const defined = <T>(value: T | null | undefined) => value ?? undefined;

/**
 * Slugs a file gives that are another record's now (renamed, or merged into it), by model, found
 * batch by batch and kept for the batches after: the file's rows are taken as naming that record,
 * as every lookup by slug does, rather than bring back a record merged away.
 */
interface FollowedSlugs {
  followed: Record<RecordModel, Map<string, string>>;
  /** Where the import's warnings go, and the file's name for them. */
  warnings: string[];
  file: string;
  /** How another tool's file meets what an editor made of its events since (native-files.ts). */
  merge?: NativeFile['merge'];
  /** The language the file's words are in (import --lang): events stored in another take them as a translation. */
  language?: string | undefined;
  /**
   * Each place's fingerprint as the file last gave it, by slug, across batches (null once warned
   * of): a place given two ways rows apart is said, whichever batches the rows fell in.
   */
  places: Map<string, string | null>;
}

/** The slugs of `slugs` that redirect, added to those followed, each with a warning; returns how many. */
async function follow(client: Prisma.TransactionClient, model: RecordModel, slugs: string[], redirects: FollowedSlugs): Promise<number> {
  const found = await currentSlugs(client, model, slugs);
  for (const [old, now] of found) {
    redirects.followed[model].set(old, now);
    redirects.warnings.push(
      `${redirects.file}: ${model} "${old}" is "${now}" now (renamed, or merged into it); the rows naming "${old}" were taken as naming "${now}"`,
    );
  }
  return found.size;
}

/**
 * A batch of an event list as records to write. An event list names actors and sources only by
 * what an export carries (slug, name, kind...): what it does not carry (an actor's aliases and
 * affiliations, a source's reliability and basis, an event's links, media and presentation an older export lacks) is kept as the database has it.
 * An actor or source under a slug that redirects is kept as stored, and its mentions follow.
 */
async function recordsOf(client: Prisma.TransactionClient, batch: EventListBatch, marked: MarkedUnsourced, redirects: FollowedSlugs): Promise<RecordBatch> {
  const { followed, language } = redirects;
  const where = (slugs: string[]) => ({ slug: { in: slugs } });
  const bySlug = <R extends { slug: string }>(rows: R[]) => new Map(rows.map((r) => [r.slug, r]));
  const readEvents = (slugs: string[]) => client.event.findMany({ where: where(slugs), select: STORED_EVENT }).then(bySlug);
  const givenPlaces = batch.events.flatMap((e) => (e.location ? [e.location] : []));
  const [actors, sources, events, places] = await Promise.all([
    client.actor
      .findMany({ where: where(batch.actors.map((a) => a.slug)), include: { affiliations: { include: { organisation: { select: { slug: true } } } } } })
      .then(bySlug),
    client.source.findMany({ where: where(batch.sources.map((s) => s.slug)), include: { basedOn: { select: { slug: true } } } }).then(bySlug),
    readEvents(batch.events.map((e) => e.slug)),
    client.place.findMany({ where: where(givenPlaces.map((p) => p.slug)) }).then(bySlug),
  ]);
  const unknown = (records: { slug: string }[], stored: Map<string, unknown>) => records.filter((r) => !stored.has(r.slug)).map((r) => r.slug);
  await follow(client, 'actor', unknown(batch.actors, actors), redirects);
  await follow(client, 'source', unknown(batch.sources, sources), redirects);
  if (await follow(client, 'event', unknown(batch.events, events), redirects)) {
    for (const [slug, stored] of await readEvents(batch.events.flatMap((e) => followed.event.get(e.slug) ?? []))) events.set(slug, stored);
  }
  const slugOf = (model: RecordModel, slug: string) => followed[model].get(slug) ?? slug;
  // Rows giving a stored event's words in another language (--lang) are its translation (translatedBy):
  // what they say of stored actors, sources and places is in that language too, and leaves them as
  // they are, unless a row of the file's own events names them as well.
  const translating = (e: ImportEvent) => {
    const stored = events.get(slugOf('event', e.slug));
    return Boolean(language && stored?.language && stored.language !== language);
  };
  const own = batch.events.filter((e) => !translating(e));
  const named = {
    actors: new Set(
      own.flatMap((e) => [...e.participants.map((p) => p.actor.slug), ...e.citations.flatMap((c) => (c.source.publisher ? [c.source.publisher.slug] : []))]),
    ),
    sources: new Set(own.flatMap((e) => e.citations.map((c) => c.source.slug))),
    places: new Set(own.flatMap((e) => (e.location ? [e.location.slug] : []))),
  };
  const kept = (stored: Map<string, unknown>, names: Set<string>) => (r: { slug: string }) => !language || !stored.has(r.slug) || names.has(r.slug);
  return {
    places: placesOf(givenPlaces.filter(kept(places, named.places)), places, redirects),
    actors: batch.actors
      .filter((a) => !followed.actor.has(a.slug))
      .filter(kept(actors, named.actors))
      .map((a) => {
        const had = actors.get(a.slug);
        return {
          slug: a.slug,
          name: a.name,
          kind: a.kind,
          description: defined(had?.description),
          aliases: unique([...(had?.aliases ?? []), ...a.aliases]).filter((alias) => alias !== a.name),
          externalIds: { ...((had?.externalIds ?? {}) as Record<string, string>), ...a.externalIds },
          affiliations: (had?.affiliations ?? []).map((f) => ({
            organisation: f.organisation.slug,
            role: f.role,
            start: defined(f.startEdtf),
            end: defined(f.endEdtf),
          })),
        };
      }),
    sources: batch.sources
      .filter((s) => !followed.source.has(s.slug))
      .filter(kept(sources, named.sources))
      .map((s) => {
        const had = sources.get(s.slug);
        return {
          slug: s.slug,
          kind: s.kind,
          title: s.title,
          author: defined(s.author),
          url: defined(s.url),
          published: defined(s.published),
          retrieved: defined(s.retrieved ?? had?.retrievedEdtf),
          publisher: s.publisher ? slugOf('actor', s.publisher.slug) : undefined,
          reliability: had?.reliability ?? 'F',
          basedOn: (had?.basedOn ?? []).map((b) => b.slug),
          notes: defined(had?.notes),
        };
      }),
    events: batch.events.map((e) => {
      const slug = slugOf('event', e.slug);
      const stored = events.get(slug);
      if (stored && translating(e)) return translatedBy(stored, e, language!, redirects.file);
      const record: EventRecord = {
        slug,
        title: e.title,
        ...summaryOf(e, stored, redirects.file),
        language: e.language === undefined ? (defined(stored?.language) ?? language) : defined(e.language),
        translations: e.translations ?? ((stored?.translations ?? {}) as EventRecord['translations']),
        kind: e.kind,
        status: e.status,
        date: e.date,
        place: defined(e.place),
        location: e.location === undefined ? stored?.location?.slug : (e.location?.slug ?? undefined),
        tags: e.tags,
        media: e.media ?? ((stored?.media ?? []) as EventRecord['media']),
        presentation: e.presentation ?? ((stored?.presentation ?? {}) as EventRecord['presentation']),
        unsourced: unsourcedMark(e, stored, marked),
        participants: uniqueBy(
          e.participants.map((p) => ({ actor: slugOf('actor', p.actor.slug), role: p.role })),
          (p) => `${p.actor} ${p.role}`,
        ),
        citations: uniqueBy(
          e.citations.map((c) => ({
            source: slugOf('source', c.source.slug),
            stance: c.stance,
            quote: defined(c.quote),
            attribution: defined(c.attribution),
            confidence: defined(c.confidence),
            note: defined(c.note),
          })),
          (c) => c.source,
        ),
        relations: (stored?.relationsFrom ?? []).map((r) => ({ kind: r.kind, event: r.to.slug })),
      };
      // Read in another language and written back: its own words are its own again.
      const own = stored ? ownLanguageAgain(record, stored) : record;
      return stored && redirects.merge ? redirects.merge(own, storedRecord(stored)) : own;
    }),
  };
}

/**
 * The places an event list gives, each once: what a row leaves out (coordinates, ids, country) is
 * kept as stored, as an actor's affiliations are; a place given twice saying different things is
 * taken as last given, with a warning naming it.
 */
function placesOf(given: PlaceRecord[], stored: Map<string, Place>, redirects: FollowedSlugs): PlaceRecord[] {
  const bySlug = new Map<string, PlaceRecord>();
  for (const place of given) {
    // 96 bits of a hash: a file's hundreds of thousands of places stay a few MB in memory.
    const print = createHash('sha256').update(canonicalJson(place)).digest('base64url').slice(0, 16);
    const seen = redirects.places.get(place.slug);
    if (seen === null) {
      // Warned of already.
    } else if (seen !== undefined && seen !== print) {
      redirects.warnings.push(`${redirects.file}: place "${place.slug}" is given with different fields in different rows; the last was kept`);
      redirects.places.set(place.slug, null);
    } else redirects.places.set(place.slug, print);
    bySlug.set(place.slug, place);
  }
  return [...bySlug.values()].map((place) => {
    const was = stored.get(place.slug);
    if (!was) return place;
    return {
      ...place,
      kind: place.kind ?? was.kind ?? undefined,
      country: place.country ?? was.country ?? undefined,
      ...(place.latitude === undefined && was.latitude !== null && was.longitude !== null ? { latitude: was.latitude, longitude: was.longitude } : {}),
      externalIds: { ...(was.externalIds as Record<string, string>), ...place.externalIds },
    };
  });
}

/** What an event list's import reads of the events it names. */
const STORED_EVENT = {
  slug: true,
  title: true,
  summary: true,
  summaryHtml: true,
  language: true,
  translations: true,
  kind: true,
  status: true,
  date: true,
  place: true,
  tags: true,
  unsourced: true,
  media: true,
  presentation: true,
  location: { select: { slug: true } },
  relationsFrom: { select: { kind: true, to: { select: { slug: true } } } },
} satisfies Prisma.EventSelect;

type StoredListEvent = Prisma.EventGetPayload<{ select: typeof STORED_EVENT }>;

/** The stored event's own fields, as a record gives them, for a reader's merge. */
function storedRecord(e: StoredListEvent): StoredFields {
  return {
    kind: e.kind,
    status: e.status,
    date: e.date,
    place: e.place ?? undefined,
    tags: e.tags,
    media: e.media as EventRecord['media'],
    presentation: e.presentation as EventRecord['presentation'],
  };
}

/** The summary an event list gives, resolved against the stored one (events/summary.ts); a disagreement is the file's problem. */
function summaryOf(e: ImportEvent, stored: StoredListEvent | undefined, file: string): StoredSummary {
  const resolved = resolvedSummary(e.summary, e.summaryHtml, stored);
  if ('problem' in resolved) throw new ImportValidationError([`${file}: event "${e.slug}", field summaryHtml: ${resolved.problem}`], 1);
  return resolved;
}

/**
 * A stored event as it is, with a file's title and summary for it as its translation into the
 * file's language: a translation adds words; what the event is, and its own words, stay.
 * Participants and citations left out are kept (event lists add to them).
 */
function translatedBy(stored: StoredListEvent, e: ImportEvent, language: string, file: string): EventRecord {
  const words = resolvedSummary(e.summary, e.summaryHtml);
  if ('problem' in words) throw new ImportValidationError([`${file}: event "${e.slug}", field summaryHtml: ${words.problem}`], 1);
  const { [stored.language ?? UNDETERMINED]: _own, ...brought } = e.translations ?? {};
  return {
    slug: stored.slug,
    title: stored.title,
    summary: defined(stored.summary),
    summaryHtml: defined(stored.summaryHtml),
    language: defined(stored.language),
    translations: { ...(stored.translations as EventRecord['translations']), ...brought, [language]: { title: e.title, ...words } },
    ...storedRecord(stored),
    location: stored.location?.slug,
    unsourced: stored.unsourced,
    participants: [],
    citations: [],
    relations: stored.relationsFrom.map((r) => ({ kind: r.kind, event: r.to.slug })),
  };
}

/**
 * An event read in another language (an export with lang=) and imported back: when its
 * translations hold the stored words under the stored language, those are its own again, and
 * what it was read in a translation, so that importing what was exported changes nothing.
 */
function ownLanguageAgain(record: EventRecord, stored: StoredListEvent): EventRecord {
  const ownTag = stored.language ?? UNDETERMINED;
  const own = record.translations[ownTag];
  if (!own || record.language === stored.language || own.title !== stored.title) return record;
  const { [ownTag]: _, ...others } = record.translations;
  return {
    ...record,
    title: stored.title,
    summary: stored.summary ?? undefined,
    summaryHtml: stored.summaryHtml ?? undefined,
    language: stored.language ?? undefined,
    translations: {
      ...others,
      ...(record.language
        ? {
            [record.language]: {
              title: record.title,
              ...(record.summary ? { summary: record.summary } : {}),
              ...(record.summaryHtml ? { summaryHtml: record.summaryHtml } : {}),
            },
          }
        : {}),
    },
  };
}

/** New events an event list gave no citation nor mark, marked unsourced: how many, and the first. */
interface MarkedUnsourced {
  count: number;
  first?: string;
}

/**
 * An event's unsourced mark when the file does not give it: cleared by the citations it gives (the
 * event has a source now), else as stored, and set on a new event without any (a spreadsheet of
 * one's own has no sources column), which the import's report then says.
 */
function unsourcedMark(event: ImportEvent, stored: { unsourced: boolean } | undefined, marked: MarkedUnsourced): boolean {
  if (event.unsourced !== undefined) return event.unsourced;
  if (event.citations.length > 0) return false;
  if (stored) return stored.unsourced;
  marked.count += 1;
  marked.first ??= event.slug;
  return true;
}

/** Events are read and written this many at a time. */
const BATCH_EVENTS = 2_000;

/** An event list's batches as records, the next read and checked while this one is written. */
async function* recordBatches(
  client: Prisma.TransactionClient,
  batches: AsyncIterable<EventListBatch>,
  marked: MarkedUnsourced,
  redirects: FollowedSlugs,
): AsyncGenerator<RecordBatch> {
  for await (const batch of readAhead(batches)) yield await recordsOf(client, batch, marked, redirects);
}

export interface ImportOptions {
  dryRun?: boolean;
  /** Refuse fields Chronicle does not read, rather than leave them out with a warning. */
  strict?: boolean;
  map?: ColumnMap;
  /** Who imports (a token's name; by default the command), and why: the import's Change. */
  by?: string;
  note?: string | undefined;
  /** The language the file's words are in: new events take it, stored ones in another take the words as their translation. */
  language?: string | undefined;
  /** How long the import's transaction may run (CHRONICLE_IMPORT_TIMEOUT_MINUTES from the command line). */
  timeoutMinutes?: number | undefined;
}

/** The Change an import's revisions are kept under. */
const importChange = (options: ImportOptions) => ({ via: 'IMPORT' as const, by: options.by ?? 'chronicle import', note: options.note });

/** The import's transaction timeout, when it has one of its own. */
const importTimeout = (options: ImportOptions) =>
  options.timeoutMinutes === undefined ? {} : { timeout: { minutes: options.timeoutMinutes, setting: 'CHRONICLE_IMPORT_TIMEOUT_MINUTES' } };

/**
 * Imports what a source holds. An event list (CSV, NDJSON, JSON as exports write) is read once,
 * checked and written in batches in one transaction, so memory follows a batch and the actors and
 * sources named, not the file. Typed records (a dump, the seed's shapes) are read whole.
 */
export async function importRecords(client: PrismaClient, given: RecordSource, options: ImportOptions = {}): Promise<ImportReport> {
  // Another tool's file (TimelineJS, Wikidata, ACLED, GDELT) is an event list, with what else it brings.
  // A file read through a column map is a spreadsheet of one's own, whatever its columns are called.
  const native = given.mapped ? undefined : await nativeFileOf(given);
  const warnings: string[] = [...(native?.warnings ?? [])];
  const timelines: TimelineRecord[] = [];
  for (const found of native?.timelines ?? []) {
    const timeline = checkedTimeline(found, given.name);
    await refuseOthersEvents(client, timeline, given.name);
    timelines.push(options.language ? await titleSlideKept(client, timeline, options.language, warnings, given.name) : timeline);
  }
  const source = native ? withRecords(given, native.records) : given;
  // Typed records are told by their first record; an NDJSON event list is not read whole for it.
  const format = source.format;
  if ((format === 'json' || format === 'ndjson') && holdsTypedRecords(format === 'ndjson' ? await source.firstLine() : await source.text(), format)) {
    type Find = { where: { slug: { in: string[] } }; select: { slug: true } };
    const slugsIn: Record<'actors' | 'sources' | 'events' | 'places', (find: Find) => Promise<{ slug: string }[]>> = {
      actors: (find) => client.actor.findMany(find),
      sources: (find) => client.source.findMany(find),
      events: (find) => client.event.findMany(find),
      places: (find) => client.place.findMany(find),
    };
    const existing = async (kind: 'actors' | 'sources' | 'events' | 'terms' | 'places', slugs: string[]) => {
      if (kind === 'terms') return existingTerms(client, slugs);
      const rows = await slugsIn[kind]({ where: { slug: { in: [...new Set(slugs)] } }, select: { slug: true } });
      return new Set(rows.map((r) => r.slug));
    };
    if (options.language)
      throw new ImportFileError(
        `${source.name} holds typed records (a dump, or the seed's shapes), which say their own language: import it without --lang (lang=)`,
      );
    const records = await readTypedRecords(await source.text(), source.name, format, existing);
    return writeRecords(client, records, { ...options, ...importTimeout(options), change: importChange(options) });
  }
  // The terms the file brings are the import's to write first, and its rows' to use.
  const terms = await allTermKeys(client);
  for (const term of native?.terms ?? []) terms.add(termKey(term.scheme, term.slug));
  const marked: MarkedUnsourced = { count: 0 };
  const batches = readEventList(source, BATCH_EVENTS, warnings, { strict: options.strict, terms });
  const report = await writeRecords(
    client,
    async (tx) => ({
      terms: native?.terms,
      actors: [],
      sources: [],
      events: recordBatches(tx, batches, marked, {
        followed: { actor: new Map(), source: new Map(), event: new Map() },
        warnings,
        file: source.name,
        merge: native?.merge,
        language: options.language,
        places: new Map(),
      }),
      timelines,
    }),
    {
      ...options,
      ...importTimeout(options),
      additive: true,
      change: importChange(options),
    },
  );
  const unsourced =
    marked.count === 0
      ? []
      : [
          `${source.name}: ${marked.count === 1 ? `event "${marked.first}" cites` : `${marked.count} new events (first "${marked.first}") cite`} no source; marked unsourced (give citations, or unsourced: false, to say otherwise)`,
        ];
  return { ...report, warnings: [...warnings, ...unsourced] };
}

/**
 * Refuses slides whose slug is an event of another timeline and not of this one: two files both
 * with a slide "intro" would otherwise be one event, the second file's, in both timelines.
 */
async function refuseOthersEvents(client: PrismaClient, timeline: TimelineRecord, file: string): Promise<void> {
  const held = await client.timelineEvent.findMany({
    where: { event: { slug: { in: timeline.events } } },
    select: { timeline: { select: { slug: true } }, event: { select: { slug: true } } },
  });
  const timelinesOf = new Map<string, string[]>();
  for (const { timeline: t, event } of held) timelinesOf.set(event.slug, [...(timelinesOf.get(event.slug) ?? []), t.slug]);
  const problems = [...timelinesOf]
    .filter(([, slugs]) => !slugs.includes(timeline.slug))
    .map(
      ([slug, slugs]) =>
        `${file}: slide "${slug}" is an event of timeline "${slugs[0]}": give the slide another unique_id, or import the file under that timeline's name (${slugs[0]}.json)`,
    );
  if (problems.length)
    throw new ImportValidationError(problems.slice(0, MAX_REPORTED_ERRORS), problems.length, Math.max(0, problems.length - MAX_REPORTED_ERRORS));
}

/**
 * A stored timeline, as a file with --lang gives it: a timeline in several languages has a file per
 * language, each of which may hold slides the others lack, so the file adds its events to those
 * the timeline holds (without --lang, a file's events are the timeline's). A file in another
 * language than the timeline's (most of its events whose language is said) also leaves its title
 * slide and eras as they are: they have no translations; its slides are the events' translations.
 */
async function titleSlideKept(client: PrismaClient, timeline: TimelineRecord, language: string, warnings: string[], file: string): Promise<TimelineRecord> {
  const stored = await client.timeline.findUnique({
    where: { slug: timeline.slug },
    include: { events: { select: { event: { select: { slug: true, language: true } } } } },
  });
  if (!stored) return timeline;
  const held = stored.events.map((e) => e.event);
  const events = [...new Set([...held.map((e) => e.slug), ...timeline.events])];
  const inOthers = held.filter((e) => e.language && e.language !== language).length;
  if (inOthers <= held.filter((e) => e.language === language).length) return { ...timeline, events };
  warnings.push(
    `${file}: timeline "${timeline.slug}" is in another language than ${language}: its title slide, eras and events stay, and the file's slides are their ${language} translation`,
  );
  // Its record time is the writer's to set: the events it holds may change.
  const { createdAt: _created, updatedAt: _updated, revision: _revision, ...kept } = timelineRecordOf(stored, []);
  return { ...kept, events };
}

/** A TimelineJS file's timeline, checked as any timeline record is; its problems name the file. */
function checkedTimeline(record: unknown, name: string): TimelineRecord {
  const parsed = timelineRecord.safeParse(record);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${name}: timeline, field ${issuePath(issue.path)}: ${issueMessage(issue)}`);
  throw new ImportValidationError(problems.slice(0, MAX_REPORTED_ERRORS), problems.length, Math.max(0, problems.length - MAX_REPORTED_ERRORS));
}

/** Imports a file's text, already in memory (a request's body, a test's file); its name says the format. */
export async function importText(client: PrismaClient, text: string, file: string, options: ImportOptions = {}): Promise<ImportReport> {
  return importRecords(client, textSource(text, file, options.map), options);
}
