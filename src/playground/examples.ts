// The queries GraphiQL opens with, one tab each. They run against the seeded article; a test
// executes every one of them, so they cannot rot.

export interface Example {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** The headers pane: where a write's token goes. */
  headers?: Record<string, string>;
}

/** What the headers pane of a write holds until its reader pastes a token there. */
export const TOKEN_PLACEHOLDER = 'Bearer PASTE-A-TOKEN-HERE (chronicle token create --name you --scope write)';

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
          type { label }
          status
          disputed
          participants { roleType { label } actor { name } }
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
    name: 'Leaks, by type and tag',
    query: `query Leaks {
  events(filter: { types: ["leak"], tags: ["leaked-conversations"] }, orderBy: REVERSE_CHRONOLOGICAL) {
    edges { node { date { display } title status participants { roleType { slug label } actor { name kind } } } }
  }
}`,
  },
  {
    name: 'Vocabularies: event types with labels, broader and narrower',
    query: `query EventTypes {
  terms(scheme: EVENT_TYPE) {
    slug
    label
    description
    parent { slug }
    children { slug label }
  }
  meetings: events(filter: { types: ["meeting"] }) {
    totalCount
    edges { node { title type { slug label parent { slug } } } }
  }
}`,
  },
  {
    name: 'What was known on 4 June 2017?',
    query: `query KnownBy($knownBy: String = "2017-06-04") {
  # Only events, and on them only citations, from sources published by that date.
  # Try "2018-07-07" to see the record lean one way on Trudeau's call.
  events(filter: { knownBy: $knownBy, tags: ["cellphone"] }) {
    totalCount
    edges {
      node {
        date { display }
        title
        disputed
        citations { stance source { title published { display } } }
      }
    }
  }
}`,
  },
  {
    name: 'Dates as honest as the sources: intervals, ranges, vague dates',
    query: `query HonestDates {
  leak: event(slug: "pena-nieto-call-leaked") {
    title
    date { edtf form display start { display } end { display uncertain } ongoing }
  }
  request: event(slug: "trump-asks-macron-to-swap-numbers-after-brussels") {
    title
    date { edtf form display earliest latest }
  }
}`,
  },
  {
    name: 'Full-text search, ranked, with snippets',
    query: `query Search {
  events(filter: { text: "cell phone" }, orderBy: RELEVANCE) {
    totalCount
    edges { node { title snippet date { display } } }
  }
}`,
  },
  {
    name: 'A histogram by month',
    query: `query Histogram {
  histogram(bucket: MONTH, filter: { actors: ["donald-trump"] }) {
    total
    imprecise
    buckets { start started underway }
  }
}`,
  },
  {
    name: "Trump's associates, ranked",
    query: `query Associates {
  actor(slug: "donald-trump") {
    associates(first: 10) {
      totalCount
      edges {
        node {
          actor { name kind }
          sharedEventCount
          firstShared { title date { display } }
          lastShared { title date { display } }
        }
      }
    }
  }
}`,
  },
  {
    name: 'What links two actors',
    query: `query Relationship {
  relationship(a: "sergey-lavrov", b: "sergey-kislyak") {
    sharedEvents { edges { node { title date { display } } } }
    affiliations { role actor { name } organisation { name } }
    sources { title publisher { name } }
  }
}`,
  },
  {
    name: 'The shortest path between two actors',
    query: `query Path {
  path(from: "malcolm-turnbull", to: "emmanuel-macron", maxHops: 4) {
    hops
    steps { actor { name } via { title date { display } } }
  }
}`,
  },
  {
    name: 'A network view',
    query: `query Network {
  network(minWeight: 2, limit: 20) {
    nodes { actor { slug name kind } eventCount }
    edges { source { slug } target { slug } weight }
  }
}`,
  },
  {
    name: 'What revealed what: links between events',
    query: `query Links {
  event(slug: "oval-office-meeting-with-russian-diplomats") {
    title
    related { kind direction event { title date { display } } }
  }
}`,
  },
  {
    name: 'Download the current view',
    query: `query Downloads {
  exportFormats { name path contentType }
  # Open this URL on the server (e.g. http://localhost:4000/export/events.csv?...) to download.
  exportUrl(format: CSV, filter: { actors: ["donald-trump"], from: "2017-05", to: "2017-06" })
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
  {
    name: 'Write: add an event (needs a token)',
    query: `# Writing needs a token: paste one into the Headers pane below (chronicle token create makes one).
mutation AddEvent($input: CreateEventInput!) {
  createEvent(input: $input) {
    __typename
    ... on CreateEventPayload { event { id slug revision title date { display } } }
    ... on InvalidInput { message problems { field message } }
  }
}`,
    variables: {
      input: {
        event: {
          title: 'Trump says he will keep taking calls on his cellphone',
          type: 'statement',
          status: 'ALLEGED',
          date: '2017-06',
          participants: [{ actor: 'donald-trump', roleType: 'speaker' }],
          citations: [{ source: 'seed-article', note: 'an example written in the playground' }],
        },
        note: 'trying the playground',
      },
    },
    headers: { Authorization: TOKEN_PLACEHOLDER },
  },
  {
    name: 'Write: correct an event, and see a stale change refused',
    query: `# Run it twice: the first run changes the place (revision 1 -> 2); the second, still based on
# revision 1, is refused as stale, with the revision to read. Needs a token in the Headers pane.
mutation CorrectPlace($input: UpdateEventInput!) {
  updateEvent(input: $input) {
    __typename
    ... on UpdateEventPayload { event { place revision } }
    ... on StaleRevision { message currentRevision }
  }
}`,
    variables: {
      input: {
        id: Buffer.from('Event:trump-macron-brussels-meeting').toString('base64'),
        basedOnRevision: 1,
        changes: { place: "US ambassador's residence, Brussels" },
        note: 'where the lunch was',
      },
    },
    headers: { Authorization: TOKEN_PLACEHOLDER },
  },
  {
    name: 'Write: merge a duplicate actor, and undo it',
    query: `# Two records of one man: the first field makes a duplicate, the second merges it into
# justin-trudeau in one change (events naming it move, its name becomes an alias). Afterwards
# actor(slug: "trudeau") answers Justin Trudeau with a note in extensions.notes, and
# unmergeActor(input: { id: <merged.id>, basedOnRevision: <merged.revision> }) undoes the merge.
# Needs a token in the Headers pane; run once.
mutation MergeDuplicate {
  duplicate: createActor(input: { actor: { slug: "trudeau", name: "Trudeau", kind: PERSON }, note: "a duplicate, to merge" }) {
    __typename
  }
  merge: mergeActors(input: { from: "${Buffer.from('Actor:trudeau').toString('base64')}", fromRevision: 1, into: "${Buffer.from('Actor:justin-trudeau').toString('base64')}", intoRevision: 1, note: "the same man" }) {
    __typename
    ... on MergeActorsPayload { actor { slug aliases revision } merged { id slug revision retiredAt } }
    ... on MutationError { message }
  }
}`,
    headers: { Authorization: TOKEN_PLACEHOLDER },
  },
  {
    name: 'History: who changed what, when and why',
    query: `query History {
  event(slug: "trump-macron-brussels-meeting") {
    title
    revision
    history(first: 10) {
      edges { node { number action at by via note changes { field before after } } }
    }
  }
  # Every change to any record, newest first:
  revisions(first: 5) { edges { node { at by action recordKind record { ... on Event { slug } ... on Actor { slug } ... on Source { slug } } } } }
}`,
  },
  {
    name: 'History: the timeline as Chronicle had it (asOf)',
    query: `# asOf is record time: what Chronicle held at that moment (knownBy is event time: what
# was public by a date). This moment is to come, so "past" is "now": put one before your last
# edit (each revision's \`at\` says when); one before the seed was written answers null.
query AsOf {
  past: event(slug: "trump-macron-brussels-meeting", asOf: "2100-01-01T00:00:00Z") { title revision updatedAt }
  now: event(slug: "trump-macron-brussels-meeting") { title revision updatedAt }
  events(asOf: "2100-01-01T00:00:00Z", filter: { actors: ["donald-trump"] }, first: 5) {
    totalCount
    edges { node { slug title participants { roleType { slug } actor { slug } } } }
  }
}`,
  },
  {
    name: 'Live: hear of new statements as they are written',
    query: `# Runs until stopped: each write that creates or changes a matching event arrives here
# (over Server-Sent Events). Run a write in another tab to see one.
subscription NewStatements {
  eventsChanged(filter: { types: ["statement"] }) {
    more
    created { slug title }
    updated { slug title revision }
  }
}`,
  },
];
