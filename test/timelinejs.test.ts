// TimelineJS files imported as they are (Knight Lab's own templates and examples, and one of years
// before the common era), and given back: an export of the timeline, imported into a second
// database, gives the same records; and it says what the original said, field by field.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareExport } from '../src/exports/export.js';
import { timelinejs } from '../src/exports/formats/timelinejs.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { importText } from '../src/imports/import-text.js';
import { edtfOfSlideDate } from '../src/imports/timelinejs-file.js';
import { cleanEmbedHtml, cleanHtml, plainTextOf } from '../src/lib/rich-text.js';
import { slugFrom } from '../src/lib/slugs.js';
import { openTestDatabase, type TestDatabase } from './helpers/database.js';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/timelinejs');
const fixture = (name: string) => readFile(path.join(FIXTURES, name), 'utf8');

const opened: TestDatabase[] = [];
async function emptyDatabase(): Promise<TestDatabase> {
  const database = await openTestDatabase({ seed: false });
  opened.push(database);
  return database;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close()));
});

/** What a database holds of events and timelines, in an order of its own, to compare two. */
async function contents(client: PrismaClient) {
  const events = await client.event.findMany({
    orderBy: { slug: 'asc' },
    select: {
      slug: true,
      title: true,
      summary: true,
      summaryHtml: true,
      kind: true,
      status: true,
      date: true,
      media: true,
      presentation: true,
      unsourced: true,
    },
  });
  const timelines = await client.timeline.findMany({
    orderBy: { slug: 'asc' },
    select: { slug: true, headline: true, text: true, media: true, background: true, eras: true, events: { select: { event: { select: { slug: true } } } } },
  });
  return { events, timelines: timelines.map((t) => ({ ...t, events: t.events.map((e) => e.event.slug).sort() })) };
}

async function exportTimeline(client: PrismaClient, slug: string): Promise<string> {
  const prepared = await prepareExport(client, timelinejs, { timelines: [slug] }, { count: 'all' });
  let text = '';
  for await (const chunk of prepared.body) text += chunk;
  return text;
}

type Parts = Record<string, unknown> | undefined;
interface Slide {
  unique_id?: string;
  start_date?: Parts;
  end_date?: Parts;
  display_date?: string;
  group?: string;
  background?: Record<string, unknown>;
  media?: Record<string, string>;
  text?: { headline?: string; text?: string };
}

/** A TimelineJS date as numbers, blank parts left out: "1815" and 1815 are one year. */
function dateParts(parts: Parts) {
  if (!parts) return undefined;
  return Object.fromEntries(
    Object.entries(parts).flatMap(([key, value]) => (value === '' || value == null ? [] : [[key, key === 'display_date' ? value : Number(value)]])),
  );
}

/** What TimelineJS shows of a slide, as Chronicle keeps it: HTML cleaned, captions and credits as their text. */
function shown(slide: Slide) {
  const text = (html: string | undefined) => (html ? plainTextOf(html) : undefined);
  return {
    start_date: dateParts(slide.start_date),
    end_date: dateParts(slide.end_date),
    display_date: slide.display_date || undefined,
    group: slide.group || undefined,
    background:
      slide.background && Object.keys(slide.background).length
        ? { ...slide.background, ...(slide.background.opacity ? { opacity: Number(slide.background.opacity) } : {}) }
        : undefined,
    media: slide.media?.url
      ? {
          // A quote or an embed in place of a URL is cleaned: a tweet's <script> never comes back.
          url: slide.media.url.startsWith('<') ? cleanEmbedHtml(slide.media.url) : slide.media.url,
          caption: text(slide.media.caption) || undefined,
          credit: text(slide.media.credit) || undefined,
          thumbnail: slide.media.thumbnail || undefined,
          alt: slide.media.alt || undefined,
          link: slide.media.link || undefined,
        }
      : undefined,
    headline: plainTextOf(slide.text?.headline ?? ''),
    text: cleanHtml(slide.text?.text ?? ''),
  };
}

/** The slug an original slide's event has: its unique_id, or its date and headline. */
const slugOf = (slide: Slide) => slide.unique_id ?? slugFrom(`${edtfOfSlideDate(slide.start_date!, 'start_date')} ${plainTextOf(slide.text?.headline ?? '')}`);

describe('a TimelineJS file', () => {
  for (const name of ['ancient-rome.json', 'eras.json', 'all-media-types.json', 'my-own-timeline.csv']) {
    it(`${name} imports as it is, and its export imported elsewhere gives the same records`, async () => {
      const first = await emptyDatabase();
      const report = await importText(first.client, await fixture(name), name);
      const slug = name.replace(/\.(json|csv)$/, '');
      expect(report.timelines.created).toBe(1);
      expect(report.events.created).toBeGreaterThan(0);
      const exportedText = await exportTimeline(first.client, slug);
      const second = await emptyDatabase();
      await importText(second.client, exportedText, `${slug}.timeline.json`);
      expect(await contents(second.client)).toEqual(await contents(first.client));
      // Imported again, the same file changes nothing.
      const again = await importText(first.client, await fixture(name), name);
      expect({ events: again.events, timelines: again.timelines }).toEqual({
        events: { created: 0, updated: 0, unchanged: report.events.created },
        timelines: { created: 0, updated: 0, unchanged: 1 },
      });
    }, 120_000);
  }

  for (const name of ['ancient-rome.json', 'eras.json', 'all-media-types.json']) {
    it(`${name} comes back saying what it said: dates, BCE years, groups, backgrounds, media, text, title slide and eras`, async () => {
      const original = JSON.parse(await fixture(name)) as { title?: Slide; eras?: Slide[]; events: Slide[] };
      const database = await emptyDatabase();
      await importText(database.client, JSON.stringify(original), name);
      const back = JSON.parse(await exportTimeline(database.client, name.replace('.json', ''))) as typeof original;
      const bySlug = new Map(back.events.map((s) => [s.unique_id!, s]));
      expect(back.events).toHaveLength(original.events.length);
      for (const slide of original.events) {
        const again = bySlug.get(slugOf(slide));
        expect(again, slugOf(slide)).toBeDefined();
        expect(shown(again!)).toEqual(shown(slide));
      }
      const titleOf = (slide: Slide | undefined) => slide && { ...shown(slide), start_date: undefined };
      expect(titleOf(back.title)).toEqual(titleOf(original.title));
      expect((back.eras ?? []).map(shown)).toEqual((original.eras ?? []).map(shown));
    }, 120_000);
  }

  it('keeps years before the common era as TimelineJS counts them, and as Chronicle dates them', async () => {
    const database = await emptyDatabase();
    await importText(database.client, await fixture('ancient-rome.json'), 'ancient-rome.json');
    const caesar = await database.client.event.findUniqueOrThrow({ where: { slug: 'ides-of-march' } });
    // TimelineJS's -44 is 44 BCE; EDTF's years are astronomical: -0043.
    expect(caesar.date).toBe('-0043-03-15');
    const founding = await database.client.event.findUniqueOrThrow({ where: { slug: 'founding-of-rome' } });
    expect(founding.presentation).toEqual({ group: 'Kingdom', displayDate: '21 April 753 BCE (by legend)', startDisplayDate: '21 April 753 BCE' });
    expect(founding.summary).toBe('By legend, Romulus founds the city on the Palatine Hill.');
    expect(founding.summaryHtml).toBe('<p>By <em>legend</em>, Romulus founds the city on the Palatine Hill.</p>');
    const augustus = await database.client.event.findFirstOrThrow({ where: { title: 'Augustus' } });
    expect(augustus.date).toBe('-0026-01-16/0014-08-19');
    const timeline = await database.client.timeline.findUniqueOrThrow({ where: { slug: 'ancient-rome' } });
    expect(timeline.eras).toEqual([
      { date: '-0752/-0508', headline: 'Kingdom' },
      { date: '-0508/-0026', headline: 'Republic' },
      { date: '-0026/0476', headline: 'Empire', text: '<p>In the West</p>' },
    ]);
  }, 60_000);

  it("reads Knight Lab's Google Sheet template: its title row, times, blank cells, and a quote in place of a medium", async () => {
    const database = await emptyDatabase();
    const report = await importText(database.client, await fixture('my-own-timeline.csv'), 'my-own-timeline.csv');
    expect(report.warnings.join('\n')).toMatch(/10 new events .* cite no source; marked unsourced/);
    const timeline = await database.client.timeline.findUniqueOrThrow({
      where: { slug: 'my-own-timeline' },
      include: { _count: { select: { events: true } } },
    });
    expect(timeline.headline).toBe('MY OWN CSV');
    expect(timeline.background).toEqual({ url: expect.stringMatching(/^https:\/\/upload\.wikimedia\.org\/.*ENIAC.*\.gif$/) });
    expect(timeline._count.events).toBe(10);
    const ada = await database.client.event.findFirstOrThrow({ where: { title: 'Ada Lovelace' } });
    expect(ada.date).toBe('1815-12-10/1852-11-27');
    expect(ada.summaryHtml).toContain('<a href="https://en.wikipedia.org/wiki/Ada_Lovelace">Ada Lovelace</a>');
    expect(ada.summary).not.toMatch(/[<>]/);
    expect(ada.media).toEqual([
      {
        url: 'https://upload.wikimedia.org/wikipedia/commons/thumb/a/a4/Ada_Lovelace_portrait.jpg/713px-Ada_Lovelace_portrait.jpg',
        kind: 'IMAGE',
        caption: 'Portrait by Alfred Edward Chalon',
        credit: 'Wikimedia Commons',
      },
    ]);
    const clarke = await database.client.event.findFirstOrThrow({ where: { title: 'Edith Clarke: Bucking the Trend' } });
    expect(clarke.media).toEqual([{ html: expect.stringMatching(/^<blockquote>There is no demand for women engineers.*<cite>Edith Clarke/), kind: 'EMBED' }]);
  }, 60_000);

  it('with a slide Chronicle cannot date is refused by row, and nothing is written', async () => {
    const database = await emptyDatabase();
    const refused = importText(database.client, await fixture('cosmo-mixed.json'), 'cosmo-mixed.json');
    await expect(refused).rejects.toThrow(
      /3 problems; nothing was imported:\ncosmo-mixed\.json: row 1, field date: .*beyond the 290,000,000 years Chronicle can place in time/,
    );
    expect(await database.client.event.count()).toBe(0);
    expect(await database.client.timeline.count()).toBe(0);
    const bad = { events: [{ text: { headline: 'No date' } }, { start_date: { year: '2017', month: '13' }, text: { headline: 'Month 13' } }] };
    await expect(importText(database.client, JSON.stringify(bad), 'bad.json')).rejects.toThrow(
      /bad\.json: row 1, field start_date: a slide needs a start date.*\nbad\.json: row 2, field start_date\.month: 13 is not a month/s,
    );
  }, 60_000);
});
