// The events a filter matches, a page of 100 at a time with Relay cursors: the first page when the
// filter changes, the next one after the last page's endCursor when asked, and as many as are
// shown again when a write changed them (`version`). Each read supersedes the ones before it: an
// answer that comes late (an earlier filter's, a page read before a write) is dropped.
import { useClient } from '@urql/preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { graphql, type ResultOf } from '../graphql.js';
import { type ExplorerFilter, eventFilterOf } from '../view-state.js';
import { TimelineEventFragment } from '../timeline/timeline-items.js';
import { EventListItemFragment } from './event-list.js';

export const EventsPageQuery = graphql(
  `
  query ExplorerEvents($filter: EventFilter, $after: String) {
    events(filter: $filter, first: 100, after: $after) {
      totalCount
      totalCountExact
      pageInfo { hasNextPage endCursor }
      edges { node { slug ...TimelineEvent ...EventListItem } }
    }
  }
`,
  [TimelineEventFragment, EventListItemFragment],
);

export type ListedEvent = ResultOf<typeof EventsPageQuery>['events']['edges'][number]['node'];

interface Pages {
  events: ListedEvent[];
  total: number;
  exact: boolean;
  next: string | null;
  loading: boolean;
  error?: string;
}

const NONE: Pages = { events: [], total: 0, exact: true, next: null, loading: true };

export function useEventPages(filter: ExplorerFilter, version = 0): Pages & { loadMore: () => void } {
  const client = useClient();
  const key = JSON.stringify(filter);
  const [pages, setPages] = useState<Pages & { key: string }>({ ...NONE, key });
  const latest = useRef(0);
  const shown = useRef(pages);
  shown.current = pages;

  /** Reads pages from `after` until `upTo` events are read (or none are left), then shows them. */
  const read = useCallback(
    async (after: string | null, upTo: number, fresh: boolean) => {
      const request = ++latest.current;
      setPages((p) => ({ ...(p.key === key ? p : NONE), key, loading: true }));
      const events: ListedEvent[] = [];
      let cursor = after;
      let last: ResultOf<typeof EventsPageQuery>['events'] | undefined;
      do {
        const result = await client
          .query(EventsPageQuery, { filter: eventFilterOf(filter), after: cursor }, { requestPolicy: fresh ? 'network-only' : 'cache-first' })
          .toPromise();
        if (request !== latest.current) return;
        if (result.error || !result.data) {
          setPages((p) => ({ ...p, loading: false, error: result.error?.message ?? 'no answer' }));
          return;
        }
        last = result.data.events;
        events.push(...last.edges.map((e) => e.node));
        cursor = last.pageInfo.hasNextPage ? (last.pageInfo.endCursor ?? null) : null;
      } while (cursor && events.length < upTo);
      const found = last!;
      setPages((p) => ({
        key,
        events: after ? [...p.events, ...events] : events,
        total: found.totalCount,
        exact: found.totalCountExact,
        next: cursor,
        loading: false,
      }));
    },
    [client, key],
  );

  useEffect(() => {
    void read(null, 100, false);
  }, [read]);
  useEffect(() => {
    if (version) void read(null, Math.max(100, shown.current.events.length), true);
  }, [version]);

  const current = pages.key === key ? pages : { ...NONE };
  return { ...current, loadMore: () => current.next && void read(current.next, 100, false) };
}
