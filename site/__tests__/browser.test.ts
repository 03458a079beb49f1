import { readFileSync } from 'node:fs';
import path from 'node:path';
import { editionDir, loadSeeds } from '@tcci/seeds';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../scripts/chromium.ts';
import { buildAndServe, type ServedSite } from './served-site.ts';

const seeds = loadSeeds(editionDir(2021), 2021);

/** Waits until every island on the page has hydrated. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0, undefined, {
    timeout: 30_000,
  });
}

describe('the site in a real browser', () => {
  let site: ServedSite;
  let url = '';
  let outDir = '';
  let browser: Browser;
  /** Everything the browser reported about the Content-Security-Policy, on any page. */
  const violations: string[] = [];

  /** A page that reports CSP violations (the listener is injected by the browser, not by the page). */
  async function watched(page: Page): Promise<Page> {
    page.on('console', (message) => {
      if (/Content Security Policy|Content-Security-Policy/iu.test(message.text()))
        violations.push(`${page.url()}: ${message.text()}`);
    });
    await page.exposeFunction('reportViolation', (text: string) => violations.push(`${page.url()}: ${text}`));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { reportViolation: (t: string) => void }).reportViolation(
          `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sample})`,
        ),
      ),
    );
    return page;
  }

  beforeAll(async () => {
    site = await buildAndServe();
    ({ url, outDir } = site);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('is served with the security headers the build wrote into _headers', async () => {
    const file = readFileSync(path.join(outDir, '_headers'), 'utf8');
    expect(file).toMatch(/^\/\*\n/u);
    for (const pathname of ['/', '/initiatives/', '/en/initiatives/', '/branches/koto/', '/nowhere/']) {
      const response = await fetch(`${url}${pathname}`, { signal: AbortSignal.timeout(10_000) });
      expect(response.status, pathname).toBe(pathname === '/nowhere/' ? 404 : 200);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(file, pathname).toContain(`Content-Security-Policy: ${policy}\n`);
      const scripts = /(?:^|;)\s*script-src ([^;]*)/u.exec(policy)?.[1]?.split(' ');
      // Besides the site's own files, only the search's WebAssembly and the built inline scripts.
      expect(scripts?.slice(0, 2), pathname).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(scripts?.slice(2).every((source) => /^'sha256-[\w+/]+=*'$/u.test(source))).toBe(true);
      expect(policy).toMatch(/(?:^|;)\s*frame-ancestors 'none'(?:;|$)/u);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
  });

  it('runs every script of every kind of page under that policy, without a violation', async () => {
    const page = await watched(await browser.newPage());
    for (const pathname of ['/', '/plan/', '/initiatives/', '/branches/koto/', '/committees/', '/en/initiatives/']) {
      await page.goto(`${url}${pathname}`);
      if (pathname.endsWith('initiatives/'))
        await expect.poll(() => page.locator('form.filters').count(), { timeout: 30_000 }).toBe(1);
    }
    await page.close();
    expect(violations).toEqual([]);
  });

  it('filters the initiatives by column, category and 新, and keeps the filter in the URL', async () => {
    const page = await watched(await browser.newPage());
    await page.goto(`${url}/initiatives/`);
    const items = page.locator('li.initiative:visible');
    await hydrated(page);
    expect(await items.count()).toBe(31);

    await page.getByLabel('区分').selectOption('covid');
    await page.getByLabel('新規事業のみ').check();
    await expect.poll(() => items.count()).toBe(4);
    expect(new URL(page.url()).search).toBe('?column=covid&new=1');
    expect(await page.getByRole('status').textContent()).toBe(
      '4件を表示（絞り込み：区分：「コロナ禍対応」の取り組み、新規事業のみ）',
    );

    await page.reload();
    await hydrated(page);
    await expect.poll(() => items.count()).toBe(4);
    expect(await page.getByLabel('区分').inputValue()).toBe('covid');
    expect(await page.getByLabel('新規事業のみ').isChecked()).toBe(true);

    await page.getByLabel('区分').selectOption('focus');
    await page.getByLabel('分野', { exact: true }).selectOption('managementSupport');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('条件に合う取り組みはありません');
    expect(await items.count()).toBe(0);
    expect(await page.locator('h2:visible').count()).toBe(0);

    await page.getByRole('button', { name: '条件をクリア' }).click();
    await expect.poll(() => items.count()).toBe(31);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getByRole('status').textContent()).toBe('31件を表示');
    await page.close();
    expect(violations).toEqual([]);
  });

  it('lists every initiative, grouped, without JavaScript, and shows no filter that cannot work', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${url}/en/initiatives/`);
    expect(await page.locator('li.initiative:visible').count()).toBe(31);
    expect(await page.locator('form.filters').isVisible()).toBe(false);
    expect(await page.locator('h2', { hasText: 'COVID-19 response' }).count()).toBe(1);
    await context.close();
  });

  it('does not move the page while it loads, however late its script and however slow the network', async () => {
    // A desktop browser, with scrollbars; the page arrives slowly enough to be painted before it has
    // all arrived, and the island's scripts only once it has been painted.
    const desktop = await launchChromium({ scrollbars: true });
    try {
      for (const width of [320, 1280]) {
        for (const pathname of ['/initiatives/', '/en/initiatives/']) {
          const context = await desktop.newContext({ viewport: { width, height: 640 } });
          const page = await context.newPage();
          await page.addInitScript(() => {
            const total = { shift: 0 };
            (window as unknown as { layoutShift: typeof total }).layoutShift = total;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
                if (!entry.hadRecentInput) total.shift += entry.value;
            }).observe({ type: 'layout-shift', buffered: true });
          });
          const cdp = await context.newCDPSession(page);
          await cdp.send('Network.enable');
          await cdp.send('Network.emulateNetworkConditions', {
            offline: false,
            latency: 20,
            downloadThroughput: 20 * 1024,
            uploadThroughput: 20 * 1024,
          });
          let release = () => {};
          const painted = new Promise<void>((resolve) => (release = resolve));
          await page.route('**/_astro/*.js', async (route) => {
            await painted;
            await route.continue();
          });
          await page.goto(`${url}${pathname}`, { waitUntil: 'domcontentloaded' });
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
          const fullSpeed = { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };
          await cdp.send('Network.emulateNetworkConditions', fullSpeed);
          release();
          await hydrated(page);
          await page.evaluate(
            () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
          );
          const shift = await page.evaluate(
            () => (window as unknown as { layoutShift: { shift: number } }).layoutShift.shift,
          );
          expect(shift, `${pathname} at ${width} px`).toBe(0);
          await context.close();
        }
      }
    } finally {
      await desktop.close();
    }
  });

  it('prints a filtered list with what it is filtered by', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/en/initiatives/?column=covid&new=1`);
    await hydrated(page);
    await expect.poll(() => page.locator('li.initiative:visible').count()).toBe(4);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('form.filters').isVisible()).toBe(false);
    const printed = await page.locator('main').innerText();
    expect(printed).toContain('Showing 4, filtered by Column: COVID-19 response and New projects only');
    await page.close();
  });

  describe('the ward map', () => {
    const clusters = [...seeds.branchCluster].sort((a, b) => a.order - b.order);
    const letterOf = (slug: string) =>
      String.fromCharCode(65 + clusters.findIndex((cluster) => cluster.branches.includes(slug)));

    it('fills a phone’s screen, with ward names as large as the text', async () => {
      const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
      const page = await context.newPage();
      for (const pathname of ['/branches/', '/en/branches/']) {
        await page.goto(`${url}${pathname}`);
        const measured = await page.evaluate(() => {
          const main = document.querySelector('main')!;
          const style = getComputedStyle(main);
          const tiles = [...document.querySelectorAll('.ward-map .tile')].map((tile) => tile.getBoundingClientRect());
          return {
            column: main.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight),
            map: Math.max(...tiles.map((r) => r.right)) - Math.min(...tiles.map((r) => r.left)),
            names: [...document.querySelectorAll('.ward-map .tile-name')].map(
              (name) => name.getBoundingClientRect().height,
            ),
          };
        });
        expect(measured.names, pathname).toHaveLength(23);
        expect(measured.map, pathname).toBeGreaterThanOrEqual(measured.column - 1);
        expect(Math.min(...measured.names), pathname).toBeGreaterThanOrEqual(16);
      }
      await context.close();
    });

    it('takes the keyboard through the wards in the map’s order, each branch once', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${url}/en/branches/`);
      const wards: { href: string; top: number; left: number }[] = [];
      for (let press = 0; press < 100; press += 1) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const element = document.activeElement;
          if (!element || element === document.body) return null;
          const rect = element.getBoundingClientRect();
          return {
            href: element.getAttribute('href') ?? '',
            top: Math.round(rect.top + window.scrollY),
            left: Math.round(rect.left + window.scrollX),
          };
        });
        if (!focused) break;
        if (/\/branches\/[a-z]+\/$/u.test(focused.href)) wards.push(focused);
      }
      const hrefs = wards.map((w) => w.href);
      expect(hrefs.length).toBe(seeds.branch.length);
      expect(new Set(hrefs).size).toBe(hrefs.length);
      const onTheMap = [...wards].sort((a, b) => a.top - b.top || a.left - b.left).map((w) => w.href);
      expect(hrefs).toEqual(onTheMap);
      await page.close();
    });

    it('tells screen readers each ward’s group, as the map shows it', async () => {
      const page = await browser.newPage();
      await page.goto(`${url}/en/branches/`);
      const en = await page.locator('.ward-map').ariaSnapshot();
      await page.goto(`${url}/branches/`);
      const ja = await page.locator('.ward-map').ariaSnapshot();
      // Chromium puts a space around the visually hidden words; in Japanese they mean nothing.
      const jaNames = ja.replace(/(?<=link "[^"]*) (?=[^"]*")/gu, '');
      for (const branch of seeds.branch) {
        const letter = letterOf(branch.slug);
        expect(en).toContain(`link "${branch.name.en} Branch, group ${letter}"`);
        expect(jaNames).toContain(`link "${branch.name.ja}支部、グループ${letter}"`);
      }
      await page.close();
    });
  });
});
