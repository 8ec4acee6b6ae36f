// TimelineJS 3 JSON (https://timeline.knightlab.com/docs/json-format.html): one slide per event
// with its dates at their own precision, a title slide, and eras. An export of one timeline (the
// filter names it alone) gives that timeline's own title slide and eras, and each event's group,
// background and display dates as it was imported: a TimelineJS file comes back as it went in.
// Otherwise the title slide says how the export was made. TimelineJS shows headline, text,
// captions and credits as HTML: all of it is escaped, or cleaned by the allow-list again.
import escapeHtml from 'escape-html';
import { civil } from '../../dates/calendar.js';
import type { Medium } from '../../events/media.js';
import type { Background, Presentation } from '../../events/presentation.js';
import { cleanEmbedHtml, cleanHtml, generatedBlock, htmlOfText } from '../../lib/rich-text.js';
import { attributeSafeUrl } from '../../lib/schemas.js';
import type { EraRecord, TimelineRecord } from '../../timelines/timeline-record.js';
import { exportDate, type ExportEvent } from '../export-record.js';
import { exportSpan } from '../export-span.js';
import { countText, type ExportContext, type ExportFormat, type ExportMeta } from './format.js';

interface TimelineDate {
  year: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  display_date?: string;
}

const MS_PER_DAY = 86_400_000n;

/**
 * A TimelineJS date at a precision. TimelineJS numbers the years before 1 as BCE with no year 0
 * (-44 is 44 BCE), where Chronicle's are astronomical (-43 is 44 BC).
 */
export function timelineDate(at: bigint, precision: string, display?: string): TimelineDate {
  const { year, month, day } = civil(at);
  const parts: TimelineDate = { year: year <= 0 ? year - 1 : year };
  if (precision !== 'YEAR') parts.month = month;
  if (!['YEAR', 'SEASON', 'MONTH'].includes(precision)) parts.day = day;
  if (precision === 'MINUTE' || precision === 'SECOND') {
    const within = Number(((at % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY);
    parts.hour = Math.floor(within / 3_600_000);
    parts.minute = Math.floor(within / 60_000) % 60;
    if (precision === 'SECOND') parts.second = Math.floor(within / 1_000) % 60;
  }
  if (display) parts.display_date = escapeHtml(display);
  return parts;
}

/** The slide's text: the summary (its HTML, cleaned again), who took part, and the sources. */
function slideText(e: ExportEvent, label: ExportContext['label']): string {
  const summary = e.summaryHtml ? cleanHtml(e.summaryHtml) : e.summary ? htmlOfText(e.summary) : '';
  const people = e.participants.length
    ? `<p>${e.participants.map((p) => `${escapeHtml(p.actor.name)} (${escapeHtml(label('ROLE_TYPE', p.role))})`).join(', ')}</p>`
    : '';
  const sources = e.citations.map((c) => {
    const title = c.source.url ? `<a href="${escapeHtml(c.source.url)}">${escapeHtml(c.source.title)}</a>` : escapeHtml(c.source.title);
    const quote = c.quote ? ` &ldquo;${escapeHtml(c.quote)}&rdquo;` : '';
    return `<li>${c.stance === 'DISPUTES' ? '<strong>Disputed by</strong> ' : ''}${title}${c.source.publisher ? `, ${escapeHtml(c.source.publisher.name)}` : ''}${quote}</li>`;
  });
  // Who and who says so are the export's words, not the summary: an import of the file leaves them out.
  return `${summary}${generatedBlock(`${people}${sources.length ? `<ul>${sources.join('')}</ul>` : ''}`)}`;
}

/** Whether TimelineJS's own date parts say all the date does: no about, uncertain, range, open or unknown side, season. */
function plainlySaid(e: ExportEvent): boolean {
  const { edtf, form, precision } = e.date;
  return form !== 'ONE_OF' && precision !== 'SEASON' && !/[~?%X]|\.\.|^\/|\/$/.test(edtf);
}

/**
 * A slide. In an export of one timeline (`asAuthored`), as its author made it: their group and
 * display dates, and Chronicle's words for a date only where TimelineJS's parts cannot say it.
 * Otherwise each slide has Chronicle's words for its date, and its type's label as its group.
 */
function slide(e: ExportEvent, label: ExportContext['label'], asAuthored: boolean) {
  const span = exportSpan(e);
  const shown: Presentation = e.presentation;
  const display = shown.displayDate ?? (asAuthored && plainlySaid(e) ? undefined : e.date.display);
  const group = shown.group ?? (asAuthored ? undefined : label('EVENT_TYPE', e.kind));
  return {
    unique_id: e.slug,
    start_date: timelineDate(span.first, span.startPrecision, shown.startDisplayDate),
    ...(e.date.form === 'INTERVAL' ? { end_date: timelineDate(span.last, span.endPrecision, shown.endDisplayDate) } : {}),
    // TimelineJS shows these as HTML too: Chronicle's words, escaped.
    ...(display ? { display_date: escapeHtml(display) } : {}),
    ...(group ? { group: escapeHtml(group) } : {}),
    ...(shown.background ? { background: timelineBackground(shown.background) } : {}),
    // TimelineJS shows one medium a slide: the first.
    ...(e.media[0] ? { media: timelineMedia(e.media[0]) } : {}),
    text: { headline: escapeHtml(e.title), text: slideText(e, label) },
  };
}

/** A medium as TimelineJS takes it: a URL, or markup (cleaned again) in its place; caption and credit are HTML there. */
function timelineMedia(m: Medium) {
  // URLs again made safe in an attribute (they were when written; a dump restores what it holds),
  // alt text escaped: TimelineJS builds some frames and images by concatenating strings.
  return {
    url: m.url ? attributeSafeUrl(m.url) : cleanEmbedHtml(m.html ?? ''),
    ...(m.caption ? { caption: escapeHtml(m.caption) } : {}),
    ...(m.credit ? { credit: escapeHtml(m.credit) } : {}),
    ...(m.thumbnail ? { thumbnail: attributeSafeUrl(m.thumbnail) } : {}),
    ...(m.alt ? { alt: escapeHtml(m.alt) } : {}),
    ...(m.link ? { link: attributeSafeUrl(m.link) } : {}),
  };
}

function timelineBackground(b: Background): Background {
  return { ...b, ...(b.url ? { url: attributeSafeUrl(b.url) } : {}), ...(b.alt ? { alt: escapeHtml(b.alt) } : {}) };
}

/** A headline and text as TimelineJS holds them, cleaned again, absent parts left out. */
function text(headline: string | undefined, body: string | undefined) {
  return { ...(headline ? { headline: cleanHtml(headline) } : {}), ...(body ? { text: cleanHtml(body) } : {}) };
}

function era(e: EraRecord) {
  const span = exportSpan({ date: exportDate(e.date) });
  return { start_date: timelineDate(span.first, span.startPrecision), end_date: timelineDate(span.last, span.endPrecision), text: text(e.headline, e.text) };
}

function titleSlide(meta: ExportMeta, timeline: TimelineRecord | undefined) {
  if (!timeline) {
    return {
      text: {
        headline: 'Chronicle',
        text: `<p>${countText(meta)}. Filter: ${escapeHtml(JSON.stringify(meta.filter))}. Data as of ${meta.dataTimestamp ?? 'unknown'}; ${meta.generator} ${meta.version}.</p>`,
      },
    };
  }
  return {
    text: text(timeline.headline, timeline.text),
    ...(timeline.media ? { media: timelineMedia(timeline.media) } : {}),
    ...(timeline.background ? { background: timelineBackground(timeline.background) } : {}),
  };
}

export const timelinejs: ExportFormat = {
  name: 'timelinejs',
  extension: 'timeline.json',
  contentType: 'application/json; charset=utf-8',
  description: "TimelineJS 3 JSON: load it into a Knight Lab timeline. Filtered to one timeline, it has that timeline's title slide and eras.",
  metaInBody: true,
  forReaders: true,
  async *write(records, meta, { label, timeline }) {
    const eras = timeline?.eras.length ? `"eras":${JSON.stringify(timeline.eras.map(era))},` : '';
    yield `{"title":${JSON.stringify(titleSlide(meta, timeline))},${eras}"events":[`;
    let first = true;
    for await (const record of records) {
      yield `${first ? '\n' : ',\n'}${JSON.stringify(slide(record, label, timeline !== undefined))}`;
      first = false;
    }
    yield '\n]}\n';
  },
};
