// TimelineJS 3 JSON (https://timeline.knightlab.com/docs/json-format.html): a title slide that
// says how the export was made, and one slide per event with its dates at their own precision.
import escapeHtml from 'escape-html';
import { civil } from '../../dates/calendar.js';
import type { Medium } from '../../events/media.js';
import type { ExportEvent } from '../export-record.js';
import { exportSpan } from '../export-span.js';
import { countText, type ExportFormat, type ExportMeta } from './format.js';

interface TimelineDate {
  year: number;
  month?: number;
  day?: number;
  display_date?: string;
}

function timelineDate(at: bigint, precision: string): TimelineDate {
  const { year, month, day } = civil(at);
  const parts: TimelineDate = { year };
  if (precision !== 'YEAR') parts.month = month;
  if (!['YEAR', 'SEASON', 'MONTH'].includes(precision)) parts.day = day;
  return parts;
}

function slide(e: ExportEvent) {
  const sources = e.citations.map((c) => {
    const title = c.source.url ? `<a href="${escapeHtml(c.source.url)}">${escapeHtml(c.source.title)}</a>` : escapeHtml(c.source.title);
    const quote = c.quote ? ` &ldquo;${escapeHtml(c.quote)}&rdquo;` : '';
    return `<li>${c.stance === 'DISPUTES' ? '<strong>Disputed by</strong> ' : ''}${title}${c.source.publisher ? `, ${escapeHtml(c.source.publisher.name)}` : ''}${quote}</li>`;
  });
  const span = exportSpan(e);
  return {
    unique_id: e.slug,
    start_date: timelineDate(span.first, span.startPrecision),
    ...(e.date.form === 'INTERVAL' ? { end_date: timelineDate(span.last, span.endPrecision) } : {}),
    display_date: e.date.display,
    group: e.kind,
    // TimelineJS shows one medium a slide: the first. Its caption and credit are HTML there.
    ...(e.media[0] ? { media: timelineMedia(e.media[0]) } : {}),
    text: {
      headline: escapeHtml(e.title),
      text: `${e.summary ? `<p>${escapeHtml(e.summary)}</p>` : ''}<p>${escapeHtml(e.participants.map((p) => p.actor.name).join(', '))}</p><ul>${sources.join('')}</ul>`,
    },
  };
}

function timelineMedia(m: Medium) {
  return {
    url: m.url,
    ...(m.caption ? { caption: escapeHtml(m.caption) } : {}),
    ...(m.credit ? { credit: escapeHtml(m.credit) } : {}),
    ...(m.thumbnail ? { thumbnail: m.thumbnail } : {}),
  };
}

function titleSlide(meta: ExportMeta) {
  return {
    text: {
      headline: 'Chronicle',
      text: `<p>${countText(meta)}. Filter: ${escapeHtml(JSON.stringify(meta.filter))}. Data as of ${meta.dataTimestamp ?? 'unknown'}; ${meta.generator} ${meta.version}.</p>`,
    },
  };
}

export const timelinejs: ExportFormat = {
  name: 'timelinejs',
  extension: 'timeline.json',
  contentType: 'application/json; charset=utf-8',
  description: 'TimelineJS 3 JSON: load it into a Knight Lab timeline.',
  metaInBody: true,
  async *write(records, meta) {
    yield `{"title":${JSON.stringify(titleSlide(meta))},"events":[`;
    let first = true;
    for await (const record of records) {
      yield `${first ? '\n' : ',\n'}${JSON.stringify(slide(record))}`;
      first = false;
    }
    yield '\n]}\n';
  },
};
