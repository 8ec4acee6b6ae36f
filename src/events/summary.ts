// An event's summary is kept twice when it is given as HTML: the cleaned HTML, for pages and
// TimelineJS slides, and its plain text, which searches, CSV cells, calendars and JSON-LD read.
// Plain text given alone is kept as it is. The text is derived from the HTML, so the two agree.
import { cleanHtml, plainTextOf } from '../lib/rich-text.js';

export interface StoredSummary {
  summary: string | undefined;
  summaryHtml: string | undefined;
}

const words = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The summary as stored, from the plain text and the HTML a record gives. The HTML's text is the
 * summary; but a summary given that says something else was edited apart from it (a spreadsheet's
 * cell, an editor's change of the text alone), and is kept, as plain text: an edit is never lost.
 */
export function storedSummary(summary: string | null | undefined, html: string | null | undefined): StoredSummary {
  const given = summary?.trim() ? summary : undefined;
  const cleaned = html?.trim() ? cleanHtml(html) : '';
  const text = cleaned ? plainTextOf(cleaned) : '';
  if (!text || (given && words(given) !== words(text))) return { summary: given, summaryHtml: undefined };
  return { summary: text, summaryHtml: cleaned };
}
