// The TimelineJS export, loaded into the real TimelineJS (Knight Lab) in headless Chromium.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser } from './helpers/browser.js';
import { importText } from '../src/imports/import-text.js';
import { useTestDatabase } from './helpers/database.js';
import { yoga } from './helpers/graphql.js';

const timelineDist = path.resolve(import.meta.dirname, '../node_modules/@knight-lab/timelinejs/dist');

const PAGE = `<!doctype html><html><head>
<link rel="stylesheet" href="/tl/css/timeline.css">
<script src="/tl/js/timeline.js"></script>
</head><body><div id="timeline" style="width: 1000px; height: 600px"></div>
<script>
  const exported = new URLSearchParams(location.search).get('export') ?? '/export/timelinejs.json?actor=malcolm-turnbull';
  fetch(exported).then((r) => r.json()).then((data) => {
    window.timeline = new TL.Timeline('timeline', data, { script_path: '/tl/js/', font: null });
    window.timeline.on('loaded', () => { window.loaded = true; });
  });
</script></body></html>`;

let server: Server;
let browser: Browser;
let base: string;

/** A TimelineJS file whose every field that TimelineJS shows as HTML tries to run script. */
const HOSTILE = {
  title: {
    text: { headline: 'Hostile <img src=x onerror="window.pwned=1">', text: '<p>Title <script>window.pwned=2</script></p>' },
    media: { url: '<iframe src="javascript:window.pwned=3"></iframe>', caption: '<img src=x onerror="window.pwned=4">' },
  },
  eras: [{ start_date: { year: 2016 }, end_date: { year: 2018 }, text: { headline: '<svg onload="window.pwned=5"></svg>Era' } }],
  events: [
    {
      unique_id: 'hostile-slide',
      start_date: { year: 2017, month: 5, day: 25 },
      text: {
        headline: '<b onmouseover="window.pwned=6">Headline</b><script>window.pwned=7</script>',
        text: '<p><a href="javascript:window.pwned=8">a link</a> <img src=x onerror="window.pwned=9"> <span style="background:url(javascript:x)" onclick="window.pwned=10">text</span></p>',
      },
      media: {
        url: '<blockquote onmouseover="window.pwned=11">A quote<script>window.pwned=12</script></blockquote>',
        credit: '<img src=x onerror="window.pwned=13">',
      },
      group: '<img src=x onerror="window.pwned=14">',
      display_date: '<img src=x onerror="window.pwned=15">',
    },
    {
      // URLs that would end the attribute TimelineJS concatenates them into (its PDF and Google Doc frames).
      unique_id: 'hostile-urls',
      start_date: { year: 2017, month: 5, day: 26 },
      text: { headline: 'Links' },
      media: {
        url: "https://x.org/doc.pdf'onload='window.pwned=16",
        thumbnail: 'https://x.org/t.jpg"onerror="window.pwned=17',
        link: "https://x.org/'><img src=x onerror=window.pwned=18>",
        alt: '"><img src=x onerror=window.pwned=19>',
      },
      background: { url: "https://x.org/bg.jpg'onload='window.pwned=20", alt: "'><img src=x onerror=window.pwned=21>" },
    },
  ],
};

describe.skipIf(!hasBrowser)('a journalist loads the export into TimelineJS', () => {
  const database = useTestDatabase();
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      if (req.url === '/' || req.url?.startsWith('/?')) {
        res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      } else if (req.url?.startsWith('/tl/')) {
        const file = path.join(timelineDist, req.url.slice(4).split('?')[0]!);
        const body = await readFile(file).catch(() => null);
        if (!body) res.writeHead(404).end();
        else
          res
            .writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : file.endsWith('.json') ? 'application/json' : 'text/javascript' })
            .end(body);
      } else {
        yoga(req, res);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('renders the title slide and one slide per event', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(base);
      await page.waitForFunction(() => (window as unknown as { loaded?: boolean }).loaded === true, undefined, { timeout: 20_000 });
      const headlines = await page.locator('.tl-slide .tl-headline').allInnerTexts();
      expect(headlines.map((h) => h.trim())).toEqual([
        'Chronicle',
        "Trump's phone call with Malcolm Turnbull",
        "Trump's call with Turnbull leaks",
        "The Washington Post publishes the transcripts of Trump's calls with Turnbull and Peña Nieto",
      ]);
      expect(await page.locator('.tl-timemarker').count()).toBe(3);
      await page.screenshot({ path: path.join(process.env.TMPDIR ?? '/tmp', 'chronicle-timeline.png') });
    } finally {
      await page.close();
    }
  });

  it('runs nothing a hostile TimelineJS file brought in: every field TimelineJS shows as HTML is cleaned or escaped', async () => {
    await importText(database().client, JSON.stringify(HOSTILE), 'hostile.json');
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/?export=${encodeURIComponent('/export/timelinejs.json?timeline=hostile')}`);
      await page.waitForFunction(() => (window as unknown as { loaded?: boolean }).loaded === true, undefined, { timeout: 20_000 });
      // Every slide shown in turn, its media loaded, and every element hovered and clicked.
      for (let slide = 0; slide < 2; slide += 1) {
        await page.evaluate(() => (window as unknown as { timeline: { goToNext(): void } }).timeline.goToNext());
        await page.waitForTimeout(500);
      }
      await page.evaluate(() => {
        for (const element of document.querySelectorAll('#timeline *')) {
          for (const type of ['mouseover', 'click', 'load', 'error']) element.dispatchEvent(new Event(type));
        }
      });
      await page.waitForTimeout(500);
      // Not only what this TimelineJS happens to clean itself: every string of the export, put in
      // the page as HTML, as any other reader of the format may.
      await page.evaluate(async (url) => {
        const strings = (value: unknown): string[] =>
          typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];
        const sink = document.createElement('div');
        document.body.append(sink);
        const data = await (await fetch(url)).json();
        for (const html of strings(data)) sink.insertAdjacentHTML('beforeend', html);
        // And the URLs and alt texts in the attributes a reader puts them in, quoted either way.
        const attributes = (value: unknown): string[] =>
          value && typeof value === 'object'
            ? Object.entries(value).flatMap(([key, v]) =>
                ['url', 'thumbnail', 'link', 'alt'].includes(key) && typeof v === 'string' && !v.startsWith('<') ? [v] : attributes(v),
              )
            : [];
        for (const text of attributes(data)) sink.insertAdjacentHTML('beforeend', `<iframe src='${text}'></iframe><img src="${text}" alt="${text}">`);
        for (const element of sink.querySelectorAll('*')) {
          for (const type of ['mouseover', 'click']) element.dispatchEvent(new Event(type));
          if (element instanceof HTMLAnchorElement) element.click();
        }
      }, '/export/timelinejs.json?timeline=hostile');
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(await page.locator('#timeline script, #timeline [onerror], #timeline [onload], #timeline [onclick], #timeline [onmouseover]').count()).toBe(0);
      expect(await page.locator('#timeline a[href^="javascript"], #timeline iframe[src^="javascript"]').count()).toBe(0);
      // What is words stays words: the headline's text is shown, not run.
      expect(await page.locator('.tl-slide .tl-headline').allInnerTexts()).toContain('Headline');
    } finally {
      await page.close();
    }
  });
});
