// `chronicle import FILE --suggest-map`: a first mapping for a spreadsheet of one's own, guessed
// from its header and first rows, printed as YAML to correct and pass back with --map.
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import { stringify } from 'yaml';
import type { Mapping } from './column-mapping.js';

dayjs.extend(customParseFormat);

/** Column names that say what a column holds, most telling first. */
const NAMES: Record<string, RegExp> = {
  slug: /^(slug|id|identifier|unique[ _-]?id|key)$/i,
  title: /^(title|headline|event|name|what|subject)$/i,
  summary: /^(summary|description|text|details?|notes?|body)$/i,
  kind: /^(kind|type|category|event[ _-]?type)$/i,
  status: /^(status)$/i,
  end: /^(end|end[ _-]?date|until|to|finish)$/i,
  date: /^(date|start|start[ _-]?date|when|day|from|year)$/i,
  place: /^(place|location|where|city|country|venue)$/i,
  tags: /^(tags?|keywords?|labels?|topics?)$/i,
  actors: /^(actors?|who|people|persons?|participants?|parties|organi[sz]ations?)$/i,
  sourceUrl: /^(source[ _-]?url|url|link|source[ _-]?link)$/i,
  sourceTitle: /^(source|source[ _-]?title|publication|outlet|reference)$/i,
};

/** Date formats tried on a date column's values, in this order; the first that reads them all is taken. */
const FORMATS = [
  'YYYY-MM-DD',
  'YYYY-MM',
  'YYYY',
  'D MMMM YYYY',
  'D MMM YYYY',
  'MMMM D, YYYY',
  'MMM D, YYYY',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'D.M.YYYY',
  'MMMM YYYY',
];

/** The format every sample is written in; undefined when they are EDTF (or none reads them all). */
function dateFormatOf(samples: string[]): string | undefined {
  const given = samples.filter(Boolean);
  if (given.length === 0) return undefined;
  const format = FORMATS.find((f) => given.every((text) => dayjs(text, f, 'en', true).isValid()));
  return format && !['YYYY-MM-DD', 'YYYY-MM', 'YYYY'].includes(format) ? format : undefined;
}

/** What separates a list column's values, if its samples hold one. */
function separatorOf(samples: string[]): string | undefined {
  return [';', '|', ','].find((sep) => samples.some((s) => s.includes(sep)));
}

/** A mapping guessed from a header and sample rows; the columns it could not place, for a comment. */
export function suggestMapping(header: string[], rows: Record<string, string>[]): { mapping: Partial<Mapping>; unplaced: string[] } {
  const taken = new Set<string>();
  const find = (field: string) => {
    const column = header.find((c) => !taken.has(c) && NAMES[field]!.test(c.trim()));
    if (column) taken.add(column);
    return column;
  };
  const samples = (column: string) => rows.map((r) => r[column]?.trim() ?? '');
  const mapping: Partial<Mapping> = {};
  const slug = find('slug');
  if (slug) mapping.slug = slug;
  mapping.title = find('title') ?? header[0] ?? 'title';
  taken.add(mapping.title);
  const end = find('end');
  const date = find('date') ?? header.find((c) => !taken.has(c) && dateFormatOf(samples(c)) !== undefined);
  if (date) {
    taken.add(date);
    const format = dateFormatOf(samples(date));
    mapping.date = format ? { column: date, format } : date;
  }
  if (end) mapping.end = dateFormatOf(samples(end)) ? { column: end, format: dateFormatOf(samples(end))! } : end;
  for (const field of ['summary', 'kind', 'status', 'place'] as const) {
    const column = find(field);
    if (column) mapping[field] = column;
  }
  const tags = find('tags');
  if (tags) mapping.tags = { column: tags, split: separatorOf(samples(tags)) ?? ';' };
  const actors = header.filter((c) => !taken.has(c) && NAMES.actors!.test(c.trim()));
  for (const column of actors) taken.add(column);
  if (actors.length) {
    mapping.actors = actors.map((column) => ({ column, split: separatorOf(samples(column)), role: 'participant', kind: 'PERSON' as const }));
  }
  const url = find('sourceUrl');
  const sourceTitle = find('sourceTitle');
  if (url || sourceTitle) mapping.source = { title: sourceTitle ?? url!, ...(url ? { url } : {}), kind: { value: 'news-report' } };
  return { mapping, unplaced: header.filter((c) => !taken.has(c)) };
}

/** The suggestion as a YAML file to edit, saying what to check. */
export function suggestionText(file: string, suggestion: ReturnType<typeof suggestMapping>): string {
  const lines = [
    `# A first mapping for ${file}, guessed from its header and first rows: check each line, then`,
    `#   chronicle import ${file} --map this-file.yaml --dry-run`,
    '# Fields: docs/imports.md. Dates: a column, with its format in dayjs tokens (D MMM YYYY) unless it is EDTF.',
    "# Actors: each column of names with the role they had (a participant role's slug) and their kind.",
  ];
  if (!suggestion.mapping.date) lines.push('# No date column was found: name one (date: Column).');
  if (suggestion.unplaced.length) lines.push(`# Not mapped: ${suggestion.unplaced.map((c) => JSON.stringify(c)).join(', ')}`);
  return `${lines.join('\n')}\n${stringify(suggestion.mapping)}`;
}
