// Validation before any write: every record checked, every problem reported with its file, row,
// field and fix. What passes becomes a plan: the events' slugs, and the actors and sources they
// name; the events are read again when they are written.
import { issuePath } from '../lib/schemas.js';
import { importEventSchema, type ImportActor, type ImportEvent, type ImportSource } from './import-record.js';
import type { RecordSource } from './record-source.js';
import { ImportFileError } from './read-import-file.js';
import { SlugIndex } from './slug-index.js';

/** Lines of problems reported at most; a problem repeated on many rows is one line. */
export const MAX_REPORTED_ERRORS = 20;

export class ImportValidationError extends Error {
  /**
   * `problems`: the lines reported; `total`: every problem on every row; `omitted`: lines of
   * problems left out after the first MAX_REPORTED_ERRORS.
   */
  constructor(
    readonly problems: string[],
    readonly total: number,
    readonly omitted = 0,
  ) {
    super(
      `${total} problem${total === 1 ? '' : 's'}; nothing was imported:\n${problems.join('\n')}${omitted > 0 ? `\n... and ${omitted} more kinds of problem` : ''}`,
    );
  }
}

/** Problems by field and message: the same problem on 236 rows is one line naming the first. */
class Problems {
  private readonly byKind = new Map<string, { field: string; message: string; rows: number[] }>();

  add(row: number, field: string, message: string): void {
    const key = `${field}\u0000${message}`;
    const kind = this.byKind.get(key) ?? { field, message, rows: [] };
    kind.rows.push(row);
    this.byKind.set(key, kind);
  }

  throwIfAny(name: string): void {
    if (this.byKind.size === 0) return;
    const kinds = [...this.byKind.values()].sort((a, b) => a.rows[0]! - b.rows[0]!);
    const lines = kinds.map(({ field, message, rows }) =>
      rows.length === 1
        ? `${name}: row ${rows[0]}, field ${field}: ${message}`
        : `${name}: ${rows.length} rows, field ${field}: ${message} (first at row ${rows[0]})`,
    );
    const total = kinds.reduce((sum, k) => sum + k.rows.length, 0);
    throw new ImportValidationError(lines.slice(0, MAX_REPORTED_ERRORS), total, Math.max(0, lines.length - MAX_REPORTED_ERRORS));
  }
}

export interface ImportPlan {
  /** The events' slugs, in file order: the second pass, which writes, must read the same file. */
  events: SlugIndex;
  /** The actors the file names, with the other spellings it gives their names. */
  actors: Map<string, ImportActor & { aliases: string[] }>;
  sources: Map<string, ImportSource>;
  /** What the file says that Chronicle took in its own way: "row 7: actor ... spelled ...; kept as an alias". */
  warnings: string[];
}

/** Where two readings of one record differ: `title: "AP Report" vs "AP report"`, field by field. */
function differences(value: object, first: Record<string, unknown>): string {
  const here = value as Record<string, unknown>;
  return [...new Set([...Object.keys(here), ...Object.keys(first)])]
    .filter((key) => JSON.stringify(here[key]) !== JSON.stringify(first[key]))
    .map((key) => `${key}: ${JSON.stringify(here[key]) ?? 'nothing'} vs ${JSON.stringify(first[key]) ?? 'nothing'}`)
    .join(', ');
}

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
 * comparison of their JSON spent a fifth of a large import's first pass.
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
 * The first pass over an event list: every record validated, and what the file says of each actor
 * and source gathered. The events themselves are not kept: plannedEvents reads them again.
 */
export async function planImport(source: RecordSource, options: { strict?: boolean } = {}): Promise<ImportPlan> {
  const { name } = source;
  const problems = new Problems();
  const problem = (row: number, field: string, message: string) => problems.add(row, field, message);
  const plan: ImportPlan = { events: new SlugIndex(), actors: new Map(), sources: new Map(), warnings: [] };
  // Events whose slug hashes as an earlier one's does: settled once every row has been read.
  const suspects: { row: number; slug: string; earlier: number }[] = [];
  // Each actor and source as first read, with its row, by slug: one lookup a mention.
  const firstActors = new Map<string, { value: ImportActor & { aliases: string[] }; row: number }>();
  const firstSources = new Map<string, { value: ImportSource; row: number }>();

  /**
   * The same actor or source must read the same wherever the file names it, but real data spells
   * names many ways ("Kim Dae Jung", "Kim Dae-jung"): an actor's other spelling becomes an alias.
   */
  const rememberActor = (actor: ImportActor, row: number, field: string) => {
    const seen = firstActors.get(actor.slug);
    if (!seen) {
      firstActors.set(actor.slug, { value: { ...actor, aliases: [] }, row });
      return;
    }
    const first = seen.value;
    if (sameFields(actor, first, 'aliases')) return;
    if (sameFields(actor, first, 'aliases', 'name')) {
      if (!first.aliases.includes(actor.name)) {
        first.aliases.push(actor.name);
        plan.warnings.push(
          `${name}: row ${row}, field ${field}.name: actor "${actor.slug}" is also spelled "${actor.name}" (row ${seen.row}: "${first.name}"); kept "${first.name}", with "${actor.name}" as an alias`,
        );
      }
      return;
    }
    const { aliases: _, ...firstAsRead } = first;
    problem(row, field, `actor "${actor.slug}" differs from row ${seen.row} in ${differences(actor, firstAsRead)}; make them the same`);
  };
  const rememberSource = (source: ImportSource, row: number, field: string) => {
    const seen = firstSources.get(source.slug);
    if (!seen) firstSources.set(source.slug, { value: source, row });
    else if (!sameFields(source, seen.value)) {
      problem(row, field, `source "${source.slug}" differs from row ${seen.row} in ${differences(source, seen.value)}; make them the same`);
    }
  };

  // Each unknown field's first row and count: a field on every row of a million is one entry.
  const unread = new Map<string, { first: number; rows: number }>();
  for await (const { row, value } of source.records()) {
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
    const earlier = plan.events.add(event.slug, row);
    if (earlier !== undefined) suspects.push({ row, slug: event.slug, earlier });
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
  }
  for (const [slug, { value }] of firstActors) plan.actors.set(slug, value);
  for (const [slug, { value }] of firstSources) plan.sources.set(slug, value);
  for (const { row, slug, earlier } of await sameSlugs(source, suspects)) problem(row, 'slug', `"${slug}" also appears in row ${earlier}; each event once`);
  problems.throwIfAny(name);
  for (const [field, { first, rows }] of unread) {
    plan.warnings.push(
      `${name}: ${rows === 1 ? `row ${first}` : `${rows} rows (first at row ${first})`}, field ${field}: not a field Chronicle reads; left out (--strict refuses it)`,
    );
  }
  return plan;
}

/** The suspects whose earlier row really has their slug (not only its hashes), read from the source again. */
async function sameSlugs<S extends { slug: string; earlier: number }>(source: RecordSource, suspects: S[]): Promise<S[]> {
  if (suspects.length === 0) return [];
  const wanted = new Set(suspects.map((s) => s.earlier));
  const slugAt = new Map<number, unknown>();
  for await (const { row, value } of source.records()) if (wanted.has(row)) slugAt.set(row, (value as { slug?: unknown }).slug);
  return suspects.filter((s) => slugAt.get(s.earlier) === s.slug);
}

/**
 * The second pass: the planned events, read again from the source, in batches of `size`. A record
 * whose slug is not the one the first pass read there (`slugs`) means the file changed in between:
 * the import stops (and its transaction rolls back) rather than write what was not checked.
 */
export async function* plannedEvents(slugs: SlugIndex, source: RecordSource, size: number): AsyncGenerator<ImportEvent[]> {
  let batch: ImportEvent[] = [];
  let count = 0;
  for await (const { row, value } of source.records()) {
    const { parsed } = parseEvent(value);
    if (!parsed.success || !slugs.addedAt(count, parsed.data.slug)) {
      throw new ImportFileError(`${source.name}: changed while it was being imported (row ${row}); nothing was imported, run the import again`);
    }
    batch.push(parsed.data);
    count += 1;
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (count !== slugs.size) throw new ImportFileError(`${source.name}: changed while it was being imported; nothing was imported, run the import again`);
  if (batch.length) yield batch;
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
