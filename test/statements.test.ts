// Holds the number of SQL statements per request to a constant that does not grow with the page:
// nested selections must fold into plugin-prisma's queries, never run once per row.
import { describe, expect, it } from 'vitest';
import { eventTimeOf } from '../src/dates/event-time.js';
import { useTestDatabase, type TestDatabase } from './helpers/database.js';
import { graphql, query } from './helpers/graphql.js';

/** Enough events for pages of 50, each with two participants and two citations. */
async function addGeneratedEvents({ client }: TestDatabase) {
  const [trump, macron] = await Promise.all(['donald-trump', 'emmanuel-macron'].map((slug) => client.actor.findUniqueOrThrow({ where: { slug } })));
  const [article, ap] = await Promise.all(['seed-article', 'ap-cellphone-diplomacy'].map((slug) => client.source.findUniqueOrThrow({ where: { slug } })));
  for (let i = 0; i < 60; i += 1) {
    const other = await client.actor.create({ data: { slug: `generated-actor-${i}`, name: `Generated actor ${i}`, kind: 'PERSON' } });
    const edtf = `2016-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    await client.event.create({
      data: {
        slug: `generated-${i}`,
        title: `Generated meeting ${i}`,
        kind: 'meeting',
        status: 'REPORTED',
        ...eventTimeOf(edtf),
        participants: {
          create: [
            { actorId: trump!.id, role: 'initiator' },
            { actorId: macron!.id, role: 'recipient' },
            { actorId: other.id, role: 'participant' },
          ],
        },
        citations: { create: [{ sourceId: article!.id }, { sourceId: ap!.id, stance: 'DISPUTES' }] },
      },
    });
  }
}

const database = useTestDatabase({ prepare: addGeneratedEvents });

const PAGE = graphql(`query Page($first: Int!) {
  events(first: $first, filter: { from: "2016" }) {
    totalCount
    edges {
      node {
        slug title disputed
        date { display }
        participants { role actor { name affiliations { role organisation { name } } } }
        citations { stance quote source { title publisher { name } basedOn { title } } }
      }
    }
  }
}`);

/** How many SQL statements running an operation costs. */
async function statementsFor(run: () => Promise<unknown>): Promise<number> {
  const before = database().statements.count;
  await run();
  return database().statements.count - before;
}

describe('a page of events with participants, actors, citations and sources', () => {
  it('costs the same few statements for 5 events as for 50', async () => {
    const small = await statementsFor(() => query(PAGE, { first: 5 }));
    const large = await statementsFor(() => query(PAGE, { first: 50 }));
    expect(large).toBe(small);
    // The page's ids, the page with all it shows (one joined statement), and the count.
    expect(small).toBe(3);
  });

  it('counts in one statement when only the count is asked for', async () => {
    const counts = graphql(`{ events(filter: { from: "2016" }) { totalCount totalCountExact } }`);
    expect(await statementsFor(() => query(counts))).toBe(1);
  });

  it("costs the same for an actor's events at any page size", async () => {
    const actorPage = graphql(`query ($first: Int!) {
      actor(slug: "donald-trump") { events(first: $first) { totalCount edges { node { slug participants { actor { slug } } citations { source { slug } } } } } }
    }`);
    const small = await statementsFor(() => query(actorPage, { first: 5 }));
    const large = await statementsFor(() => query(actorPage, { first: 50 }));
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(8);
  });
});

describe('chronology and relationship queries cost the same at 5 and at 50 results', () => {
  // Each case runs its operation for a page of n.
  const cases: [string, (n: number) => Promise<unknown>][] = [
    [
      'a text search with snippets, by relevance',
      (n) =>
        query(
          graphql(`query ($n: Int!) {
      events(first: $n, filter: { text: "generated meeting" }, orderBy: RELEVANCE) { totalCount edges { node { slug snippet participants { actor { slug } } } } }
    }`),
          { n },
        ),
    ],
    [
      'what was known by a date, with its evidence',
      (n) =>
        query(
          graphql(`query ($n: Int!) {
      events(first: $n, filter: { knownBy: "2017-06-04" }) { edges { node { slug disputed citations { stance source { slug } } } } }
    }`),
          { n },
        ),
    ],
    [
      "an actor's associates with their shared events",
      (n) =>
        query(
          graphql(`query ($n: Int!) {
      actor(slug: "donald-trump") { associates(first: $n) { totalCount edges { node {
        actor { slug affiliations { role } } sharedEventCount firstShared { slug } lastShared { slug participants { actor { slug } } }
        sharedEvents(first: 3) { edges { node { slug citations { source { slug } } } } }
      } } } }
    }`),
          { n },
        ),
    ],
    [
      'the events two actors share',
      (n) =>
        query(
          graphql(`query ($n: Int!) {
      relationship(a: "donald-trump", b: "emmanuel-macron") { a { slug } b { slug } affiliations { role } sources { slug }
        sharedEvents(first: $n) { totalCount edges { node { slug participants { actor { slug } } } } } }
    }`),
          { n },
        ),
    ],
    [
      'a network of actors',
      (n) =>
        query(
          graphql(`query ($n: Int!) {
      network(limit: $n) { nodes { actor { slug } eventCount } edges { source { slug } target { slug } weight events { slug participants { role } } } }
    }`),
          { n },
        ),
    ],
    [
      'events with their links and neighbours',
      (n) =>
        query(
          graphql(`query ($n: Int!) {
      events(first: $n, filter: { actors: ["donald-trump"] }) { edges { node { slug
        related { kind direction event { slug participants { actor { slug } } } }
        previous { slug } next { slug participants { role } }
      } } }
    }`),
          { n },
        ),
    ],
  ];

  it.each(cases)('%s', async (_name, run) => {
    const small = await statementsFor(() => run(5));
    const large = await statementsFor(() => run(50));
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(20);
  });

  it('a histogram and a path cost a fixed handful', async () => {
    expect(
      await statementsFor(() => query(graphql('{ histogram(bucket: MONTH, filter: { actors: ["donald-trump"] }) { total buckets { started underway } } }'))),
    ).toBeLessThanOrEqual(4);
    expect(
      await statementsFor(() =>
        query(graphql('{ path(from: "generated-actor-1", to: "malcolm-turnbull", maxHops: 6) { hops steps { actor { slug } via { slug } } } }')),
      ),
    ).toBeLessThanOrEqual(8);
  });
});
