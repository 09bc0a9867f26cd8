// Debian's Chromium through playwright-core (GOTCHAS: never `playwright install`), or one line saying how to get it.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const MISSING_CHROMIUM = `Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium fonts-noto-cjk (or set SKIP_BROWSER=1)`;

/** SKIP_BROWSER=1 skips the browser tests; otherwise a missing Chromium fails them. */
export const skipBrowser = process.env.SKIP_BROWSER === '1';

export class ChromiumMissing extends Error {
  constructor() {
    super(MISSING_CHROMIUM);
    this.name = 'ChromiumMissing';
    this.stack = `${this.name}: ${MISSING_CHROMIUM}`; // one line, no trace: it is a set-up problem, not a bug
  }
}

export const chromiumPresent = (): boolean => existsSync(CHROMIUM_PATH);

export async function launchChromium(): Promise<Browser> {
  if (!chromiumPresent()) throw new ChromiumMissing();
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
