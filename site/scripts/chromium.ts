// The Chromium that drives the site in a browser, defined once: Debian's (Playwright's own browser
// downloads are not reachable), started with the same flags by the site's browser tests (Playwright)
// and by pnpm bench's Lighthouse run (chrome-launcher, scripts/lighthouse.ts).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Chromium is: CHROMIUM_PATH, or Debian's /usr/bin/chromium. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The flags every test and `pnpm bench`'s Lighthouse run start Chromium with. */
export const chromiumFlags: readonly string[] = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
]);

/** The path of Chromium; throws, naming the package to install, where there is none. */
export function requireChromium(): string {
  if (!existsSync(chromiumPath))
    throw new Error(`No Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH).`);
  return chromiumPath;
}

/**
 * Starts Chromium through Playwright. Playwright hides scrollbars by default, as phones do;
 * `scrollbars: true` shows them as a desktop browser does (a page that grows taller while it loads
 * then gains one).
 */
export function launchChromium({ scrollbars = false } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: requireChromium(),
    args: [...chromiumFlags],
    ignoreDefaultArgs: scrollbars ? ['--hide-scrollbars'] : [],
    timeout: 60_000,
  });
}
