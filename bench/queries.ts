// The requests the bench measures, as a frontend and a researcher make them, with their variables
// picked from the generated data: an average actor, a deep cursor, two actors a path joins.
import type { Database } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { createChronicleYoga } from '../src/yoga.js';
import { TOPICS } from './generate.js';

export interface BenchQuery {
  name: string;
  body: { query: string; variables?: Record<string, unknown> };
}

const EVENT_CARD = `slug title date { edtf display }
  participants { role actor { slug name } }
  citations { stance source { slug title publisher { name } } }`;

/** The timeline page: the shape of the floor's statement (bench/floors.ts), plus display dates. */
export const TIMELINE = `query Timeline {
  events(first: 50, filter: { from: "2001" }) { edges { cursor node { ${EVENT_CARD} } } pageInfo { endCursor hasNextPage } }
}`;

export async function benchQueries(database: Database, size: number): Promise<BenchQuery[]> {
  const yoga = createChronicleYoga(createLogger('silent'), { client: () => database.client });
  const ask = async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
    const response = await yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const json = (await response.json()) as { data: T; errors?: unknown };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    return json.data;
  };
  // An actor with the median number of events; two actors the path query must join through others.
  const [median] = await database.client.$queryRaw<{ slug: string }[]>`
    SELECT a.slug FROM "Actor" a JOIN "Participation" p ON p."actorId" = a.id
     GROUP BY a.id, a.slug ORDER BY count(*), a.slug OFFSET (SELECT count(*) / 2 FROM "Actor") LIMIT 1`;
  const actor = median!.slug;
  // A cursor 60 events before the end: paging backward from the end is a keyset walk too.
  const end = await ask<{ events: { edges: { cursor: string }[] } }>('{ events(last: 60) { edges { cursor } } }');
  const deep = end.events.edges[0]!.cursor;
  const topic = TOPICS[3]!;
  const middleYear = 2000 + Math.floor(size / 24 / 365 / 2);
  // Two actors of that year far apart in the actor graph (the first and last by slug), so that a
  // path exists within the year at every size and takes several hops to find.
  const [ends] = await database.client.$queryRaw<{ first: string; last: string }[]>`
    SELECT min(a.slug) AS first, max(a.slug) AS last
      FROM "Actor" a JOIN "Participation" p ON p."actorId" = a.id JOIN "Event" e ON e.id = p."eventId"
     WHERE e."spanStart" BETWEEN ${BigInt(Date.UTC(middleYear, 0, 1))} AND ${BigInt(Date.UTC(middleYear + 1, 0, 1)) - 1n}`;

  return [
    { name: 'timeline page', body: { query: TIMELINE } },
    {
      // The same page as Chronicle had it a moment ago: the tables then, read through the history.
      name: 'timeline page asOf a moment ago',
      body: {
        query: `query ($asOf: DateTime) { events(first: 50, filter: { from: "2001" }, asOf: $asOf) { edges { cursor node { ${EVENT_CARD} } } totalCount } }`,
        variables: { asOf: new Date().toISOString() },
      },
    },
    {
      name: "an average actor's 50 events",
      body: { query: `query ($actor: String!) { actor(slug: $actor) { events(first: 50) { edges { node { ${EVENT_CARD} } } } } }`, variables: { actor } },
    },
    {
      name: 'actor page (actor + 20 events, count)',
      body: {
        query: `query ($actor: String!) { actor(slug: $actor) { name kind aliases affiliations { role } events(first: 20) { totalCount edges { node { slug title date { display } } } } } }`,
        variables: { actor },
      },
    },
    {
      name: 'deep page (60 from the end)',
      body: { query: `query ($after: String) { events(first: 50, after: $after) { edges { node { ${EVENT_CARD} } } } }`, variables: { after: deep } },
    },
    { name: 'totalCount of everything', body: { query: '{ events(first: 1) { totalCount } }' } },
    {
      name: `text search "${topic}", 20 with snippets`,
      body: {
        query: `query ($text: String!) { events(first: 20, filter: { text: $text }) { edges { node { slug title snippet } } } }`,
        variables: { text: topic },
      },
    },
    // Years: a million generated events span over a century, more months than a histogram gives.
    { name: 'histogram by year, all events', body: { query: '{ histogram(bucket: YEAR) { total buckets { started underway } } }' } },
    {
      name: `histogram by day, ${middleYear}`,
      body: {
        query: `query ($year: String!) { histogram(bucket: DAY, filter: { from: $year, to: $year }) { total buckets { started underway } } }`,
        variables: { year: String(middleYear) },
      },
    },
    {
      name: "an actor's associates (20)",
      body: {
        query: `query ($actor: String!) { actor(slug: $actor) { associates(first: 20) { totalCount edges { node { sharedEventCount actor { slug } } } } } }`,
        variables: { actor },
      },
    },
    {
      name: `path between two actors, ${middleYear}`,
      body: {
        query: `query ($from: String!, $to: String!, $year: String!) { path(from: $from, to: $to, filter: { from: $year, to: $year }) { hops steps { actor { slug } via { slug } } } }`,
        variables: { from: ends!.first, to: ends!.last, year: String(middleYear) },
      },
    },
    {
      name: `network, ${middleYear}, 100 edges`,
      body: {
        query: `query ($year: String!) { network(filter: { from: $year, to: $year }) { edges { weight source { slug } target { slug } } } }`,
        variables: { year: String(middleYear) },
      },
    },
  ];
}
