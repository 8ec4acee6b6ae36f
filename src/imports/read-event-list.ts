// An event list (CSV, NDJSON, JSON as exports write them, or a spreadsheet read with a column map)
// read once: every record validated, every problem reported with its file, row, field and fix,
// and what passes handed on in batches, each with the actors and sources it names first, to be
// written as they come in the import's one transaction. PostgreSQL writes a batch while the next
// is read and checked. A problem stops the writing (the rest of the file is only checked) and,
// once the whole file has been read, is thrown, so that the transaction rolls back and nothing is
// imported.
import { createHash } from 'node:crypto';
import { issuePath } from '../lib/schemas.js';
import { importEventSchema, type ImportActor, type ImportEvent, type ImportSource } from './import-record.js';
import { Problems } from './import-problems.js';
import type { RecordSource } from './record-source.js';
import { SlugIndex } from './slug-index.js';
import type { TermScheme } from '../generated/prisma/enums.js';
import { unknownTermProblem } from '../vocabulary/terms.js';

/** An actor as the file names it, with the other spellings it gives the name. */
export type ListedActor = ImportActor & { aliases: string[] };

export interface EventListBatch {
  /**
   * The actors these events name first (a publisher before its sources); in the last batch, also
   * actors of earlier batches whose name the file spelled another way since, with that alias.
   */
  actors: ListedActor[];
  /** The sources these events cite first. */
  sources: ImportSource[];
  events: ImportEvent[];
}

/** Where two readings of one record differ: `title: "AP Report" vs "AP report"`, field by field. */
function differences(value: object, first: Record<string, unknown>): string {
  const here = value as Record<string, unknown>;
  return [...new Set([...Object.keys(here), ...Object.keys(first)])]
    .filter((key) => JSON.stringify(here[key]) !== JSON.stringify(first[key]))
    .map((key) => `${key}: ${JSON.stringify(here[key]) ?? 'nothing'} vs ${JSON.stringify(first[key]) ?? 'nothing'}`)
    .join(', ');
}

/**
 * What a source says, in 43 characters: the hash of its fields' JSON, in the order the schema
 * gives them whatever the file's order. A million events cite a hundred thousand sources, which
 * held whole took 50 MB of an import's memory.
 */
const fingerprint = (source: ImportSource): string => createHash('sha256').update(JSON.stringify(source)).digest('base64url');

/** Whether two values read from JSON are equal (a field left undefined as one left out). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => same(item, b[i]));
  }
  return sameFields(a, b);
}

/**
 * Whether two records read alike but for the fields `ignored`: compared field by field, where a
 * comparison of their JSON spent a fifth of a large import's checking.
 */
function sameFields(a: object, b: object, ...ignored: string[]): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let fields = 0;
  for (const key in left) {
    if (left[key] === undefined || ignored.includes(key)) continue;
    if (!same(left[key], right[key])) return false;
    fields += 1;
  }
  for (const key in right) if (right[key] !== undefined && !ignored.includes(key)) fields -= 1;
  return fields === 0;
}

/**
 * Reads an event list's records in batches of `size` events. What the file says that Chronicle
 * took in its own way (another spelling of a name, a field it does not read) is added to
 * `warnings` as it is read; a problem anywhere is thrown once every record has been read.
 */
export async function* readEventList(
  source: RecordSource,
  size: number,
  warnings: string[],
  options: { strict?: boolean; terms?: Set<string> } = {},
): AsyncGenerator<EventListBatch> {
  const { name } = source;
  const problems = new Problems();
  const problem = (row: number, field: string, message: string) => problems.add(row, field, message);
  const slugs = new SlugIndex();
  // Events whose slug hashes as an event's of an earlier batch does: settled once every row has been read.
  const suspects: { row: number; slug: string; earlier: number }[] = [];
  // Each actor as first read, with its row and batch, and each source's fingerprint and row, by
  // slug: one lookup a mention.
  const firstActors = new Map<string, { value: ListedActor; row: number; batch: number }>();
  const firstSources = new Map<string, { print: string; row: number }>();
  // Sources that read otherwise than their first row, by slug and what they say: the first row is
  // read again at the end, to say where they differ.
  const unlike = new Map<string, { source: ImportSource; first: number; at: { row: number; field: string }[] }>();
  const respelled = new Set<ListedActor>();
  let batch: EventListBatch = { actors: [], sources: [], events: [] };
  let batches = 0;

  /**
   * The same actor or source must read the same wherever the file names it, but real data spells
   * names many ways ("Kim Dae Jung", "Kim Dae-jung"): an actor's other spelling becomes an alias.
   */
  const rememberActor = (actor: ImportActor, row: number, field: string) => {
    const seen = firstActors.get(actor.slug);
    if (!seen) {
      const value = { ...actor, aliases: [] };
      firstActors.set(actor.slug, { value, row, batch: batches });
      batch.actors.push(value);
      return;
    }
    const first = seen.value;
    if (sameFields(actor, first, 'aliases')) return;
    if (sameFields(actor, first, 'aliases', 'name')) {
      if (!first.aliases.includes(actor.name)) {
        first.aliases.push(actor.name);
        // Written already: written again at the end, with its aliases.
        if (seen.batch < batches) respelled.add(first);
        warnings.push(
          `${name}: row ${row}, field ${field}.name: actor "${actor.slug}" is also spelled "${actor.name}" (row ${seen.row}: "${first.name}"); kept "${first.name}", with "${actor.name}" as an alias`,
        );
      }
      return;
    }
    const { aliases: _, ...firstAsRead } = first;
    problem(row, field, `actor "${actor.slug}" differs from row ${seen.row} in ${differences(actor, firstAsRead)}; make them the same`);
  };
  const rememberSource = (source: ImportSource, row: number, field: string) => {
    const print = fingerprint(source);
    const seen = firstSources.get(source.slug);
    if (!seen) {
      firstSources.set(source.slug, { print, row });
      batch.sources.push(source);
    } else if (print !== seen.print) {
      const key = `${source.slug} ${print}`;
      const other = unlike.get(key) ?? { source, first: seen.row, at: [] };
      other.at.push({ row, field });
      unlike.set(key, other);
    }
  };

  // Each unknown field's first row and count: a field on every row of a million is one entry.
  const unread = new Map<string, { first: number; rows: number }>();
  for await (const { row, value, problems: read } of source.records()) {
    // A pause now and then lets the database's answers in: its next statement waits on them.
    if (row % 50 === 0) await new Promise(setImmediate);
    // What the reading found (a date not in the mapping's format) is the row's problem, in its words.
    if (read?.length) {
      for (const p of read) problem(row, p.field, p.message);
      continue;
    }
    const { parsed, unknown } = parseEvent(value);
    for (const field of unknown) {
      if (options.strict) problem(row, field, 'is not a field Chronicle reads: remove it, or import without --strict to leave it out');
      else {
        const seen = unread.get(field);
        if (seen) seen.rows += 1;
        else unread.set(field, { first: row, rows: 1 });
      }
    }
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problem(row, issuePath(issue.path), issue.message);
      continue;
    }
    const event = parsed.data;
    // Types and roles the vocabularies have: the database would refuse others.
    if (options.terms) {
      const terms = options.terms;
      const check = (field: string, scheme: TermScheme, slug: string) => {
        const found = unknownTermProblem(terms, scheme, slug);
        if (found) problem(row, field, found);
      };
      check('kind', 'EVENT_TYPE', event.kind);
      for (const [i, p] of event.participants.entries()) check(`participants[${i}].role`, 'ROLE_TYPE', p.role);
      for (const [i, c] of event.citations.entries()) check(`citations[${i}].source.kind`, 'SOURCE_TYPE', c.source.kind);
    }
    const earlier = slugs.add(event.slug, row);
    if (earlier !== undefined) {
      // In this batch, it would be written twice over: refused now. In an earlier one, it is an
      // update of the event written there until the end, when the earlier row is read to settle it.
      if (batch.events.some((e) => e.slug === event.slug)) problem(row, 'slug', `"${event.slug}" also appears in row ${earlier}; each event once`);
      else suspects.push({ row, slug: event.slug, earlier });
    }
    const repeated = (keys: string[]) => keys.findIndex((k, i) => keys.indexOf(k) !== i);
    const twiceCited = repeated(event.citations.map((c) => c.source.slug));
    if (twiceCited >= 0) {
      problem(row, `citations[${twiceCited}].source.slug`, `"${event.citations[twiceCited]!.source.slug}" is cited twice; one citation per source and event`);
      continue;
    }
    const twiceTaking = repeated(event.participants.map((p) => `${p.actor.slug} ${p.role}`));
    if (twiceTaking >= 0) {
      problem(
        row,
        `participants[${twiceTaking}]`,
        `"${event.participants[twiceTaking]!.actor.slug}" takes part twice as ${event.participants[twiceTaking]!.role}`,
      );
      continue;
    }
    for (const [i, p] of event.participants.entries()) rememberActor(p.actor, row, `participants[${i}].actor`);
    event.citations.forEach((c, i) => {
      if (c.source.publisher) rememberActor(c.source.publisher, row, `citations[${i}].source.publisher`);
      rememberSource(c.source, row, `citations[${i}].source`);
    });
    // After a problem, only checked: what is written will be rolled back.
    if (problems.any || unlike.size > 0) continue;
    batch.events.push(event);
    if (batch.events.length === size) {
      yield batch;
      batch = { actors: [], sources: [], events: [] };
      batches += 1;
    }
  }
  for (const { row, slug, earlier } of await sameSlugs(source, suspects)) problem(row, 'slug', `"${slug}" also appears in row ${earlier}; each event once`);
  const firstRows = await readRowsAgain(source, new Set([...unlike.values()].map((u) => u.first)), (value) => value);
  for (const { source: other, first, at } of unlike.values()) {
    const { parsed } = parseEvent(firstRows.get(first));
    const firstReading = parsed.data?.citations.find((c) => c.source.slug === other.slug)?.source;
    const how = firstReading ? `in ${differences(other, firstReading)}` : 'as first read (the file has changed since)';
    for (const { row, field } of at) problem(row, field, `source "${other.slug}" differs from row ${first} ${how}; make them the same`);
  }
  problems.throwIfAny(name);
  batch.actors.push(...respelled);
  for (const [field, { first, rows }] of unread) {
    warnings.push(
      `${name}: ${rows === 1 ? `row ${first}` : `${rows} rows (first at row ${first})`}, field ${field}: not a field Chronicle reads; left out (--strict refuses it)`,
    );
  }
  if (batch.events.length + batch.actors.length + batch.sources.length > 0) yield batch;
}

/** Rows of the source read again, each kept as `keep` gives it. */
async function readRowsAgain<T>(source: RecordSource, rows: Set<number>, keep: (value: unknown) => T): Promise<Map<number, T>> {
  const found = new Map<number, T>();
  if (rows.size === 0) return found;
  for await (const { row, value } of source.records()) if (rows.has(row)) found.set(row, keep(value));
  return found;
}

/** The suspects whose earlier row really has their slug (not only its hashes), read from the source again. */
async function sameSlugs<S extends { slug: string; earlier: number }>(source: RecordSource, suspects: S[]): Promise<S[]> {
  const slugAt = await readRowsAgain(source, new Set(suspects.map((s) => s.earlier)), (value) => (value as { slug?: unknown }).slug);
  return suspects.filter((s) => slugAt.get(s.earlier) === s.slug);
}

/**
 * A record read with the schema, and the fields it has that Chronicle does not read: those are
 * taken out (their paths kept, for a warning) and the rest read again, so that one unknown field
 * does not hide the record's real problems, nor pass unseen.
 */
function parseEvent(value: unknown) {
  const unknown: string[] = [];
  let record = value;
  for (;;) {
    const parsed = importEventSchema.safeParse(record, {
      error: (issue) => (issue.input === undefined ? 'is missing; export a sample to see every field a record needs' : undefined),
    });
    const extra = parsed.success ? [] : parsed.error.issues.filter((issue) => issue.code === 'unrecognized_keys');
    if (extra.length === 0) return { parsed, unknown };
    record = structuredClone(record);
    for (const issue of extra) {
      const holder = issue.path.reduce<Record<PropertyKey, unknown>>(
        (at, key) => at[key] as Record<PropertyKey, unknown>,
        record as Record<PropertyKey, unknown>,
      );
      for (const key of issue.keys) {
        unknown.push(issuePath([...issue.path, key]));
        delete holder[key];
      }
    }
  }
}
