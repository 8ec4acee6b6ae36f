// The TimelineJS export, loaded into the real TimelineJS (Knight Lab) in headless Chromium.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser } from './helpers/browser.js';
import { useTestDatabase } from './helpers/database.js';
import { yoga } from './helpers/graphql.js';

const timelineDist = path.resolve(import.meta.dirname, '../node_modules/@knight-lab/timelinejs/dist');

const PAGE = `<!doctype html><html><head>
<link rel="stylesheet" href="/tl/css/timeline.css">
<script src="/tl/js/timeline.js"></script>
</head><body><div id="timeline" style="width: 1000px; height: 600px"></div>
<script>
  fetch('/export/timelinejs.json?actor=malcolm-turnbull').then((r) => r.json()).then((data) => {
    window.timeline = new TL.Timeline('timeline', data, { script_path: '/tl/js/', font: null });
    window.timeline.on('loaded', () => { window.loaded = true; });
  });
</script></body></html>`;

let server: Server;
let browser: Browser;
let base: string;

describe.skipIf(!hasBrowser)('a journalist loads the export into TimelineJS', () => {
  useTestDatabase();
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      if (req.url === '/') {
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
});
