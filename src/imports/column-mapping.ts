// A spreadsheet with its own columns, read through a mapping that says which column is which
// field: no converter. Each row becomes the record an export holds (the same checks, the same
// writer follow), its dates read in the file's own format and written as EDTF at the precision
// the format has. docs/imports.md shows a whole mapping; `chronicle import --suggest-map` drafts one.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { slugFrom } from '../lib/slugs.js';
import { issueMessage, issuePath } from '../lib/schemas.js';
import { ImportFileError, type RawRecord } from './import-problems.js';

dayjs.extend(customParseFormat);

/** A field from a column ("Headline"), or the same value on every row ({ value: "meeting" }). */
const cellSpec = z.union([z.string().min(1), z.strictObject({ column: z.string().min(1) }), z.strictObject({ value: z.string() })]);
type CellSpec = z.infer<typeof cellSpec>;

/** A date column, and how its dates are written (dayjs tokens: "D MMM YYYY", "MM/DD/YYYY"); EDTF when left out. */
const dateSpec = z.union([z.string().min(1), z.strictObject({ column: z.string().min(1), format: z.string().min(1).optional() })]);

/** A column holding a list: "Tags" split on ";" by default. */
const listSpec = z.union([z.string().min(1), z.strictObject({ column: z.string().min(1), split: z.string().min(1).default(';') })]);

export const mappingSchema = z.strictObject({
  /** Left out: each event's slug is made from its date and title, so importing again updates it. */
  slug: cellSpec.optional(),
  title: cellSpec,
  summary: cellSpec.optional(),
  /** An event type's slug or label per row, or one for all; "other" when left out. */
  kind: cellSpec.optional(),
  /** REPORTED when left out. */
  status: cellSpec.optional(),
  date: dateSpec,
  /** An end date: the event is then the interval from date to end. */
  end: dateSpec.optional(),
  /** The format of every date column that does not give its own. */
  dateFormat: z.string().min(1).optional(),
  place: cellSpec.optional(),
  tags: listSpec.optional(),
  /** Columns of actors' names, each with the role they had and the kind of actor they are. */
  actors: z
    .array(
      z.strictObject({
        column: z.string().min(1),
        split: z.string().min(1).optional(),
        role: z.string().min(1).default('participant'),
        kind: z.enum(['PERSON', 'GOVERNMENT', 'ORGANISATION', 'MEDIA_OUTLET', 'GROUP']).default('PERSON'),
      }),
    )
    .default([]),
  /**
   * The source each row cites, each part a column or a value. Rows with the same link (or, without
   * links, the same title) cite one source; its slug is made from that unless a column gives it.
   */
  source: z
    .strictObject({
      slug: cellSpec.optional(),
      title: cellSpec,
      url: cellSpec.optional(),
      kind: cellSpec.optional(),
      author: cellSpec.optional(),
      published: dateSpec.optional(),
      quote: cellSpec.optional(),
    })
    .optional(),
});

export type Mapping = z.infer<typeof mappingSchema>;

/** A mapping from a YAML or JSON file, or an ImportFileError naming the file and the field to fix. */
export async function readMapping(file: string): Promise<Mapping> {
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ImportFileError(`${path.basename(file)}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  return parsedMapping(raw, path.basename(file));
}

export function parsedMapping(raw: unknown, name: string): Mapping {
  const parsed = mappingSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ImportFileError(`${name}: field ${issuePath(issue.path) || '(the whole mapping)'}: ${issueMessage(issue)}; docs/imports.md shows a mapping`);
  }
  return parsed.data;
}

const columnOf = (spec: CellSpec | z.infer<typeof dateSpec> | z.infer<typeof listSpec>) =>
  typeof spec === 'string' ? spec : 'column' in spec ? spec.column : undefined;

/** The columns a mapping reads. */
export function mappedColumns(mapping: Mapping): string[] {
  const { source, actors, dateFormat: _, ...fields } = mapping;
  const specs = [...Object.values(fields), ...Object.values(source ?? {})];
  return [...new Set([...specs.flatMap((spec) => columnOf(spec) ?? []), ...actors.map((a) => a.column)])];
}

/** Refuses a header that lacks a column the mapping reads, naming it and the columns there are. */
export function checkMappedHeader(header: string[], mapping: Mapping, name: string): void {
  const missing = mappedColumns(mapping).filter((column) => !header.includes(column));
  if (missing.length) {
    throw new ImportFileError(
      `${name}: the mapping reads column ${missing.map((c) => `"${c}"`).join(', ')}, which the file does not have; its columns are ${header.map((c) => `"${c}"`).join(', ')}`,
    );
  }
}

/** The EDTF precision a dayjs format writes: a day, a month, or a year. */
function precisionOf(format: string): 'YYYY-MM-DD' | 'YYYY-MM' | 'YYYY' {
  const tokens = format.replace(/\[[^\]]*\]/g, '');
  if (/D/.test(tokens)) return 'YYYY-MM-DD';
  if (/M/.test(tokens)) return 'YYYY-MM';
  return 'YYYY';
}

/** A date as the file writes it, in EDTF (the text itself when no format is given: it is EDTF then), or undefined when it is not in the format. */
function edtfOf(text: string, format: string | undefined): string | undefined {
  if (!format) return text;
  // A date Excel held as a date, or written as ISO 8601 anyway: it says what it is, in any column,
  // at the precision of the column's format ("MMMM YYYY" cells hold the 1st of their month).
  if (/^-?\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/.test(text))
    return /[Hhms]/.test(format) ? text : text.slice(0, precisionOf(format).length + (text.startsWith('-') ? 1 : 0));
  const parsed = dayjs(text, format, 'en', true);
  return parsed.isValid() ? parsed.format(precisionOf(format)) : undefined;
}

/** One row of a mapped spreadsheet as the record an export holds. */
export function mappedRecord(cells: Record<string, string>, row: number, mapping: Mapping): RawRecord {
  const problems: { field: string; message: string }[] = [];
  const cell = (spec: CellSpec | undefined) => {
    if (spec === undefined) return undefined;
    if (typeof spec !== 'string' && 'value' in spec) return spec.value;
    const text = cells[columnOf(spec)!]?.trim();
    return text || undefined;
  };
  const date = (spec: z.infer<typeof dateSpec> | undefined, field: string) => {
    if (spec === undefined) return undefined;
    const format = (typeof spec === 'string' ? undefined : spec.format) ?? mapping.dateFormat;
    const column = columnOf(spec)!;
    const text = cells[column]?.trim() ?? '';
    if (!text) return undefined;
    const edtf = edtfOf(text, format);
    if (edtf === undefined) problems.push({ field, message: `column "${column}": "${text}" is not a date written ${format}; fix it, or the mapping's format` });
    return edtf;
  };
  const list = (column: string, split: string | undefined) => {
    const text = cells[column]?.trim() ?? '';
    return (split ? text.split(split) : [text]).map((part) => part.trim()).filter(Boolean);
  };
  const title = cell(mapping.title) ?? '';
  const start = date(mapping.date, 'date') ?? '';
  const end = date(mapping.end, 'end');
  const source = mapping.source && cell(mapping.source.title) ? mapping.source : undefined;
  const sourceTitle = source && cell(source.title)!;
  const value = {
    slug: cell(mapping.slug) ?? slugFrom(`${start} ${title}`),
    title,
    summary: cell(mapping.summary) ?? null,
    kind: cell(mapping.kind) ?? 'other',
    status: (cell(mapping.status) ?? 'REPORTED').toUpperCase(),
    date: end ? `${start}/${end}` : start,
    place: cell(mapping.place) ?? null,
    tags: mapping.tags ? list(columnOf(mapping.tags)!, typeof mapping.tags === 'string' ? ';' : mapping.tags.split).map((tag) => slugFrom(tag)) : [],
    participants: mapping.actors.flatMap((a) => list(a.column, a.split).map((name) => ({ role: a.role, actor: { slug: slugFrom(name), name, kind: a.kind } }))),
    citations: source
      ? [
          {
            quote: cell(source.quote) ?? null,
            source: {
              // One source a link (each row's article), else one a title.
              slug: cell(source.slug) ?? slugFrom(cell(source.url)?.replace(/^https?:\/\/(www\.)?/, '') ?? sourceTitle!),
              title: sourceTitle,
              kind: cell(source.kind) ?? 'news-report',
              url: cell(source.url) ?? null,
              author: cell(source.author) ?? null,
              published: date(source.published, 'citations[0].source.published') ?? null,
            },
          },
        ]
      : [],
  };
  // After the value: reading it is what finds the problems.
  return { row, value, ...(problems.length ? { problems } : {}) };
}

/** The fields `--map field=Column` pairs can name; the rest of a mapping needs a file. */
const PAIR_FIELDS = [
  'slug',
  'title',
  'summary',
  'kind',
  'status',
  'date',
  'end',
  'place',
  'tags',
  'actors',
  'source.title',
  'source.url',
  'source.kind',
  'source.author',
];

/**
 * A mapping from `field=Column` pairs (`--map title=Headline --map date=Start`): each field read
 * from a column, `actors` one column of names split on ";" (participants, people), `source.*` the
 * source's fields. A mapping file says more (roles, kinds of actor, values for every row).
 */
export function mappingFromPairs(pairs: Record<string, string>, dateFormat: string | undefined): Mapping {
  const unknown = Object.keys(pairs).filter((key) => !PAIR_FIELDS.includes(key));
  if (unknown.length) {
    throw new ImportFileError(
      `--map: ${unknown.map((k) => `"${k}"`).join(', ')} is not a field a pair can map; pairs map ${PAIR_FIELDS.join(', ')} (a mapping file says more: docs/imports.md)`,
    );
  }
  const { actors, ...fields } = pairs;
  const mapping: Record<string, unknown> = { ...(dateFormat ? { dateFormat } : {}), ...(actors ? { actors: [{ column: actors, split: ';' }] } : {}) };
  for (const [key, column] of Object.entries(fields)) {
    const [field, sub] = key.split('.');
    if (sub) mapping[field!] = { ...(mapping[field!] as object), [sub]: column };
    else mapping[key] = column;
  }
  return parsedMapping(mapping, '--map');
}
