// TimelineJS files, read as they are: the JSON TimelineJS loads (title, eras, events), and its
// Google Sheet template saved as CSV (Year, Month, Day, Time, ..., Headline, Text, Media, Type,
// Group, Background). Each slide becomes an event record as exports write them, so the one
// event-list reader checks it and the one writer writes it; the title slide and eras become the
// file's timeline, which holds the events. Nothing is invented: a slide without sources is an
// unsourced event, of type "other", status REPORTED, until an editor says more.
import path from 'node:path';
import { isMarkup, plainTextOf, withoutGenerated } from '../lib/rich-text.js';
import { slugFrom } from '../lib/slugs.js';
import { slugSchema } from '../lib/schemas.js';
import { ImportFileError, type RawRecord } from './import-problems.js';
import type { RecordSource } from './record-source.js';
import type { EventRecord } from '../records/record-schemas.js';
import { exportDate } from '../exports/export-record.js';
import { exportSpan } from '../exports/export-span.js';
import { timelineDate } from '../exports/formats/timelinejs.js';
import type { StoredFields } from './native-files.js';
import { headerOf, jsonOf, tableOf } from './source-shapes.js';

/** A date as TimelineJS gives it: numbers, or their digits (a sheet's cells, some JSON). */
interface SlideDate {
  year?: unknown;
  month?: unknown;
  day?: unknown;
  hour?: unknown;
  minute?: unknown;
  second?: unknown;
  display_date?: unknown;
}

interface Slide {
  start_date?: SlideDate;
  end_date?: SlideDate;
  display_date?: unknown;
  text?: { headline?: unknown; text?: unknown };
  media?: Record<string, unknown>;
  group?: unknown;
  background?: Record<string, unknown>;
  unique_id?: unknown;
  type?: unknown;
}

interface TimelineDocument {
  title?: Slide;
  eras?: Slide[];
  events: Slide[];
}

/** A TimelineJS file as Chronicle's records: one event record a slide, and the timeline holding them. */
export interface TimelineFile {
  records: RawRecord[];
  /** The timeline's record, checked by the writer's schema (timelines/timeline-record.ts). */
  timeline: Record<string, unknown> & { slug: string; events: string[] };
  /** What TimelineJS says that Chronicle does not keep. */
  warnings: string[];
}

/** The fields of a slide Chronicle keeps; anything else is named in a warning. */
const SLIDE_FIELDS = ['start_date', 'end_date', 'display_date', 'text', 'media', 'group', 'background', 'unique_id', 'type'];
const MEDIA_FIELDS = ['url', 'caption', 'credit', 'thumbnail', 'alt', 'link'];

const present = (value: unknown): value is string | number => (typeof value === 'string' && value.trim() !== '') || typeof value === 'number';
const textOf = (value: unknown) => (present(value) ? String(value).trim() : undefined);
/** What TimelineJS shows as HTML where Chronicle keeps words (a group, a display date): its text. */
const wordsOf = (value: unknown) => (present(value) ? plainTextOf(String(value)) || undefined : undefined);

class SlideProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A whole number from a TimelineJS date part ("1,815", 1815, "-44"), or undefined when blank. */
function part(date: SlideDate, key: keyof SlideDate, where: string): number | undefined {
  const value = date[key];
  if (!present(value)) return undefined;
  const number = Number(String(value).replace(/[\s,]/g, ''));
  if (!Number.isInteger(number)) throw new SlideProblem(`${where}.${key}`, `"${value}" is not a whole number`);
  return number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A TimelineJS date in EDTF. Its years before 1 are BCE with no year 0 (-44 is 44 BCE), where
 * EDTF's are astronomical (-0043); a time of day has no zone in TimelineJS, and none in EDTF.
 */
export function edtfOfSlideDate(date: SlideDate, where: string): string {
  const given = part(date, 'year', where);
  if (given === undefined) throw new SlideProblem(`${where}.year`, 'a date needs at least its year; years before 1 are negative (-500 is 500 BCE)');
  const year = given < 0 ? given + 1 : given;
  const digits = Math.abs(year) > 9999 ? `Y${year}` : `${year < 0 ? '-' : ''}${pad(Math.abs(year), 4)}`;
  const month = part(date, 'month', where);
  const day = part(date, 'day', where);
  const hour = part(date, 'hour', where);
  const minute = part(date, 'minute', where);
  const second = part(date, 'second', where);
  if (month === undefined) return digits;
  if (month < 1 || month > 12) throw new SlideProblem(`${where}.month`, `${month} is not a month; months run from 1 to 12`);
  if (day === undefined) return `${digits}-${pad(month)}`;
  const dated = `${digits}-${pad(month)}-${pad(day)}`;
  if (hour === undefined) return dated;
  return `${dated}T${pad(hour)}:${pad(minute ?? 0)}${second === undefined ? '' : `:${pad(second)}`}`;
}

/** A sheet's Time cell ("17:40", "5:40 PM", "17:40:05") as hours, minutes and seconds. */
function timeOfDay(text: string | undefined, where: string): Pick<SlideDate, 'hour' | 'minute' | 'second'> {
  if (!text) return {};
  const found = /^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap])?\.?m?\.?$/i.exec(text.trim());
  if (!found) throw new SlideProblem(where, `"${text}" is not a time of day; write it 17:40 or 5:40 PM`);
  let hour = Number(found[1]);
  const meridiem = found[4]?.toLowerCase();
  if (meridiem === 'p' && hour < 12) hour += 12;
  if (meridiem === 'a' && hour === 12) hour = 0;
  return { hour, minute: found[2] ?? 0, ...(found[3] ? { second: found[3] } : {}) };
}

/** A medium: a URL, or markup in its place (TimelineJS takes a quote or a frame); caption and credit as text. */
function mediumOf(media: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const url = textOf(media?.url);
  if (!media || !url) return undefined;
  return {
    ...(isMarkup(url) ? { html: url } : { url }),
    caption: wordsOf(media.caption),
    credit: wordsOf(media.credit),
    thumbnail: textOf(media.thumbnail),
    alt: wordsOf(media.alt),
    link: textOf(media.link),
  };
}

function backgroundOf(background: Record<string, unknown> | undefined) {
  if (!background) return undefined;
  const value = { url: textOf(background.url), color: textOf(background.color), alt: wordsOf(background.alt), opacity: textOf(background.opacity) };
  return Object.values(value).some(Boolean) ? value : undefined;
}

/** An event's slug: its unique_id (as a slug), or made from its date and headline as mapped imports make them. */
function slugOf(slide: Slide, date: string, title: string): string {
  const id = textOf(slide.unique_id);
  if (id) return slugSchema.safeParse(id).success ? id : slugFrom(id);
  return slugFrom(`${date} ${title}`);
}

/** One slide as the event record an export holds, or its problems. */
function eventRecord(slide: Slide, row: number, warnings: Set<string>): RawRecord {
  for (const key of Object.keys(slide)) if (!SLIDE_FIELDS.includes(key)) warnings.add(`slides' "${key}" (not kept)`);
  for (const key of Object.keys(slide.media ?? {})) if (!MEDIA_FIELDS.includes(key)) warnings.add(`media's "${key}" (not kept)`);
  try {
    if (!slide.start_date) throw new SlideProblem('start_date', 'a slide needs a start date, at least its year (only the title slide and eras go without)');
    const start = edtfOfSlideDate(slide.start_date, 'start_date');
    const end = slide.end_date && present(slide.end_date.year) ? edtfOfSlideDate(slide.end_date, 'end_date') : undefined;
    const date = end ? `${start}/${end}` : start;
    const summaryHtml = textOf(withoutGenerated(String(slide.text?.text ?? '')));
    // A title is what Chronicle lists an event by: the headline, else the text's first line.
    const title = plainTextOf(textOf(slide.text?.headline) ?? '') || (summaryHtml ? plainTextOf(summaryHtml).split('\n')[0]!.slice(0, 200) : '');
    if (!title) throw new SlideProblem('text.headline', 'a slide needs a headline or some text: Chronicle lists events by their title');
    const medium = mediumOf(slide.media);
    return {
      row,
      value: {
        slug: slugOf(slide, start, title),
        title,
        summaryHtml: summaryHtml ?? null,
        kind: 'other',
        status: 'REPORTED',
        date,
        media: medium ? [medium] : [],
        presentation: {
          group: wordsOf(slide.group),
          displayDate: wordsOf(slide.display_date),
          startDisplayDate: wordsOf(slide.start_date.display_date),
          endDisplayDate: wordsOf(slide.end_date?.display_date),
          background: backgroundOf(slide.background),
        },
      },
    };
  } catch (error) {
    if (!(error instanceof SlideProblem)) throw error;
    return { row, value: {}, problems: [{ field: error.field, message: error.message }] };
  }
}

/** An era's dates and words; an era without an end is refused by the timeline's checks. */
function eraRecord(era: Slide, index: number): Record<string, unknown> {
  const where = `eras[${index}]`;
  try {
    if (!era.start_date || !era.end_date) throw new SlideProblem(where, 'an era needs a start and an end date');
    return {
      date: `${edtfOfSlideDate(era.start_date, `${where}.start_date`)}/${edtfOfSlideDate(era.end_date, `${where}.end_date`)}`,
      headline: textOf(era.text?.headline),
      text: textOf(era.text?.text),
    };
  } catch (error) {
    if (!(error instanceof SlideProblem)) throw error;
    throw new ImportFileError(`${error.field}: ${error.message}`);
  }
}

/** A timeline's slug: its file's name, without its extensions ("women-in-computing.timeline.json"). */
function timelineSlugOf(file: string): string {
  return slugFrom(path.basename(file).replace(/(\.timeline)?\.(json|csv|xlsx)$/i, ''));
}

function timelineFile(document: TimelineDocument, file: string): TimelineFile {
  const name = path.basename(file);
  const warnings = new Set<string>();
  const object = (value: unknown): Slide => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Slide) : {});
  const records = document.events.map((slide, index) => eventRecord(object(slide), index + 1, warnings));
  if (document.eras !== undefined && !Array.isArray(document.eras))
    throw new ImportFileError(`${name}: eras must be a list of eras, each with a start_date, an end_date and a text`);
  let eras: Record<string, unknown>[];
  try {
    eras = (document.eras ?? []).map((era, index) => eraRecord(object(era), index));
  } catch (error) {
    throw error instanceof ImportFileError ? new ImportFileError(`${name}: ${error.message}`) : error;
  }
  const title = document.title;
  const timeline = {
    slug: timelineSlugOf(file),
    headline: textOf(title?.text?.headline),
    text: textOf(title?.text?.text),
    media: mediumOf(title?.media),
    background: backgroundOf(title?.background),
    eras,
    events: records.flatMap((r) => (r.problems ? [] : [(r.value as { slug: string }).slug])),
  };
  return {
    records,
    timeline,
    warnings: warnings.size ? [`${name}: TimelineJS fields Chronicle does not keep were left out: ${[...warnings].join(', ')}`] : [],
  };
}

/** Whether parsed JSON is a TimelineJS document: an object with a list of events. */
function isTimelineJson(value: unknown): value is TimelineDocument {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Array.isArray((value as { events?: unknown }).events);
}

/** The columns that say a CSV is TimelineJS's Google Sheet template. */
function isTimelineSheetHeader(header: string[]): boolean {
  // The template of TimelineJS 3; version 1's (Start Date, End Date) is not read.
  return header.includes('Headline') && header.includes('Year');
}

/** A sheet's rows as TimelineJS reads them (ConfigFactory.js): a "title" row, "era" rows, and slides. */
function timelineSheet(rows: Record<string, string>[], file: string): TimelineFile {
  const slides: Slide[] = [];
  const eras: Slide[] = [];
  let title: Slide | undefined;
  const rowProblems: RawRecord[] = [];
  // Rows as the sheet numbers them (the header is row 1; title and era rows count): one a slide.
  const slideRows: number[] = [];
  rows.forEach((row, index) => {
    const date = (prefix: '' | 'End ', timeColumn: string): SlideDate | undefined => {
      if (!row[`${prefix}Year`]) return undefined;
      return {
        year: row[`${prefix}Year`],
        month: row[`${prefix}Month`],
        day: row[`${prefix}Day`],
        ...timeOfDay(row[timeColumn], timeColumn),
      };
    };
    let slide: Slide;
    try {
      slide = {
        start_date: date('', 'Time'),
        end_date: date('End ', 'End Time'),
        display_date: row['Display Date'],
        text: { headline: row.Headline, text: row.Text },
        media: { url: row.Media, credit: row['Media Credit'], caption: row['Media Caption'], thumbnail: row['Media Thumbnail'], alt: row['Alt Text'] },
        group: row.Group || row.Tag,
        // A URL is a picture; anything else a colour, as TimelineJS takes the cell.
        background: row.Background ? (/^(https?:)?\/\//.test(row.Background) ? { url: row.Background } : { color: row.Background }) : undefined,
        unique_id: row['Unique ID'] || row.unique_id,
      };
    } catch (error) {
      if (!(error instanceof SlideProblem)) throw error;
      rowProblems.push({ row: index + 2, value: {}, problems: [{ field: error.field, message: error.message }] });
      return;
    }
    const type = (row.Type ?? '').toLowerCase();
    if (type === 'title') title = slide;
    else if (type === 'era') eras.push(slide);
    else {
      slides.push(slide);
      slideRows.push(index + 2);
    }
  });
  const read = timelineFile({ title, eras, events: slides }, file);
  return { ...read, records: [...read.records.map((r, i) => ({ ...r, row: slideRows[i]! })), ...rowProblems] };
}

/** A TimelineJS file's records, or undefined when the source holds something else. */
export async function timelineFileOf(source: RecordSource): Promise<TimelineFile | undefined> {
  const json = await jsonOf(source);
  if (json !== undefined) return isTimelineJson(json) ? timelineFile(json, source.name) : undefined;
  const header = await headerOf(source);
  return header && isTimelineSheetHeader(header) ? timelineSheet((await tableOf(source)).rows, source.name) : undefined;
}

/** A date as a TimelineJS export writes it and this reader reads it back: what a slide can say of it. */
function asSlideSays(edtf: string): string {
  const date = exportDate(edtf);
  const span = exportSpan({ date });
  const start = edtfOfSlideDate(timelineDate(span.first, span.startPrecision), 'start_date');
  return date.form === 'INTERVAL' ? `${start}/${edtfOfSlideDate(timelineDate(span.last, span.endPrecision), 'end_date')}` : start;
}

/**
 * A slide imported over an event that is there already: the slide says its title, summary, date,
 * first medium and presentation; what TimelineJS cannot say (its type, status, place, tags, its
 * other media) stays as an editor made it. A date the slide says as the stored one would be said
 * keeps its stored EDTF ("about May 2017" is a May 2017 slide), and Chronicle's words for it are
 * no display date of the author's.
 */
export function mergeSlide(record: EventRecord, stored: StoredFields): EventRecord {
  let asSaid = false;
  try {
    asSaid = asSlideSays(stored.date) === record.date;
  } catch {
    // A stored date TimelineJS cannot say at all: the slide's stands.
  }
  const { displayDate, ...presentation } = record.presentation;
  const ownWords = asSaid && displayDate === exportDate(stored.date).display;
  return {
    ...record,
    kind: stored.kind,
    status: stored.status,
    place: stored.place,
    tags: stored.tags,
    media: record.media.length ? [record.media[0]!, ...stored.media.slice(1)] : stored.media,
    date: asSaid ? stored.date : record.date,
    presentation: ownWords ? presentation : record.presentation,
  };
}
