// The explorer's GraphQL client: urql, against the server the page came from. The document cache
// keeps each answer until a mutation or a live update says its types changed. Operations go by
// their hash alone, as GET requests (cacheable), from the set the build persisted (operations.ts).
import { cacheExchange, Client, fetchExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';

export const client = new Client({
  url: '/graphql',
  exchanges: [cacheExchange, persistedExchange({ enforcePersistedQueries: true, preferGetForPersistedQueries: true }), fetchExchange],
});
