// The questions journalists and researchers bring, asked of the seeded article, with exact answers.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from './helpers/database.js';
import { eventSlugs, execute, graphql, query } from './helpers/graphql.js';

useTestDatabase();

describe('a journalist asks what happened', () => {
  it("lists Trump's events in May and June 2017", async () => {
    expect(await eventSlugs({ actors: ['donald-trump'], from: '2017-05', to: '2017-06' })).toEqual([
      'trump-macron-call-after-election',
      'trump-offers-macron-number-swap-in-may-8-call',
      'oval-office-meeting-with-russian-diplomats',
      'classified-information-disclosure-leaked',
      'nut-job-comey-remarks-leaked',
      'trump-asks-macron-to-swap-numbers-after-brussels',
      'trump-macron-brussels-meeting',
      'twitter-users-mock-trump',
      'security-concerns-over-cellphone-calls',
      'trump-gives-cellphone-number-to-leaders',
      'criticism-of-breach-of-protocol',
      'tait-analysis-direct-line-cuts-out-state-department',
    ]);
  });

  it('finds which leaders were given the number', async () => {
    const data = await query(graphql(`{ events(filter: { kinds: [NUMBER_EXCHANGE] }) { edges { node { participants { role actor { slug } } } } } }`));
    const recipients = data.events.edges.flatMap((e) => e.node.participants.filter((p) => p.role === 'RECIPIENT').map((p) => p.actor.slug));
    expect(recipients.sort()).toEqual(['emmanuel-macron', 'enrique-pena-nieto', 'justin-trudeau']);
  });

  it('finds who used it: the calls Trump received', async () => {
    const data = await query(
      graphql(`{ events(filter: { actors: ["donald-trump"], roles: [RECIPIENT], kinds: [PHONE_CALL] }) {
      edges { node { slug participants { role actor { slug } } } } } }`),
    );
    expect(data.events.edges).toEqual([
      {
        node: {
          slug: 'trudeau-calls-trump-cellphone',
          participants: [
            { role: 'INITIATOR', actor: { slug: 'justin-trudeau' } },
            { role: 'RECIPIENT', actor: { slug: 'donald-trump' } },
          ],
        },
      },
    ]);
  });

  it('finds what leaked, and about whom', async () => {
    const data = await query(
      graphql(`{ events(filter: { kinds: [LEAK], status: [CONFIRMED, REPORTED] }) {
      edges { node { slug participants { role actor { slug } } } } } }`),
    );
    const leaks = data.events.edges.map((e) => [
      e.node.slug,
      e.node.participants
        .filter((p) => p.role === 'SUBJECT')
        .map((p) => p.actor.slug)
        .sort(),
    ]);
    expect(leaks).toEqual([
      ['pena-nieto-call-leaked', ['donald-trump', 'enrique-pena-nieto']],
      ['turnbull-call-leaked', ['donald-trump', 'malcolm-turnbull']],
      ['classified-information-disclosure-leaked', ['donald-trump', 'russian-diplomats']],
      ['nut-job-comey-remarks-leaked', ['donald-trump', 'russian-diplomats']],
    ]);
    // The presumed circulation of notes is only alleged, and filters apart.
    expect(await eventSlugs({ kinds: ['LEAK'], status: ['ALLEGED'] })).toEqual(['notes-circulated-by-national-security-officials']);
  });

  it('matches all actors, or any', async () => {
    expect(await eventSlugs({ actors: ['donald-trump', 'emmanuel-macron'], actorsMatch: 'ALL', kinds: ['MEETING'] })).toEqual([
      'trump-macron-brussels-meeting',
    ]);
    expect(await eventSlugs({ actors: ['sergey-lavrov', 'malcolm-turnbull'], kinds: ['MEETING', 'PHONE_CALL'] })).toEqual([
      'trump-turnbull-call',
      'oval-office-meeting-with-russian-diplomats',
    ]);
  });

  it('filters by place, any case, and by dispute', async () => {
    expect(await eventSlugs({ place: 'brussels' })).toEqual(['trump-macron-brussels-meeting']);
    expect(await eventSlugs({ disputed: true })).toEqual([
      'trudeau-calls-trump-cellphone',
      'trump-offers-macron-number-swap-in-may-8-call',
      'trump-asks-macron-to-swap-numbers-after-brussels',
    ]);
    expect(await eventSlugs({ disputed: false })).toHaveLength(16);
  });
});

describe('vague dates meet a time window by a documented rule', () => {
  it('lets "April 2017" overlap a window that cuts through April, but not lie within it', async () => {
    expect(await eventSlugs({ from: '2017-04-20', to: '2017-05-05' })).toEqual(['trudeau-calls-trump-cellphone']);
    expect(await eventSlugs({ from: '2017-04-20', to: '2017-05-05', timeMatch: 'WITHIN' })).toEqual([]);
    expect(await eventSlugs({ from: '2017-04', to: '2017-05-05', timeMatch: 'WITHIN' })).toEqual(['trudeau-calls-trump-cellphone']);
  });

  it('counts "before 4 June 2017" as 4 June under OVERLAP, and never WITHIN', async () => {
    const june = await eventSlugs({ from: '2017-06', to: '2017-06' });
    expect(june).toEqual([
      'trump-asks-macron-to-swap-numbers-after-brussels',
      'criticism-of-breach-of-protocol',
      'notes-circulated-by-national-security-officials',
      'tait-analysis-direct-line-cuts-out-state-department',
    ]);
    expect(await eventSlugs({ from: '2017-06', to: '2017-06', timeMatch: 'WITHIN' })).toEqual([]);
    expect(await eventSlugs({ from: '2017-03', to: '2017-03' })).toEqual([]);
  });
});

describe('a researcher asks what was known when', () => {
  const TRUDEAU = graphql(`query ($knownBy: String) {
    events(filter: { actors: ["justin-trudeau"], kinds: [PHONE_CALL], knownBy: $knownBy }) {
      edges { node { slug disputed supporting: citations(stance: SUPPORTS) { source { slug } } disputing: citations(stance: DISPUTES) { source { slug } } } }
    }
  }`);

  it("on 4 June 2017, Trudeau's call was claimed and disputed", async () => {
    const data = await query(TRUDEAU, { knownBy: '2017-06-04' });
    expect(data.events.edges).toEqual([
      {
        node: {
          slug: 'trudeau-calls-trump-cellphone',
          disputed: true,
          supporting: [{ source: { slug: 'ap-cellphone-diplomacy' } }, { source: { slug: 'seed-article' } }],
          disputing: [{ source: { slug: 'cbc-pmo-not-aware' } }],
        },
      },
    ]);
  });

  it('after July 2018, the record leans towards the call', async () => {
    const data = await query(TRUDEAU, { knownBy: '2018-07-07' });
    expect(data.events.edges[0]?.node.supporting.map((c) => c.source.slug)).toEqual([
      'ap-cellphone-diplomacy',
      'seed-article',
      'the-hill-aides-caught-unaware',
      'washington-post-trudeau-call-2018',
    ]);
    expect(data.events.edges[0]?.node.disputing).toHaveLength(1);
  });

  it('before the AP report, the call was not on the record at all', async () => {
    expect((await query(TRUDEAU, { knownBy: '2017-05-29' })).events.edges).toEqual([]);
  });

  it('answers "what was known on 4 June 2017?" in one query', async () => {
    const known = await eventSlugs({ knownBy: '2017-06-04' });
    expect(known).toHaveLength(18);
    expect(known).not.toContain('washington-post-publishes-call-transcripts');
  });

  it('lets one event be read as of a date, outside any list', async () => {
    const data = await query(
      graphql(`{ event(slug: "trump-pena-nieto-call") {
      then: citations(knownBy: "2017-06-04") { source { slug } }
      now: citations { source { slug } }
    } }`),
    );
    expect(data.event?.then).toEqual([{ source: { slug: 'seed-article' } }]);
    expect(data.event?.now.map((c) => c.source.slug)).toEqual(['seed-article', 'washington-post-call-transcripts']);
  });
});

describe('a reader searches the text', () => {
  it('finds "cell phone", ranked, with highlighted snippets', async () => {
    const data = await query(graphql(`{ events(filter: { text: "cell phone" }, orderBy: RELEVANCE) { totalCount edges { node { slug snippet } } } }`));
    expect(data.events.totalCount).toBe(2);
    expect(data.events.edges.map((e) => e.node.slug).sort()).toEqual([
      'security-concerns-over-cellphone-calls',
      'trump-asks-macron-to-swap-numbers-after-brussels',
    ]);
    for (const edge of data.events.edges) expect(edge.node.snippet).toContain('<mark>cell</mark> <mark>phone</mark>');
  });

  it('searches actor names and quotes, stemming words', async () => {
    expect(await eventSlugs({ text: 'Kislyak' })).toEqual(['oval-office-meeting-with-russian-diplomats']);
    // "leaking" finds "leaked" and "leaks", in quotes and summaries alike.
    expect(await eventSlugs({ text: 'leaking', kinds: ['LEAK'] })).toEqual([
      'pena-nieto-call-leaked',
      'turnbull-call-leaked',
      'classified-information-disclosure-leaked',
      'nut-job-comey-remarks-leaked',
      'notes-circulated-by-national-security-officials',
    ]);
  });

  it('treats punctuation and SQL as plain text', async () => {
    expect(await eventSlugs({ text: `"; DROP TABLE "Event"; -- Trudeau's` })).toEqual([]);
    expect((await query(graphql('{ events { totalCount } }'))).events.totalCount).toBe(19);
  });

  it('escapes the text of a snippet', async () => {
    const data = await query(graphql(`{ events(filter: { text: "Turnbull call" }) { edges { node { slug snippet } } } }`));
    const call = data.events.edges.find((e) => e.node.slug === 'trump-turnbull-call');
    expect(call?.node.snippet).toContain('Trump&#39;s phone <mark>call</mark> with Malcolm <mark>Turnbull</mark>');
  });

  it('refuses relevance order without text, and text without words', async () => {
    const noText = await execute(graphql('{ events(orderBy: RELEVANCE) { totalCount edges { node { slug } } } }'));
    expect(noText.errors?.[0]).toMatchObject({ message: 'orderBy: RELEVANCE needs filter.text: the words to rank by', extensions: { code: 'BAD_USER_INPUT' } });
    const stopWords = await execute(graphql('{ events(filter: { text: "the and of" }) { totalCount } }'));
    expect(stopWords.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.text' });
  });
});

describe('a frontend draws a density bar', () => {
  it('counts events that began, and events under way, per month, and the ones too vague to place', async () => {
    const data = await query(graphql('{ histogram(bucket: MONTH) { bucket total imprecise underwayImprecise buckets { start end started underway } } }'));
    expect(data.histogram).toMatchObject({ total: 19, imprecise: 6, underwayImprecise: 6 });
    // The Peña Nieto leak began on 31 January and ran into February: it began in one month and was under way in two.
    expect(data.histogram.buckets.map((b) => [b.start.slice(0, 7), b.started, b.underway])).toEqual([
      ['2017-01', 3, 3],
      ['2017-02', 1, 2],
      ['2017-03', 0, 0],
      ['2017-04', 1, 1],
      ['2017-05', 7, 7],
      ['2017-06', 0, 0],
      ['2017-07', 0, 0],
      ['2017-08', 1, 1],
    ]);
    expect(data.histogram.buckets[0]?.end).toBe('2017-01-31T23:59:59.999Z');
  });

  it('spans the filter window, in weeks starting on Monday', async () => {
    const data = await query(
      graphql('{ histogram(bucket: WEEK, filter: { from: "2017-05-08", to: "2017-05-21" }) { total imprecise buckets { start started } } }'),
    );
    expect(data.histogram.buckets).toEqual([
      { start: '2017-05-08T00:00:00.000Z', started: 3 },
      { start: '2017-05-15T00:00:00.000Z', started: 2 },
    ]);
    expect(data.histogram).toMatchObject({ total: 5, imprecise: 0 });
  });

  it('refuses more buckets than a chart can use', async () => {
    const result = await execute(graphql('{ histogram(bucket: DAY, filter: { from: "1900", to: "2017" }) { total } }'));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'bucket' });
  });
});

describe('an event links to others', () => {
  it('shows what revealed a call, and what a leak revealed', async () => {
    const data = await query(
      graphql(`{
      call: event(slug: "trump-turnbull-call") { related { kind direction event { slug } } }
      leak: event(slug: "turnbull-call-leaked") { related(direction: OUTGOING) { kind event { slug } } }
      notes: event(slug: "notes-circulated-by-national-security-officials") { related(kinds: [CAUSED]) { event { slug } } }
    }`),
    );
    expect(data.call?.related).toEqual([
      { kind: 'REVEALS', direction: 'INCOMING', event: { slug: 'turnbull-call-leaked' } },
      { kind: 'REVEALS', direction: 'INCOMING', event: { slug: 'washington-post-publishes-call-transcripts' } },
    ]);
    expect(data.leak?.related).toEqual([{ kind: 'REVEALS', event: { slug: 'trump-turnbull-call' } }]);
    expect(data.notes?.related.map((r) => r.event.slug)).toEqual([
      'pena-nieto-call-leaked',
      'turnbull-call-leaked',
      'classified-information-disclosure-leaked',
      'nut-job-comey-remarks-leaked',
    ]);
  });
});

describe('a timeline steps from one event to the next', () => {
  it('follows the chronology of the list that found the event', async () => {
    const data = await query(graphql(`{ events(filter: { actors: ["malcolm-turnbull"] }) { edges { node { slug previous { slug } next { slug } } } } }`));
    expect(data.events.edges.map((e) => [e.node.previous?.slug ?? null, e.node.slug, e.node.next?.slug ?? null])).toEqual([
      [null, 'trump-turnbull-call', 'turnbull-call-leaked'],
      ['trump-turnbull-call', 'turnbull-call-leaked', 'washington-post-publishes-call-transcripts'],
      ['turnbull-call-leaked', 'washington-post-publishes-call-transcripts', null],
    ]);
  });

  it('uses all events, or a filter given to the field, for an event read on its own', async () => {
    const data = await query(
      graphql(`{ event(slug: "trump-turnbull-call") {
      previous { slug } next { slug }
      leak: next(filter: { kinds: [LEAK] }) { slug }
    } }`),
    );
    expect(data.event).toEqual({
      previous: { slug: 'trump-pena-nieto-call' },
      next: { slug: 'pena-nieto-call-leaked' },
      leak: { slug: 'pena-nieto-call-leaked' },
    });
  });
});
