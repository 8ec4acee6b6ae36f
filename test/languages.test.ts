// Titles and summaries in several languages: asked for in GraphQL (`lang`), in exports by
// Accept-Language or `lang=`, and nothing lost when an export read in one language is imported.
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { importText } from '../src/imports/import-text.js';
import { openTestDatabase, useTestDatabase } from './helpers/database.js';
import { executeAs, graphql, query, yoga } from './helpers/graphql.js';

const EVENT = {
  slug: 'g7-summit-taormina',
  title: 'G7 summit in Taormina',
  summary: 'Leaders of the G7 meet in Sicily.',
  language: 'en',
  translations: {
    fr: { title: 'Sommet du G7 à Taormine', summary: 'Les dirigeants du G7 se réunissent en Sicile.' },
    'de-CH': { title: 'G7-Gipfel in Taormina' },
  },
  kind: 'meeting',
  status: 'CONFIRMED',
  date: '2017-05-26/2017-05-27',
  participants: [],
  citations: [],
  unsourced: true,
};

const database = useTestDatabase({
  prepare: async ({ client }) => {
    await importText(client, `${JSON.stringify(EVENT)}\n`, 'multilingual.ndjson');
  },
});

const TITLE = graphql(`
  query ($lang: String) { event(slug: "g7-summit-taormina") { id revision title(lang: $lang) summary(lang: $lang) language translations { lang title } } }
`);

describe('an event in several languages', () => {
  it('is read in the language asked for, matched exactly or by language, else in its own', async () => {
    const title = async (lang?: string) => (await query(TITLE, { lang } as never)).event!.title;
    expect(await title()).toBe('G7 summit in Taormina');
    expect(await title('fr')).toBe('Sommet du G7 à Taormine');
    expect(await title('fr-CA')).toBe('Sommet du G7 à Taormine');
    expect(await title('de')).toBe('G7-Gipfel in Taormina');
    expect(await title('es')).toBe('G7 summit in Taormina');
    const { event } = await query(TITLE, { lang: 'fr' });
    expect(event).toMatchObject({
      summary: 'Les dirigeants du G7 se réunissent en Sicile.',
      language: 'en',
      translations: [
        { lang: 'fr', title: 'Sommet du G7 à Taormine' },
        { lang: 'de-CH', title: 'G7-Gipfel in Taormina' },
      ],
    });
    const refused = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ event(slug: "g7-summit-taormina") { title(lang: "??") } }' }),
    });
    expect((await refused.json()).errors[0].message).toContain('"??" is not a language tag');
  });

  it('is found by the words of its translations, and of a translation an editor adds, now and as it was', async () => {
    const SEARCH = graphql(`query ($text: String!, $asOf: DateTime) { events(filter: { text: $text }, asOf: $asOf, first: 5) { edges { node { slug } } } }`);
    const found = async (text: string, asOf?: string) => (await query(SEARCH, { text, asOf } as never)).events.edges.map((e) => e.node.slug);
    expect(await found('Taormine')).toEqual([EVENT.slug]);
    expect(await found('Gipfel')).toEqual([EVENT.slug]);
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { secret } = await createApiToken(database().client, 'translator', 'WRITE');
    const { event } = await query(TITLE, {});
    const UPDATE = graphql(`mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { __typename } }`);
    const changes = { translations: [{ lang: 'it', title: 'Vertice a Taormina', summary: 'I leader si riuniscono in Sicilia.' }] };
    await executeAs(secret, UPDATE, { input: { id: event!.id, basedOnRevision: event!.revision, changes } } as never);
    expect(await found('riuniscono')).toEqual([EVENT.slug]);
    // The French translation was replaced by the edit: as it was before, it is still found by it.
    expect(await found('Taormine')).toEqual([]);
    expect(await found('Taormine', before)).toEqual([EVENT.slug]);
    expect(await found('riuniscono', before)).toEqual([]);
  });

  it('takes translations from an editor, their HTML cleaned', async () => {
    const { secret } = await createApiToken(database().client, 'translator', 'WRITE');
    const { event } = await query(TITLE, {});
    const UPDATE = graphql(`mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { __typename } }`);
    const changes = {
      translations: [{ lang: 'it', title: 'Vertice del G7 a Taormina', summaryHtml: '<p>In <em>Sicilia</em><img src=x onerror=alert(1)></p>' }],
    };
    expect(
      (await executeAs(secret, UPDATE, { input: { id: event!.id, basedOnRevision: event!.revision, changes } } as never)).data?.updateEvent.__typename,
    ).toBe('UpdateEventPayload');
    const SUMMARY = graphql(`query { event(slug: "g7-summit-taormina") { title(lang: "it") summary(lang: "it") summaryHtml(lang: "it") } }`);
    expect((await query(SUMMARY, {})).event).toEqual({ title: 'Vertice del G7 a Taormina', summary: 'In Sicilia', summaryHtml: '<p>In <em>Sicilia</em></p>' });
  });
});

/** Every version of each event's words, by language, its own included: what a round trip must keep. */
async function versions(client: PrismaClient) {
  const events = await client.event.findMany({
    orderBy: { slug: 'asc' },
    select: { slug: true, title: true, summary: true, language: true, translations: true },
  });
  return events.map((e) => ({
    slug: e.slug,
    versions: { ...(e.translations as object), [e.language ?? 'und']: { title: e.title, ...(e.summary ? { summary: e.summary } : {}) } },
  }));
}

describe('an export', () => {
  it("reads each event in the reader's language: lang= for every format, Accept-Language for those people read", async () => {
    const filter = 'type=meeting&from=2017-05-26&to=2017-05-27';
    const french = await yoga.fetch(`http://yoga/export/events.ndjson?${filter}&lang=fr`);
    const [record] = (await french.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(record).toMatchObject({
      title: 'Sommet du G7 à Taormine',
      language: 'fr',
      translations: { en: { title: 'G7 summit in Taormina', summary: 'Leaders of the G7 meet in Sicily.' }, 'de-CH': { title: 'G7-Gipfel in Taormina' } },
    });
    const english = await yoga.fetch(`http://yoga/export/events.ndjson?${filter}&lang=en`);
    expect(english.headers.get('etag')).not.toBe(french.headers.get('etag'));
    expect(JSON.parse((await english.text()).trim()).title).toBe('G7 summit in Taormina');
    // A browser in French: the timeline is in French, the data file as it is stored.
    const browser = { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8' };
    const slides = await yoga.fetch(`http://yoga/export/timelinejs.json?${filter}`, { headers: browser });
    expect(slides.headers.get('vary')).toBe('accept-language');
    expect(JSON.parse(await slides.text()).events[0].text.headline).toBe('Sommet du G7 à Taormine');
    const data = await yoga.fetch(`http://yoga/export/events.ndjson?${filter}`, { headers: browser });
    expect(JSON.parse((await data.text()).trim()).title).toBe('G7 summit in Taormina');
    const refused = await yoga.fetch('http://yoga/export/events.csv?lang=??');
    expect((await refused.json()).error).toMatchObject({ argument: 'lang' });
  });

  it('read in French and imported elsewhere keeps every version of every event', async () => {
    const french = await (await yoga.fetch('http://yoga/export/events.ndjson?lang=fr')).text();
    const copy = await openTestDatabase({ seed: false });
    try {
      await importText(copy.client, french, 'french.ndjson');
      const original = await versions(database().client);
      expect(original.find((e) => e.slug === EVENT.slug)!.versions).toEqual({ en: { title: EVENT.title, summary: EVENT.summary }, ...EVENT.translations });
      expect(await versions(copy.client)).toEqual(original);
    } finally {
      await copy.close();
    }
  }, 60_000);
});

// A TimelineJS file and its French translation, as a newsroom makes them: the same slides (their
// unique_id), their words in another language, and a slide only the translation has.
const slide = (id: string, day: string, headline: string, text: string, display?: string) => ({
  unique_id: id,
  start_date: { year: '2017', month: '5', day, ...(display ? { display_date: display } : {}) },
  text: { headline, text },
});
const IN_ENGLISH = {
  title: { text: { headline: 'The G7 in Sicily', text: '<p>Two days in Taormina</p>' } },
  events: [
    slide('g7-opens', '26', 'The summit opens', '<p>Leaders arrive in <em>Taormina</em>.</p>', 'May 26, 2017'),
    slide('g7-closes', '27', 'The summit closes', '<p>A communiqué without the United States on climate.</p>'),
  ],
};
const IN_FRENCH = {
  title: { text: { headline: 'Le G7 en Sicile', text: '<p>Deux jours à Taormine</p>' } },
  events: [
    slide('g7-opens', '26', 'Le sommet s’ouvre', '<p>Les dirigeants arrivent à <em>Taormine</em>.</p>', '26 mai 2017'),
    slide('g7-closes', '27', 'Le sommet se clôt', '<p>Un communiqué sans les États-Unis sur le climat.</p>'),
    slide('g7-press', '27', 'Conférence de presse', '<p>Le président français répond aux journalistes.</p>'),
  ],
};

describe('a file in another language (import --lang)', () => {
  it('gives the events it shares their translation, keeps their own words and everything else, and adds what only it has in its language', async () => {
    const copy = await openTestDatabase({ seed: false });
    try {
      const file = 'g7-sicily.json';
      await importText(copy.client, JSON.stringify(IN_ENGLISH), file, { language: 'en' });
      const french = await importText(copy.client, JSON.stringify(IN_FRENCH), file, { language: 'fr' });
      expect(french.events).toEqual({ created: 1, updated: 2, unchanged: 0 });
      expect(french.warnings).toContain(
        `${file}: timeline "g7-sicily" is in another language than fr: its title slide, eras and events stay, and the file's slides are their fr translation`,
      );
      const events = await copy.client.event.findMany({
        orderBy: { slug: 'asc' },
        select: { slug: true, title: true, summaryHtml: true, language: true, translations: true, presentation: true, date: true },
      });
      expect(events).toEqual([
        {
          slug: 'g7-closes',
          title: 'The summit closes',
          // A paragraph of plain text is kept as text alone.
          summaryHtml: null,
          language: 'en',
          translations: { fr: { title: 'Le sommet se clôt', summary: 'Un communiqué sans les États-Unis sur le climat.' } },
          presentation: {},
          date: '2017-05-27',
        },
        {
          slug: 'g7-opens',
          title: 'The summit opens',
          summaryHtml: '<p>Leaders arrive in <em>Taormina</em>.</p>',
          language: 'en',
          translations: {
            fr: {
              title: 'Le sommet s’ouvre',
              summary: 'Les dirigeants arrivent à Taormine.',
              summaryHtml: '<p>Les dirigeants arrivent à <em>Taormine</em>.</p>',
            },
          },
          presentation: { startDisplayDate: 'May 26, 2017' },
          date: '2017-05-26',
        },
        {
          slug: 'g7-press',
          title: 'Conférence de presse',
          summaryHtml: null,
          language: 'fr',
          translations: {},
          presentation: {},
          date: '2017-05-27',
        },
      ]);
      const timeline = await copy.client.timeline.findUniqueOrThrow({ where: { slug: 'g7-sicily' }, include: { _count: { select: { events: true } } } });
      expect(timeline).toMatchObject({ headline: 'The G7 in Sicily', _count: { events: 3 } });
      // The same translation again changes nothing.
      expect((await importText(copy.client, JSON.stringify(IN_FRENCH), file, { language: 'fr' })).events).toEqual({ created: 0, updated: 0, unchanged: 3 });
      // The English file corrected: its own words and title slide change, and the slide only the
      // French file has stays in the timeline.
      const corrected = { ...IN_ENGLISH, title: { text: { headline: 'The G7 summit in Sicily' } } };
      corrected.events = [
        { ...IN_ENGLISH.events[0]!, text: { headline: 'The summit opens in Taormina', text: '<p>Leaders arrive.</p>' } },
        IN_ENGLISH.events[1]!,
      ];
      await importText(copy.client, JSON.stringify(corrected), file, { language: 'en' });
      const again = await copy.client.timeline.findUniqueOrThrow({
        where: { slug: 'g7-sicily' },
        include: { events: { select: { event: { select: { slug: true } } }, orderBy: { event: { slug: 'asc' } } } },
      });
      expect([again.headline, again.events.map((e) => e.event.slug)]).toEqual(['The G7 summit in Sicily', ['g7-closes', 'g7-opens', 'g7-press']]);
      expect(await copy.client.event.findUniqueOrThrow({ where: { slug: 'g7-opens' }, select: { title: true, translations: true } })).toMatchObject({
        title: 'The summit opens in Taormina',
        translations: { fr: { title: 'Le sommet s’ouvre' } },
      });
    } finally {
      await copy.close();
    }
  }, 60_000);

  it('in the language of what is stored, or over events whose language was never said, corrects them, their actors, sources and places included', async () => {
    const copy = await openTestDatabase({ seed: false });
    try {
      const row = (title: string, name: string, url: string, latitude: number) => ({
        slug: 'g7-talks',
        title,
        kind: 'meeting',
        status: 'REPORTED',
        date: '2017-05-26',
        location: { slug: 'taormina', name: 'Taormina', latitude, longitude: 15.29 },
        participants: [{ role: 'participant', actor: { slug: 'emmanuel-macron', name, kind: 'PERSON' } }],
        citations: [{ source: { slug: 'le-monde', kind: 'news-report', title: 'Le Monde', url } }],
      });
      // Written before --lang existed: no language said.
      await importText(copy.client, JSON.stringify(row('G7 talks', 'E. Macron', 'https://lemonde.fr/a', 37.85)), 'first.ndjson');
      await importText(copy.client, JSON.stringify(row('G7 talks in Taormina', 'Emmanuel Macron', 'https://lemonde.fr/b', 37.852)), 'fixed.ndjson', {
        language: 'en',
      });
      const event = await copy.client.event.findUniqueOrThrow({ where: { slug: 'g7-talks' } });
      expect([event.title, event.language, event.translations]).toEqual(['G7 talks in Taormina', 'en', {}]);
      expect((await copy.client.actor.findUniqueOrThrow({ where: { slug: 'emmanuel-macron' } })).name).toBe('Emmanuel Macron');
      expect((await copy.client.source.findUniqueOrThrow({ where: { slug: 'le-monde' } })).url).toBe('https://lemonde.fr/b');
      expect((await copy.client.place.findUniqueOrThrow({ where: { slug: 'taormina' } })).latitude).toBe(37.852);
      // In French now: the event takes a translation; the actor, the source and the place stay.
      await importText(copy.client, JSON.stringify(row('Discussions du G7', 'Emmanuel Macron (FR)', 'https://lemonde.fr/c', 38)), 'fr.ndjson', {
        language: 'fr',
      });
      expect((await copy.client.event.findUniqueOrThrow({ where: { slug: 'g7-talks' } })).title).toBe('G7 talks in Taormina');
      expect((await copy.client.actor.findUniqueOrThrow({ where: { slug: 'emmanuel-macron' } })).name).toBe('Emmanuel Macron');
      expect((await copy.client.place.findUniqueOrThrow({ where: { slug: 'taormina' } })).latitude).toBe(37.852);
    } finally {
      await copy.close();
    }
  }, 60_000);

  it('is refused over HTTP when lang= is not a language tag, and nothing is written', async () => {
    const { secret } = await createApiToken(database().client, 'importer', 'WRITE');
    const before = await database().client.event.count();
    const refused = await yoga.fetch('http://yoga/import?name=g7-sicily.json&lang=fr_FR!', {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}` },
      body: JSON.stringify(IN_FRENCH),
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toBe('lang: "fr_FR!" is not a language tag: use one such as "fr", "de-CH" or "pt-BR"');
    expect(await database().client.event.count()).toBe(before);
  });
});
