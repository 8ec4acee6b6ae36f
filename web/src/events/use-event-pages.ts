// The events a filter matches, a page of 100 at a time with Relay cursors: the first page when the
// filter changes, the next one after the last page's endCursor when asked. The pages of an earlier
// filter are dropped as soon as the filter changes, so an answer that comes late never mixes in.
import { useClient } from '@urql/preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
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

/**
 * The filter's events. `version` changes when a write changed them: they are read again from the
 * server, and those shown stay until the new ones come.
 */
export function useEventPages(filter: ExplorerFilter, version = 0): Pages & { loadMore: () => void } {
  const client = useClient();
  const key = JSON.stringify(filter);
  const [pages, setPages] = useState<Pages & { key: string }>({ key, events: [], total: 0, exact: true, next: null, loading: true });

  const fetchPage = useCallback(
    async (after: string | null) => {
      setPages((p) => ({ ...(p.key === key ? p : { events: [], total: 0, exact: true, next: null }), key, loading: true }));
      const result = await client
        .query(EventsPageQuery, { filter: eventFilterOf(filter), after }, { requestPolicy: version ? 'network-only' : 'cache-first' })
        .toPromise();
      setPages((p) => {
        if (p.key !== key) return p;
        if (result.error || !result.data) return { ...p, loading: false, error: result.error?.message ?? 'no answer' };
        const { events } = result.data;
        return {
          key,
          events: [...(after ? p.events : []), ...events.edges.map((e) => e.node)],
          total: events.totalCount,
          exact: events.totalCountExact,
          next: events.pageInfo.hasNextPage ? (events.pageInfo.endCursor ?? null) : null,
          loading: false,
        };
      });
    },
    [client, key, version],
  );

  useEffect(() => {
    void fetchPage(null);
  }, [fetchPage]);

  const current = pages.key === key ? pages : { events: [], total: 0, exact: true, next: null, loading: true };
  return { ...current, loadMore: () => current.next && void fetchPage(current.next) };
}
