// The events on the timeline as a list: what a keyboard and a screen reader use (the timeline is
// drawn for the eye), with each event's date, type, and the passages a text search found.
import { type FragmentOf, graphql, readFragment } from '../graphql.js';

export const EventListItemFragment = graphql(`
  fragment EventListItem on Event {
    slug
    title
    disputed
    snippet
    type { label }
    date { display }
  }
`);

interface Props {
  events: FragmentOf<typeof EventListItemFragment>[];
  selected: string | undefined;
  onSelect: (slug: string) => void;
}

export function EventList({ events, selected, onSelect }: Props) {
  return (
    <ol class="event-list" aria-label="Events">
      {events.map((masked) => {
        const event = readFragment(EventListItemFragment, masked);
        return (
          <li key={event.slug} data-slug={event.slug}>
            <button type="button" class="event-row" aria-current={event.slug === selected ? 'true' : undefined} onClick={() => onSelect(event.slug)}>
              <span class="event-row-date">{event.date.display}</span>
              <span class="event-row-title">
                {event.disputed && (
                  <span class="disputed-mark" title="Disputed by a source">
                    ⚑ <span class="visually-hidden">Disputed: </span>
                  </span>
                )}
                {event.title}
              </span>
              <span class="event-row-type">{event.type.label}</span>
              {/* The snippet is the server's: HTML-escaped text with the matched words in <mark>. */}
              {event.snippet && <span class="event-row-snippet" dangerouslySetInnerHTML={{ __html: event.snippet }} />}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
