// Events as the timeline draws them, with honest dates: a day is a point; a month, a season or a
// year is a band over the whole of it (May 2017 is not 1 May); an interval runs from its start to
// its end, an ongoing one up to now and drawn open; "on or before" a date ends at that date with
// its start left open. Approximate and uncertain dates are marked, and so are disputed events.
import type { DataItem } from 'vis-timeline';
import { type FragmentOf, graphql, readFragment } from '../graphql.js';

export const TimelineEventFragment = graphql(`
  fragment TimelineEvent on Event {
    slug
    title
    disputed
    type { label }
    date {
      display
      form
      precision
      approximate
      uncertain
      ongoing
      earliest
      latest
      startBound
      endBound
    }
  }
`);

export type TimelineEvent = FragmentOf<typeof TimelineEventFragment>;

const POINT_PRECISIONS = new Set(['DAY', 'MINUTE', 'SECOND']);

/** The item's label: its title and its date as people write it, as text (never markup). */
function labelOf(title: string, display: string, disputed: boolean): HTMLElement {
  const label = document.createElement('span');
  label.className = 'item-label';
  if (disputed) {
    const mark = document.createElement('span');
    mark.className = 'disputed-mark';
    mark.textContent = '⚑ ';
    mark.title = 'Disputed by a source';
    label.append(mark);
  }
  const text = document.createElement('span');
  text.textContent = title;
  const when = document.createElement('span');
  when.className = 'item-date';
  when.textContent = display;
  label.append(text, when);
  return label;
}

/** The tooltip, as text: vis-timeline puts a string in as HTML. */
function tooltipOf(text: string): HTMLElement {
  const tip = document.createElement('span');
  tip.textContent = text;
  return tip;
}

/** The item for one event, or null when its date cannot be placed (no known instant either side). */
export function timelineItemOf(masked: TimelineEvent, now = new Date()): DataItem | null {
  const event = readFragment(TimelineEventFragment, masked);
  const { date } = event;
  const classes = [event.disputed ? 'disputed' : '', date.approximate ? 'approximate' : '', date.uncertain ? 'uncertain' : ''];
  const item = (fields: Omit<DataItem, 'id' | 'content'>, ...more: string[]): DataItem => ({
    id: event.slug,
    content: labelOf(event.title, date.display, event.disputed) as unknown as string,
    title: tooltipOf(`${event.title}: ${date.display}${event.disputed ? ' (disputed)' : ''} · ${event.type.label}`) as unknown as string,
    className: [...classes, ...more].filter(Boolean).join(' '),
    ...fields,
  });
  const earliest = date.earliest ? new Date(date.earliest) : null;
  const latest = date.latest ? new Date(date.latest) : null;
  if (date.form === 'INTERVAL' && date.ongoing && earliest) return item({ type: 'range', start: earliest, end: now }, 'open-end');
  if (earliest && latest) {
    const exact = POINT_PRECISIONS.has(date.precision);
    if (date.form === 'DATE' && exact) return item({ type: 'point', start: earliest });
    // An interval between two days is that span; a month, a season, a year is a band over it.
    return item(
      { type: 'range', start: earliest, end: latest },
      ...(date.form === 'INTERVAL' && exact ? [] : ['band', `precision-${date.precision.toLowerCase()}`]),
    );
  }
  // One side unknown or open: drawn from the side that is known, open toward the other.
  if (earliest) return item({ type: 'point', start: earliest }, 'open-end');
  if (latest) return item({ type: 'point', start: latest }, 'open-start');
  return null;
}
