// One entry for every import of a file's text, from the CLI or over HTTP: typed records (a
// Chronicle dump, or actors, sources and events in the seed's shapes, as NDJSON or JSON), or an
// event list (CSV, NDJSON, JSON as `chronicle export` writes it). All are validated first and
// written by the one record writer, in one transaction, with the same report.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { readAhead } from '../lib/read-ahead.js';
import { holdsTypedRecords, readTypedRecords } from '../records/dump.js';
import type { EventRecord } from '../records/record-schemas.js';
import type { ImportEvent } from './import-record.js';
import { writeRecords, type WritableRecords, type WriteReport } from '../records/record-writer.js';
import { planImport, plannedEvents, type ImportPlan } from './plan-import.js';
import type { ColumnMap } from './read-import-file.js';
import type { SlugIndex } from './slug-index.js';
import { textSource, type RecordSource } from './record-source.js';

/** `warnings`: what the file says that Chronicle took in its own way (another spelling kept as an alias). */
export type ImportReport = WriteReport;

const unique = (values: string[]) => [...new Set(values)];
const defined = <T>(value: T | null | undefined) => value ?? undefined;

/**
 * An event list names actors and sources only by what an export carries (slug, name, kind...).
 * What it does not carry (an actor's aliases and affiliations, a source's reliability and basis,
 * an event's links) is kept as the database has it. The plan's actors and sources are handed to
 * the writer, which lets them go once written: a large import's events need only their ids.
 */
async function recordsOf(client: Prisma.TransactionClient, plan: ImportPlan, source: RecordSource, marked: MarkedUnsourced): Promise<WritableRecords> {
  const [actors, sources] = await Promise.all([
    client.actor.findMany({
      where: { slug: { in: [...plan.actors.keys()] } },
      include: { affiliations: { include: { organisation: { select: { slug: true } } } } },
    }),
    client.source.findMany({ where: { slug: { in: [...plan.sources.keys()] } }, include: { basedOn: { select: { slug: true } } } }),
  ]).then(([a, s]) => [new Map(a.map((r) => [r.slug, r])), new Map(s.map((r) => [r.slug, r]))] as const);
  const records: WritableRecords = {
    actors: [...plan.actors.values()].map((a) => {
      const had = actors.get(a.slug);
      return {
        slug: a.slug,
        name: a.name,
        kind: a.kind,
        description: defined(had?.description),
        aliases: unique([...(had?.aliases ?? []), ...a.aliases]).filter((alias) => alias !== a.name),
        externalIds: (had?.externalIds ?? {}) as Record<string, string>,
        affiliations: (had?.affiliations ?? []).map((f) => ({
          organisation: f.organisation.slug,
          role: f.role,
          start: defined(f.startEdtf),
          end: defined(f.endEdtf),
        })),
      };
    }),
    sources: [...plan.sources.values()].map((s) => {
      const had = sources.get(s.slug);
      return {
        slug: s.slug,
        kind: s.kind,
        title: s.title,
        author: defined(s.author),
        url: defined(s.url),
        published: defined(s.published),
        retrieved: defined(s.retrieved ?? had?.retrievedEdtf),
        publisher: s.publisher?.slug,
        reliability: had?.reliability ?? 'F',
        basedOn: (had?.basedOn ?? []).map((b) => b.slug),
        notes: defined(had?.notes),
      };
    }),
    events: eventBatches(client, plan.events, source, marked),
  };
  plan.actors.clear();
  plan.sources.clear();
  return records;
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

/** The planned events, batch by batch, each with the links between events the database has. */
async function* eventBatches(client: Prisma.TransactionClient, slugs: SlugIndex, source: RecordSource, marked: MarkedUnsourced): AsyncGenerator<EventRecord[]> {
  // The next batch is read and checked while this one is written.
  for await (const batch of readAhead(plannedEvents(slugs, source, BATCH_EVENTS))) {
    const events = new Map(
      (
        await client.event.findMany({
          where: { slug: { in: batch.map((e) => e.slug) } },
          select: { slug: true, unsourced: true, relationsFrom: { select: { kind: true, to: { select: { slug: true } } } } },
        })
      ).map((r) => [r.slug, r]),
    );
    yield batch.map((e) => ({
      slug: e.slug,
      title: e.title,
      summary: defined(e.summary),
      kind: e.kind,
      status: e.status,
      date: e.date,
      place: defined(e.place),
      tags: e.tags,
      unsourced: unsourcedMark(e, events.get(e.slug), marked),
      participants: e.participants.map((p) => ({ actor: p.actor.slug, role: p.role })),
      citations: e.citations.map((c) => ({
        source: c.source.slug,
        stance: c.stance,
        quote: defined(c.quote),
        attribution: defined(c.attribution),
        confidence: defined(c.confidence),
        note: defined(c.note),
      })),
      relations: (events.get(e.slug)?.relationsFrom ?? []).map((r) => ({ kind: r.kind, event: r.to.slug })),
    }));
  }
}

export interface ImportOptions {
  dryRun?: boolean;
  /** Refuse fields Chronicle does not read, rather than leave them out with a warning. */
  strict?: boolean;
  map?: ColumnMap;
  /** Who imports (a token's name; by default the command), and why: the import's Change. */
  by?: string;
  note?: string | undefined;
}

/** The Change an import's revisions are kept under. */
const importChange = (options: ImportOptions) => ({ via: 'IMPORT' as const, by: options.by ?? 'chronicle import', note: options.note });

/**
 * Imports what a source holds. An event list (CSV, NDJSON, JSON as exports write) is read twice:
 * validated whole, then written in batches in one transaction, so memory follows a batch and the
 * actors and sources named, not the file. Typed records (a dump, the seed's shapes) are read whole.
 */
export async function importRecords(client: PrismaClient, source: RecordSource, options: ImportOptions = {}): Promise<ImportReport> {
  // Typed records are told by their first record; an NDJSON event list is not read whole for it.
  if (source.format !== 'csv' && holdsTypedRecords(source.format === 'ndjson' ? await source.firstLine() : await source.text(), source.format)) {
    const existing = async (kind: 'actors' | 'sources' | 'events', slugs: string[]) => {
      const find = { where: { slug: { in: [...new Set(slugs)] } }, select: { slug: true as const } };
      const rows =
        kind === 'actors' ? await client.actor.findMany(find) : kind === 'sources' ? await client.source.findMany(find) : await client.event.findMany(find);
      return new Set(rows.map((r) => r.slug));
    };
    const records = await readTypedRecords(await source.text(), source.name, source.format, existing);
    return writeRecords(client, records, { ...options, change: importChange(options) });
  }
  const plan = await planImport(source, { strict: options.strict });
  const marked: MarkedUnsourced = { count: 0 };
  const report = await writeRecords(client, (tx) => recordsOf(tx, plan, source, marked), { ...options, additive: true, change: importChange(options) });
  const unsourced =
    marked.count === 0
      ? []
      : [
          `${source.name}: ${marked.count === 1 ? `event "${marked.first}" cites` : `${marked.count} new events (first "${marked.first}") cite`} no source; marked unsourced (give citations, or unsourced: false, to say otherwise)`,
        ];
  return { ...report, warnings: [...plan.warnings, ...unsourced] };
}

/** Imports a file's text, already in memory (a request's body, a test's file); its name says the format. */
export async function importText(client: PrismaClient, text: string, file: string, options: ImportOptions = {}): Promise<ImportReport> {
  return importRecords(client, textSource(text, file, options.map), options);
}
