// Summaries with a little HTML, how a timeline shows an event, and timelines, through the API: an
// editor's HTML is cleaned and its text searched, an edit of the plain text is never lost, and
// a timeline's events are listed and exported by the one filter language.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens.js';
import { importText } from '../src/imports/import-text.js';
import { useTestDatabase } from './helpers/database.js';
import { executeAs, graphql, query, yoga } from './helpers/graphql.js';

const database = useTestDatabase({
  prepare: async ({ client }) => {
    await importText(client, await readFile(path.resolve(import.meta.dirname, 'fixtures/timelinejs/ancient-rome.json'), 'utf8'), 'ancient-rome.json');
  },
});

const SLUG = 'trump-macron-brussels-meeting';
const EVENT = graphql(`
  query ($slug: String!) {
    event(slug: $slug) {
      id revision summary summaryHtml
      presentation { group displayDate background { url color alt opacity } }
      media { url html kind caption alt link }
    }
  }
`);
const UPDATE = graphql(`
  mutation ($input: UpdateEventInput!) {
    updateEvent(input: $input) { __typename ... on InvalidInput { problems { field message } } }
  }
`);
const SEARCH = graphql(`
  query ($text: String!) { events(filter: { text: $text }) { edges { node { slug } } } }
`);

async function change(changes: Record<string, unknown>) {
  const { secret } = await createApiToken(database().client, `editor-${Math.random()}`, 'WRITE');
  const { event } = await query(EVENT, { slug: SLUG });
  const result = await executeAs(secret, UPDATE, { input: { id: event!.id, basedOnRevision: event!.revision, changes } } as never);
  return result.data?.updateEvent as { __typename: string; problems?: { field: string; message: string }[] };
}

describe('a summary in HTML', () => {
  it('is cleaned by the allow-list, its text kept as the summary and searched, its tags not', async () => {
    const html =
      '<p>Macron <strong onclick="steal()">grips</strong> the hand, <a href="https://apnews.com/x" target="_blank">AP</a> reports.<script>steal()</script></p><p><a href="javascript:steal()">more</a></p>';
    expect((await change({ summaryHtml: html })).__typename).toBe('UpdateEventPayload');
    const { event } = await query(EVENT, { slug: SLUG });
    expect(event!.summaryHtml).toBe(
      '<p>Macron <strong>grips</strong> the hand, <a href="https://apnews.com/x" target="_blank" rel="noopener noreferrer">AP</a> reports.</p><p><a>more</a></p>',
    );
    expect(event!.summary).toBe('Macron grips the hand, AP reports.\nmore');
    expect((await query(SEARCH, { text: 'grips hand' })).events.edges.map((e) => e.node.slug)).toEqual([SLUG]);
    // The markup is no words of the event's.
    expect((await query(SEARCH, { text: 'strong' })).events.edges).toEqual([]);
    expect((await query(SEARCH, { text: 'apnews' })).events.edges).toEqual([]);
  });

  it('gives way to plain text edited apart from it: the edit is kept, never the old HTML over it', async () => {
    await change({ summaryHtml: '<p>First <em>version</em>.</p>' });
    await change({ summary: 'A corrected summary.' });
    const { event } = await query(EVENT, { slug: SLUG });
    expect(event!.summary).toBe('A corrected summary.');
    // What it has no HTML for is given as escaped paragraphs, so a page can always use summaryHtml.
    expect(event!.summaryHtml).toBe('<p>A corrected summary.</p>');
  });

  it('is escaped where the summary is plain text with angle brackets', async () => {
    await change({ summary: 'Five < six & <b>not bold</b>' });
    expect((await query(EVENT, { slug: SLUG })).event!.summaryHtml).toBe('<p>Five &lt; six &amp; &lt;b&gt;not bold&lt;/b&gt;</p>');
  });
});

describe('how a timeline shows an event, and a medium given as markup', () => {
  it('are written by an editor and read back; a colour that is not one is refused, naming the field', async () => {
    const presentation = {
      group: 'Brussels',
      displayDate: 'late May 2017',
      background: { color: '#1a2b3c', url: 'https://example.org/bg.jpg', alt: 'Brussels', opacity: 40 },
    };
    const media = [{ html: '<blockquote onmouseover="x()">A quote</blockquote>', alt: 'a quote', link: 'https://example.org/quote' }];
    expect((await change({ presentation, media })).__typename).toBe('UpdateEventPayload');
    const { event } = await query(EVENT, { slug: SLUG });
    expect(event!.presentation).toEqual(presentation);
    expect(event!.media).toEqual([
      { url: null, html: '<blockquote>A quote</blockquote>', kind: 'EMBED', caption: null, alt: 'a quote', link: 'https://example.org/quote' },
    ]);
    const refused = await change({ presentation: { background: { color: 'red;background:url(javascript:x)' } } });
    expect(refused.problems).toEqual([{ field: 'presentation.background.color', message: 'must be a CSS colour such as #1a2b3c, teal or rgb(20, 40, 60)' }]);
    const both = await change({ media: [{ url: 'https://example.org/a.jpg', html: '<p>a</p>' }] });
    expect(both.problems?.[0]).toMatchObject({ field: 'media[0].url', message: expect.stringContaining('not both') });
  });
});

describe('timelines', () => {
  const TIMELINE = graphql(`
    query {
      timeline(slug: "ancient-rome") { slug title headline text eventCount media { url alt } eras { title date { edtf display } } }
      timelines(first: 10) { totalCount edges { node { slug } } }
      events(filter: { timelines: ["ancient-rome"] }, first: 10) { totalCount edges { node { slug date { display } presentation { group } } } }
    }
  `);

  it('are listed, with their title slide and eras, and their events found by the filter', async () => {
    const data = await query(TIMELINE, {});
    expect(data.timeline).toMatchObject({
      slug: 'ancient-rome',
      title: 'Ancient Rome',
      headline: 'Ancient Rome',
      eventCount: 5,
      media: { url: 'https://upload.wikimedia.org/wikipedia/commons/4/4e/Forum_Romanum_Rom.jpg', alt: 'Ruins of columns and temples in the Roman Forum' },
      eras: [
        { title: 'Kingdom', date: { edtf: '-0752/-0508', display: '753 BC to 509 BC' } },
        { title: 'Republic', date: { edtf: '-0508/-0026', display: '509 BC to 27 BC' } },
        { title: 'Empire', date: { edtf: '-0026/0476', display: '27 BC to 476' } },
      ],
    });
    expect(data.timelines).toEqual({ totalCount: 1, edges: [{ node: { slug: 'ancient-rome' } }] });
    expect(data.events.totalCount).toBe(5);
    expect(data.events.edges[0]!.node).toEqual({ slug: 'founding-of-rome', date: { display: '21 April 753 BC' }, presentation: { group: 'Kingdom' } });
  });

  it('are named in exports by the same filter, and an unknown one is refused with what to do', async () => {
    const response = await yoga.fetch('http://yoga/export/events.csv?timeline=ancient-rome');
    expect(response.status).toBe(200);
    expect((await response.text()).trim().split('\r\n')).toHaveLength(1 + 5);
    const unknown = await yoga.fetch('http://yoga/export/events.csv?timeline=rome');
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toMatchObject({
      argument: 'filter.timelines',
      message: 'filter.timelines: no timeline has the slug "rome"; look it up with timelines(...)',
    });
  });

  it('give iCalendar and TimelineJS exports labels, not slugs', async () => {
    // Unfolded: iCalendar breaks long lines.
    const ics = (await (await yoga.fetch('http://yoga/export/events.ics?actor=justin-trudeau')).text()).replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('CATEGORIES:Phone call');
    expect(ics).toContain('Participants: Justin Trudeau (Initiator)');
    const timeline = JSON.parse(await (await yoga.fetch('http://yoga/export/timelinejs.json?actor=justin-trudeau')).text());
    expect(timeline.events.map((e: { group: string }) => e.group)).toContain('Phone call');
  });
});
