// The explorer's GraphQL client: urql, against the server the page came from. Operations go by
// their hash alone (the set the build persisted, operations.ts): queries as GET requests, which a
// cache may keep, and the live subscription as Server-Sent Events, which the browser reconnects.
import { cacheExchange, Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';

/** A subscription over GraphQL's Server-Sent Events transport (Yoga's "distinct connections" mode). */
const overServerSentEvents = subscriptionExchange({
  forwardSubscription: (request) => ({
    subscribe: (sink) => {
      const url = new URL('/graphql', location.href);
      if (request.query) url.searchParams.set('query', request.query);
      if (request.operationName) url.searchParams.set('operationName', request.operationName);
      url.searchParams.set('variables', JSON.stringify(request.variables ?? {}));
      if (request.extensions) url.searchParams.set('extensions', JSON.stringify(request.extensions));
      const source = new EventSource(url);
      source.addEventListener('next', (event) => sink.next(JSON.parse((event as MessageEvent<string>).data)));
      // The browser reconnects a dropped stream by itself, but writes made meanwhile were never
      // heard: once it is back, an empty message (marked reconnected) has what it shows read again.
      let dropped = false;
      source.addEventListener('error', () => {
        dropped = true;
      });
      source.addEventListener('open', () => {
        if (dropped) sink.next({ data: {}, extensions: { reconnected: true } });
        dropped = false;
      });
      source.addEventListener('complete', () => {
        source.close();
        sink.complete();
      });
      return { unsubscribe: () => source.close() };
    },
  }),
});

export const client = new Client({
  url: '/graphql',
  exchanges: [
    cacheExchange,
    persistedExchange({ enforcePersistedQueries: true, preferGetForPersistedQueries: true, enableForSubscriptions: true }),
    overServerSentEvents,
    fetchExchange,
  ],
});
