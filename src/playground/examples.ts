// The queries GraphiQL opens with, one tab each. They run against the seeded article; a test
// executes every one of them, so they cannot rot.

export interface Example {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

export const examples: Example[] = [
  {
    name: "Trump's events, in order",
    query: `# Press the play button to run. The other tabs hold more examples.
query TrumpsTimeline {
  actor(slug: "donald-trump") {
    name
    events(first: 20) {
      totalCount
      edges {
        node {
          date { display precision }
          title
          kind
          status
          disputed
          participants { role actor { name } }
        }
      }
    }
  }
}`,
  },
  {
    name: 'Who says so: citations and the chain of sources',
    query: `query WhoSaysSo {
  event(slug: "trump-gives-cellphone-number-to-leaders") {
    title
    date { edtf display earliest latest }
    citations {
      stance
      quote
      attribution
      source {
        title
        published { display }
        publisher { name }
        basedOn { title basedOn { title } }
      }
    }
  }
}`,
  },
  {
    name: 'Conflicting accounts side by side',
    query: `query ConflictingAccounts {
  events(filter: { tags: ["conflicting-accounts", "disputed"] }) {
    edges {
      node {
        title
        date { display }
        disputed
        citations { stance attribution note source { title published { display } } }
      }
    }
  }
}`,
  },
  {
    name: 'A time window, page by page',
    query: `query MayToJune($after: String) {
  events(filter: { from: "2017-05", to: "2017-06" }, first: 5, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { date { display } title } }
  }
}`,
    variables: { after: null },
  },
  {
    name: 'Leaks, by kind and tag',
    query: `query Leaks {
  events(filter: { kinds: [LEAK], tags: ["leaked-conversations"] }, orderBy: REVERSE_CHRONOLOGICAL) {
    edges { node { date { display } title status participants { role actor { name kind } } } }
  }
}`,
  },
  {
    name: 'Actors and their roles',
    query: `query Leaders {
  actors(kinds: [PERSON], first: 50) {
    totalCount
    edges {
      node {
        slug
        name
        affiliations { role organisation { name } start { display } }
      }
    }
  }
}`,
  },
  {
    name: 'Refetch anything by its global ID',
    query: `query Refetch {
  event(slug: "trump-macron-brussels-meeting") { id title }
  # Paste an id from above into node(id: ...) to refetch it, as Relay clients do.
}`,
  },
];
