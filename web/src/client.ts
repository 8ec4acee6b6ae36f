// The explorer's GraphQL client: urql, against the server the page came from. The document cache
// keeps each answer until a mutation or a live update says its types changed.
import { cacheExchange, Client, fetchExchange } from '@urql/core';

export const client = new Client({ url: '/graphql', exchanges: [cacheExchange, fetchExchange] });
