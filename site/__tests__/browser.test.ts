import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteDatabase, TestCms } from '../../cms/__tests__/harness.ts';
import { createHttpServer, createStaticHandler } from '../../scripts/rebuild/http.mjs';
import { runBuild } from './run-build.ts';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the site in a real browser', () => {
  const cms = new TestCms(sqliteDatabase);
  const outDir = mkdtempSync(path.join(tmpdir(), 'site-browser-'));
  let server: Server;
  let url = '';
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
    if (!existsSync(chromiumPath))
      throw new Error(`No Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH).`);
    await cms.start();
    const built = await runBuild({ CMS_URL: cms.url, STRAPI_TOKEN: cms.siteToken(), SITE_OUT_DIR: outDir });
    if (built.code !== 0) throw new Error(built.output);
    await cms.stop();
    // Served as the rebuild service serves it: with the security headers of the build's _headers.
    server = createHttpServer(createStaticHandler({ currentDir: () => outDir } as never));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
      timeout: 60_000,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await cms.destroy();
    rmSync(outDir, { recursive: true, force: true });
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
      expect(scripts?.[0], pathname).toBe("'self'");
      expect(scripts?.slice(1).every((source) => /^'sha256-[\w+/]+=*'$/u.test(source))).toBe(true);
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
    const items = page.locator('li.initiative');
    await expect.poll(() => page.locator('form.filters').count(), { timeout: 30_000 }).toBe(1);
    expect(await items.count()).toBe(31);

    await page.getByLabel('区分').selectOption('covid');
    await page.getByLabel('新規事業のみ').check();
    await expect.poll(() => items.count()).toBe(4);
    expect(new URL(page.url()).search).toBe('?column=covid&new=1');
    expect(await page.getByRole('status').textContent()).toBe('4件を表示');

    await page.reload();
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(4);
    expect(await page.getByLabel('区分').inputValue()).toBe('covid');

    await page.getByRole('button', { name: '条件をクリア' }).click();
    await expect.poll(() => items.count()).toBe(31);
    expect(new URL(page.url()).search).toBe('');
    await page.close();
    expect(violations).toEqual([]);
  });

  it('lists every initiative, grouped, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${url}/en/initiatives/`);
    expect(await page.locator('li.initiative').count()).toBe(31);
    expect(await page.locator('form.filters').count()).toBe(0);
    expect(await page.locator('h2', { hasText: 'COVID-19 response' }).count()).toBe(1);
    await context.close();
  });

  it('fits a 320 px wide phone screen on every kind of page, without sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    for (const path of [
      '/',
      '/plan/',
      '/initiatives/',
      '/branches/',
      '/branches/koto/',
      '/committees/',
      '/en/',
      '/en/plan/',
      '/en/branches/',
      '/en/committees/',
    ]) {
      await page.goto(`${url}${path}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(320);
    }
    await context.close();
  });

  it('shows where the keyboard focus is', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const style = getComputedStyle(element);
      return {
        text: element.textContent?.trim(),
        outline: style.outlineStyle,
        top: element.getBoundingClientRect().top,
      };
    });
    expect(focused.text).toBe('本文へスキップ');
    expect(focused.outline).toBe('solid');
    expect(focused.top).toBeGreaterThanOrEqual(0);
    await page.close();
  });
});
