// Debian's Chromium, driven by playwright-core (Playwright's own browser download cannot work here).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** CI installs Chromium and must run the browser tests; elsewhere they are skipped without one. */
export const hasBrowser = existsSync(executablePath) || Boolean(process.env.CI);

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
