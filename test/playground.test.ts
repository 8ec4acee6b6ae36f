// A person opens GraphiQL in a real browser, runs the first example and reads the answer.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser } from './helpers/browser.js';
import { useTestDatabase } from './helpers/database.js';
import { yoga } from './helpers/graphql.js';

let server: Server;
let browser: Browser;
let url: string;

describe.skipIf(!hasBrowser)('a person in the GraphiQL playground', () => {
  useTestDatabase();

  beforeAll(async () => {
    server = createServer(yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("sees the example tabs, runs the first one and reads Trump's events", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(url);
      for (const tab of ['TrumpsTimeline', 'WhoSaysSo', 'ConflictingAccounts', 'MayToJune']) {
        await expect(page.getByText(tab, { exact: true }).first().isVisible()).resolves.toBe(true);
      }
      await page.locator('.graphiql-execute-button').click();
      const result = page.locator('.result-window');
      await result.getByText('"totalCount": 18').waitFor({ timeout: 20_000 });
      // The result pane (Monaco) renders only the lines in view: the top of the answer.
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText, the text as rendered, not the DOM property
      expect((await result.innerText()).replace(/\s+/g, ' ')).toContain('"name": "Donald Trump"');
    } finally {
      await page.close();
    }
  });
});
