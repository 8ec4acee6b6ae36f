// The web explorer at `/`, in Chromium as a reader uses it: the seeded timeline, a filter to
// Trump's events in May 2017, the disputed number exchange after Brussels with its supporting and
// disputing sources side by side, a permalink that reproduces the view, a CSV downloaded from the
// page holding the events the page lists, and an accessibility check (axe-core). The server runs
// only persisted operations: every operation the page sends must be one the build persisted.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser } from './helpers/browser.js';
import { createApiToken } from '../src/auth/api-tokens.js';
import { createLogger } from '../src/logger.js';
import { createChronicleYoga } from '../src/yoga.js';
import { currentTestDatabase, useTestDatabase } from './helpers/database.js';
import { eventSlugs, graphql, query } from './helpers/graphql.js';

const yoga = createChronicleYoga(createLogger('silent'), { client: () => currentTestDatabase().client, persistedOnly: true });

let server: Server;
let browser: Browser;
let base: string;

const screenshots = process.env.CHRONICLE_SCREENSHOTS;

/** The explorer at this address, once its events are listed. */
async function open(search = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${base}/${search}`);
  await page
    .locator('#results-heading')
    .filter({ hasText: /\d+ events?$/ })
    .waitFor({ timeout: 20_000 });
  (page as Page & { errors?: string[] }).errors = errors;
  return page;
}

/** The events the page lists, by slug, in its order. */
const listed = (page: Page) => page.locator('.event-list li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.slug));

/** Waits until the page lists these events, in this order (an answer may still be on its way). */
async function listing(page: Page, slugs: string[]): Promise<void> {
  await page.waitForFunction(
    (expected) => JSON.stringify([...document.querySelectorAll<HTMLElement>('.event-list li')].map((li) => li.dataset.slug)) === expected,
    JSON.stringify(slugs),
  );
}

describe.skipIf(!hasBrowser)('a reader explores the timeline at /', () => {
  useTestDatabase();
  beforeAll(async () => {
    server = createServer((req, res) => yoga(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('sees every seeded event on the timeline and in the list, with nothing failing', async () => {
    const page = await open();
    try {
      const all = await eventSlugs({});
      expect(await page.locator('#results-heading').textContent()).toBe(`${all.length} events`);
      expect(await page.locator('.event-row').count()).toBe(all.length);
      // Every event has a date the timeline can place: each is drawn.
      const drawn = page.locator('.vis-item.vis-point, .vis-item.vis-range');
      await drawn.first().waitFor();
      expect(await drawn.count()).toBe(all.length);
      // A month is a band over the month, not a point on its first day.
      expect(await page.locator('.vis-item.band', { hasText: 'Justin Trudeau calls' }).count()).toBe(1);
      expect(await page.locator('.vis-item.disputed.vis-point, .vis-item.disputed.vis-range').count()).toBe((await eventSlugs({ disputed: true })).length);
      // "Before 4 June 2017" ends at that day, its start left open.
      expect(await page.locator('.vis-item.open-start', { hasText: 'Tait writes that direct calls' }).count()).toBe(1);
      expect((page as Page & { errors?: string[] }).errors).toEqual([]);
      if (screenshots) await page.screenshot({ path: path.join(screenshots, 'explorer-timeline.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it("filters to Trump's events in May 2017, opens the disputed exchange after Brussels, and a permalink gives the same view", async () => {
    const page = await open();
    try {
      await page.getByLabel('Actor', { exact: true }).fill('trum');
      await page.locator('#actor-options button', { hasText: 'Donald Trump' }).click();
      await page.getByLabel('From', { exact: true }).fill('2017-05');
      await page.getByLabel('To', { exact: true }).fill('2017-05-31');
      await page.getByRole('button', { name: 'Apply' }).click();
      const expected = await eventSlugs({ actors: ['donald-trump'], from: '2017-05', to: '2017-05-31' });
      await page
        .locator('#results-heading')
        .filter({ hasText: `${expected.length} events` })
        .waitFor();
      expect(new URL(page.url()).search).toBe('?actor=donald-trump&from=2017-05&to=2017-05-31');
      const titles = await listed(page);
      expect(titles).toEqual(expected);
      expect(titles).toContain('trump-macron-brussels-meeting');

      await page.locator('.event-row', { hasText: 'Trump asks Macron to exchange personal numbers after their Brussels meeting' }).click();
      const panel = page.locator('.event-panel');
      await panel.locator('h2').filter({ hasText: 'Trump asks Macron to exchange personal numbers' }).waitFor();
      const [supporting, disputing] = [panel.locator('.stances > div').first(), panel.locator('.stances > div').last()];
      expect(await supporting.locator('h4').textContent()).toMatch(/^Supporting \(\d+\)$/);
      expect(await supporting.locator('.citation-source').allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining('Trump giving world leaders his cellphone number')]),
      );
      expect(await disputing.locator('h4').textContent()).toBe('Disputing (1)');
      expect(await disputing.locator('.citation-source').textContent()).toContain('The Hill');
      expect(await panel.locator('.event-status').textContent()).toContain('disputed by a source');
      // Each source with its reliability, the citation's confidence and the sources it rests on; the event it follows.
      expect(await disputing.locator('.citation-meta').textContent()).toMatch(/^Reliability [A-F]: .+ · confidence (low|medium|high)$/);
      expect(await supporting.locator('.citation-chain').textContent()).toMatch(/^Based on: .+/);
      expect(await panel.locator('#related ~ ul li').allTextContents()).toEqual([expect.stringMatching(/^follows Trump and Macron meet in Brussels/)]);
      if (screenshots) await page.screenshot({ path: path.join(screenshots, 'explorer-event.png'), fullPage: true });

      // The permalink: the same filter, the same events, the same event open.
      const permalink = page.url();
      expect(new URL(permalink).searchParams.get('event')).toBe('trump-asks-macron-to-swap-numbers-after-brussels');
      const again = await open(new URL(permalink).search);
      try {
        expect(await listed(again)).toEqual(titles);
        await again.locator('.event-panel h2').filter({ hasText: 'Trump asks Macron to exchange personal numbers' }).waitFor();
        expect(await again.locator('.filters .chips li').allTextContents()).toEqual(['Actor: donald-trump×']);
        expect(await again.getByLabel('From', { exact: true }).inputValue()).toBe('2017-05');
      } finally {
        await again.close();
      }
      // Back: the filter before the event was opened, then the unfiltered timeline.
      await page.goBack();
      await page.locator('.event-panel').waitFor({ state: 'detached' });
      expect(await listed(page)).toEqual(titles);
    } finally {
      await page.close();
    }
  });

  it("opens an actor's page from an event, and draws the shortest chain between two actors, in words too", async () => {
    const page = await open('?event=trudeau-calls-trump-cellphone');
    try {
      await page.locator('.event-panel').getByRole('button', { name: 'Justin Trudeau' }).click();
      await page.locator('.actor-panel h2').filter({ hasText: 'Justin Trudeau' }).waitFor();
      expect(new URL(page.url()).searchParams.get('profile')).toBe('justin-trudeau');
      const { actor } = await query(
        graphql(`{ actor(slug: "justin-trudeau") { associates(first: 10) { edges { node { sharedEventCount actor { name } } } } } }`),
      );
      expect(await page.locator('.associates li').allTextContents()).toEqual(
        actor!.associates.edges.map(({ node }) => `${node.actor.name} ${node.sharedEventCount} ${node.sharedEventCount === 1 ? 'event' : 'events'}`),
      );
      expect(await page.locator('.actor-panel #roles ~ ul li').allTextContents()).toEqual([
        expect.stringMatching(/^Prime Minister, Government of Canada \(.+\)$/),
      ]);
      await page.getByLabel('Chain from').selectOption('justin-trudeau');
      await page.getByLabel('Chain to').selectOption('sergey-lavrov');
      const { path: chain } = await query(
        graphql(`{ path(from: "justin-trudeau", to: "sergey-lavrov", maxHops: 6) { steps { actor { name } via { title date { display } } } } }`),
      );
      const words = chain!.steps.map((s) => `${s.via ? `via ${s.via.title} (${s.via.date.display}) → ` : ''}${s.actor.name}`);
      await page
        .locator('.path-steps li')
        .nth(words.length - 1)
        .waitFor();
      expect(await page.locator('.path-steps li').allTextContents()).toEqual(words);
      expect(new URL(page.url()).search).toContain('pathFrom=justin-trudeau&pathTo=sergey-lavrov');
      // The graph is drawn (a canvas), its chain highlighted: the same chain after a reload.
      expect(await page.locator('.network-graph canvas').count()).toBe(1);
      await page.reload();
      await page
        .locator('.path-steps li')
        .nth(words.length - 1)
        .waitFor();
      expect(await page.locator('.path-steps li').allTextContents()).toEqual(words);
      if (screenshots) await page.screenshot({ path: path.join(screenshots, 'explorer-actor.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('replays the record: known by a day shows what was public then, and the slider back at today shows all', async () => {
    const page = await open('?knownBy=2017-05-20');
    try {
      const then = await eventSlugs({ knownBy: '2017-05-20' });
      expect(await listed(page)).toEqual(then);
      expect(await page.locator('output[for="known-by"]').textContent()).toBe('2017-05-20');
      await page.getByLabel(/^Known by \d/).focus();
      await page.keyboard.press('End');
      const all = await eventSlugs({});
      await page
        .locator('#results-heading')
        .filter({ hasText: `${all.length} events` })
        .waitFor();
      expect(new URL(page.url()).searchParams.has('knownBy')).toBe(false);
      await page.getByRole('button', { name: 'Play how the record grew' }).click();
      await page.waitForURL(/knownBy=/, { timeout: 10_000 });
      await page.getByRole('button', { name: 'Pause' }).click();
    } finally {
      await page.close();
    }
  });

  it('finds events by words with the passages highlighted, narrows them to a type, and walks them with previous and next', async () => {
    const page = await open();
    try {
      await page.getByLabel('Words', { exact: true }).fill('cellphone');
      await page.getByRole('button', { name: 'Apply' }).click();
      const found = await eventSlugs({ text: 'cellphone' });
      await listing(page, found);
      expect(await page.locator('.event-row-snippet mark').count()).toBeGreaterThanOrEqual(found.length);
      expect((await page.locator('.event-row-snippet mark').allTextContents()).every((word) => /^cellphone/i.test(word))).toBe(true);

      await page.locator('#type-filter').selectOption({ label: 'Leak' });
      await page.getByRole('button', { name: 'Add type' }).click();
      const leaks = await eventSlugs({ text: 'cellphone', types: ['leak'] });
      await listing(page, leaks);
      expect(await page.locator('.filters .chips li').allTextContents()).toEqual(['Type: Leak×']);

      const all = await eventSlugs({ types: ['leak'] });
      await page.goto(`${base}/?type=leak&event=${all[0]}`);
      await page.locator('.event-panel h2').waitFor();
      for (const slug of all.slice(1)) {
        await page.locator('.neighbours button').last().click();
        await page.waitForURL(new RegExp(`event=${slug}`));
      }
      expect(await page.locator('.neighbours button').allTextContents()).toEqual([expect.stringMatching(/^← /)]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('sets the time window by a drag across the histogram, and a source or a tag from the event', async () => {
    const page = await open('?event=trump-asks-macron-to-swap-numbers-after-brussels');
    try {
      const bars = page.locator('.histogram rect.hit');
      await bars.first().waitFor();
      const [first, third] = [await bars.nth(0).boundingBox(), await bars.nth(2).boundingBox()];
      await page.mouse.move(first!.x + first!.width / 2, first!.y + first!.height / 2);
      await page.mouse.down();
      await page.mouse.move(third!.x + third!.width / 2, third!.y + third!.height / 2, { steps: 5 });
      await page.mouse.up();
      await page.waitForURL(/from=/);
      const search = new URL(page.url()).searchParams;
      expect([search.get('from'), search.get('to')]).toEqual(['2017-01', '2017-03']);
      await listing(page, await eventSlugs({ from: '2017-01', to: '2017-03' }));

      await page.goto(`${base}/?event=trump-asks-macron-to-swap-numbers-after-brussels`);
      // The Hill disputes it: its card is in the second column.
      await page.locator('.stances > div:last-child .citation').getByRole('button', { name: 'Events citing this source' }).click();
      await page.waitForURL(/source=/);
      const source = new URL(page.url()).searchParams.get('source')!;
      expect(source).toBe('the-hill-macron-number-swap');
      await listing(page, await eventSlugs({ sources: [source] }));

      await page.goto(`${base}/?event=trump-pena-nieto-call`);
      await page.locator('.event-panel .tags').getByRole('button', { name: '#mexico' }).click();
      await page.waitForURL(/tag=mexico/);
      await listing(page, await eventSlugs({ tags: ['mexico'] }));
    } finally {
      await page.close();
    }
  });

  it('fits a phone: one column, nothing wider than the screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      await page.goto(`${base}/?event=trump-macron-brussels-meeting`);
      await page.locator('.event-panel h2').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const [list, panel] = [await page.locator('.event-list').boundingBox(), await page.locator('.event-panel').boundingBox()];
      expect(panel!.y).toBeGreaterThan(list!.y);
      if (screenshots) await page.screenshot({ path: path.join(screenshots, 'explorer-phone.png') });
    } finally {
      await page.close();
    }
  });

  it('downloads the CSV of what it shows, row for row', async () => {
    const page = await open('?actor=emmanuel-macron');
    try {
      // A link per format the server exports, each the same filter.
      const { exportFormats } = await query(graphql('{ exportFormats { path } }'));
      expect(await page.locator('.exports a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(
        exportFormats.map((f) => `${f.path}?actor=emmanuel-macron`),
      );
      const titles = await listed(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).click()]);
      const rows = parse(await readFile((await download.path())!, 'utf8'), { columns: true, bom: true }) as { slug: string; title: string }[];
      expect(rows.map((r) => r.slug)).toEqual(titles);
      expect(rows.map((r) => r.slug)).toEqual(await eventSlugs({ actors: ['emmanuel-macron'] }));
    } finally {
      await page.close();
    }
  });

  it('shows an event written meanwhile without being reloaded, and the open event as it is now', async () => {
    const page = await open('?actor=donald-trump&event=trump-macron-brussels-meeting');
    try {
      await page.locator('.event-panel h2').filter({ hasText: 'Trump and Macron meet in Brussels' }).waitFor();
      const before = await listed(page);
      const { secret } = await createApiToken(currentTestDatabase().client, 'live-desk', 'WRITE');
      const event = (slug: string, title: string) => ({
        slug,
        title,
        kind: 'meeting',
        status: 'REPORTED',
        date: '2017-05-25',
        participants: [{ role: 'participant', actor: { slug: 'donald-trump', name: 'Donald Trump', kind: 'PERSON' } }],
        citations: [{ source: { slug: 'seed-article', kind: 'news-report', title: '[Untitled article on Trump giving world leaders his cellphone number]' } }],
      });
      const written = await fetch(`${base}/import?name=live.ndjson`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}` },
        body: [
          event('nato-summit-dinner', 'Trump dines with NATO leaders'),
          event('trump-macron-brussels-meeting', 'Trump and Macron meet in Brussels, a handshake'),
        ]
          .map((e) => JSON.stringify(e))
          .join('\n'),
      });
      expect(written.status).toBe(200);
      await page
        .locator('#results-heading')
        .filter({ hasText: `${before.length + 1} events` })
        .waitFor({ timeout: 10_000 });
      expect(await listed(page)).toContain('nato-summit-dinner');
      await page.locator('.event-panel h2').filter({ hasText: 'a handshake' }).waitFor({ timeout: 10_000 });
      // The stream drops (the server closes it) and a write is made before the browser reconnects
      // (it waits some seconds): the write is never heard, and once back, the page reads again.
      server.closeAllConnections();
      const missed = await yoga.fetch('http://yoga/import?name=missed.ndjson', {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}` },
        body: JSON.stringify(event('g7-arrival', 'Trump arrives in Sicily')),
      });
      expect(missed.status).toBe(200);
      await page
        .locator('#results-heading')
        .filter({ hasText: `${before.length + 2} events` })
        .waitFor({ timeout: 15_000 });
    } finally {
      await page.close();
    }
  });

  it('shows a title as text wherever it shows it, tooltip included, and moves focus to an event opened and back to its row', async () => {
    const hostile = 'Talks <img src=x onerror="window.pwned=1"> <b>bold</b>';
    const { importText } = await import('../src/imports/import-text.js');
    await importText(
      currentTestDatabase().client,
      JSON.stringify({ slug: 'hostile-title', title: hostile, kind: 'meeting', status: 'REPORTED', date: '2017-05-26', unsourced: true }),
      'hostile.ndjson',
    );
    const page = await open('?from=2017-05-26&to=2017-05-26');
    try {
      const item = page.locator('.vis-item.vis-point', { hasText: 'Talks' });
      await item.hover();
      const tooltip = page.locator('.vis-tooltip');
      await tooltip.waitFor();
      expect(await tooltip.textContent()).toContain(hostile);
      expect(await page.locator('.timeline img, .event-list img, .vis-tooltip img, .timeline b').count()).toBe(0);
      await page.locator('.event-row', { hasText: 'Talks' }).click();
      await page.waitForFunction(() => document.activeElement?.id === 'event-title');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(hostile);
      await page.getByRole('button', { name: 'Close the event' }).click();
      expect(await page.evaluate(() => document.activeElement?.closest('li')?.dataset.slug)).toBe('hostile-title');
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    } finally {
      await page.close();
    }
  });

  it('draws years before the common era as readers count them, on the axis and in the list', async () => {
    const { importText } = await import('../src/imports/import-text.js');
    const rome = await readFile(path.resolve(import.meta.dirname, 'fixtures/timelinejs/ancient-rome.json'), 'utf8');
    await importText(currentTestDatabase().client, rome, 'ancient-rome.json');
    const page = await open('?timeline=ancient-rome');
    try {
      expect(await page.locator('.event-row-date').allTextContents()).toContain('15 March 44 BC');
      const drawn = page.locator('.vis-item.vis-point, .vis-item.vis-range');
      await drawn.first().waitFor();
      expect(await drawn.count()).toBe((await eventSlugs({ timelines: ['ancient-rome'] })).length);
      const axis = await page.locator('.vis-time-axis .vis-text').allTextContents();
      expect(axis.some((label) => /^\d+ BC$/.test(label))).toBe(true);
      expect(axis).not.toContain('0000');
    } finally {
      await page.close();
    }
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const page = await open('?actor=donald-trump&event=trump-asks-macron-to-swap-numbers-after-brussels');
    try {
      await page.locator('.event-panel h2').waitFor();
      // Evaluated, not added as a script tag: the page's policy lets only its own scripts run.
      await page.evaluate(await readFile(path.resolve(import.meta.dirname, '../node_modules/axe-core/axe.min.js'), 'utf8'));
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
        return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, where: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
      });
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

// No browser needed: the server side of persisted operations.
describe('a server set to run persisted operations only', () => {
  useTestDatabase();
  it('is the only client a persisted-only server answers: any other query is refused, saying why', async () => {
    const refused = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ events { totalCount } }' }),
    });
    expect((await refused.json()).errors[0].message).toMatch(/^PersistedQueryOnly: this server runs only the web explorer’s persisted operations/);
    const store = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../dist/web/persisted-operations.json'), 'utf8')) as Record<string, string>;
    const [hash, text] = Object.entries(store).find(([, document]) => document.startsWith('query ExplorerExportFormats'))!;
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });
    const answered = await (await yoga.fetch(`http://yoga/graphql?extensions=${encodeURIComponent(extensions)}`)).json();
    expect(answered.data.exportFormats.map((f: { name: string }) => f.name)).toContain('CSV');
    expect(text).toContain('__typename');
    const nothing = await yoga.fetch('http://yoga/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect((await nothing.json()).errors[0].message).toBe(
      'Must provide query string, or the hash of a persisted operation (extensions.persistedQuery.sha256Hash)',
    );
    const unknown = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } });
    expect((await (await yoga.fetch(`http://yoga/graphql?extensions=${encodeURIComponent(unknown)}`)).json()).errors[0].message).toMatch(
      /^PersistedQueryNotFound/,
    );
  });
});
