// An event's summary is kept twice when it is given as HTML: the cleaned HTML, for pages and
// TimelineJS slides, and its plain text, which searches, CSV cells, calendars and JSON-LD read.
// The text is derived from the HTML, so the two always agree. When a file or an editor gives both
// and they disagree, one was edited apart from the other: compared with what is stored, the one
// that changed wins; when both changed, or there is nothing to compare with, the writer is asked.
import { cleanHtml, htmlOfText, plainTextOf } from '../lib/rich-text.js';

export interface StoredSummary {
  summary: string | undefined;
  summaryHtml: string | undefined;
}

export type ResolvedSummary = StoredSummary | { problem: string };

const words = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

const DISAGREE = 'summary and summaryHtml say different things: change one of them, or clear summaryHtml to keep the plain summary';

/**
 * The summary as stored, from the plain text and the HTML given (undefined: not given, null or
 * blank: none), and the event's stored summary when it has one.
 */
export function resolvedSummary(
  summary: string | null | undefined,
  html: string | null | undefined,
  stored?: { summary: string | null; summaryHtml: string | null },
): ResolvedSummary {
  const given = summary?.trim() ? summary : undefined;
  if (html === undefined) {
    // The HTML is not given (an older export, a spreadsheet): the stored one stays, if it still says the summary.
    const kept = stored?.summaryHtml && words(plainTextOf(stored.summaryHtml)) === words(given) ? stored.summaryHtml : undefined;
    return { summary: given, summaryHtml: kept };
  }
  const cleaned = html?.trim() ? cleanHtml(html) : '';
  const text = cleaned ? plainTextOf(cleaned) : '';
  if (!text) return { summary: given, summaryHtml: undefined };
  // Paragraphs of plain words are plain text: nothing for HTML to keep (an export writes a plain summary so).
  const kept = cleaned === htmlOfText(text) ? undefined : cleaned;
  if (!given || words(given) === words(text)) return { summary: text, summaryHtml: kept };
  if (stored) {
    const summaryChanged = words(given) !== words(stored.summary);
    const htmlChanged = cleaned !== (stored.summaryHtml ?? '');
    if (htmlChanged && !summaryChanged) return { summary: text, summaryHtml: kept };
    if (summaryChanged && !htmlChanged) return { summary: given, summaryHtml: undefined };
  }
  return { problem: DISAGREE };
}
