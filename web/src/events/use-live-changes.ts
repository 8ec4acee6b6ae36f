// Live updates: the events a filter matches, heard of as each write commits (eventsChanged).
// The page counts the writes it heard of; what shows events reads them again when it changes.
import { useSubscription } from '@urql/preact';
import { graphql } from '../graphql.js';
import { type ExplorerFilter, eventFilterOf } from '../view-state.js';

export const EventsChangedSubscription = graphql(`
  subscription ExplorerEventsChanged($filter: EventFilter) {
    eventsChanged(filter: $filter) { more created { slug } updated { slug } retired { slug } }
  }
`);

/** How many writes to the filter's events this page has heard of since it opened (a reconnection counts: writes may have been missed). */
export function useLiveChanges(filter: ExplorerFilter): number {
  const [{ data }] = useSubscription({ query: EventsChangedSubscription, variables: { filter: eventFilterOf(filter) } }, (heard: number = 0) => heard + 1);
  return data ?? 0;
}
