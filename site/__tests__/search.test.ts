// The site search as a reader uses it: the golden queries in Chromium on the site built from the
// seeded CMS, the header's search box, the page without JavaScript, and what the page does with a
// query and with Pagefind's excerpts.
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excerptParts, mergeResults, queryForms } from '../src/lib/search.ts';
import { launchChromium } from '../scripts/chromium.ts';
import { runAxe, unmarkedJapanese, type Finding } from './page-checks.ts';
import { buildAndServe, type ServedSite } from './served-site.ts';
import { localeScripts } from '@tcci/schemas';

const golden = JSON.parse(readFileSync(path.join(import.meta.dirname, 'search-queries.json'), 'utf8')) as {
  queries: { q: string; page: string }[];
};

/** The search page of the edition a permanent address belongs to, in its locale. */
const searchPageOf = (page: string) => page.replace(/^((?:\/en)?\/\d{4}\/).*$/u, '$1search/');

/** Opens the search page with a query and waits (at most 30 s) until it has answered. */
async function search(page: Page, url: string, searchPage: string, query: string) {
  await page.goto(`${url}${searchPage}?q=${encodeURIComponent(query)}`);
  await page.waitForSelector('#search[data-state="done"], #search[data-state="failed"]', { timeout: 30_000 });
  return {
    state: await page.getAttribute('#search', 'data-state'),
    status: (await page.textContent('#search [role="status"]'))?.trim() ?? '',
    links: await page.$$eval('.search-results h2 a', (links) => links.map((a) => a.getAttribute('href') ?? '')),
  };
}

describe('what the search page does with a query', () => {
  it('folds full-width and half-width forms, and looks ASCII up in full width too', () => {
    expect(queryForms('ﾃﾚﾜｰｸ')).toEqual(['テレワーク']);
    expect(queryForms('ＲＣＥＰ')).toEqual(['RCEP', 'ＲＣＥＰ']);
    expect(queryForms('２０５０年')).toEqual(['2050年', '２０５０年']);
    expect(queryForms('  事業承継 　税制 ')).toEqual(['事業承継 税制']);
    expect(queryForms(' 　')).toEqual([]);
  });

  it('lists each page once, at its best score', async () => {
    const found = (id: string, score: number) => ({ id, score, data: () => Promise.resolve(id) });
    const merged = mergeResults([
      [found('a', 1), found('b', 5)],
      [found('a', 7), found('c', 2)],
    ]);
    expect(merged.map(({ id, score }) => [id, score])).toEqual([
      ['a', 7],
      ['b', 5],
      ['c', 2],
    ]);
  });

  it('writes an excerpt as text, with only the highlight as markup', () => {
    expect(excerptParts('事業\u200bを<mark>承継</mark>する &lt;script&gt;&amp;')).toEqual([
      { text: '事業を', mark: false },
      { text: '承継', mark: true },
      { text: 'する <script>&', mark: false },
    ]);
    expect(excerptParts('<img src=x onerror=alert(1)>a')).toEqual([{ text: 'a', mark: false }]);
  });
});

describe('the site search in a real browser', () => {
  let site: ServedSite;
  let browser: Browser;

  beforeAll(async () => {
    site = await buildAndServe();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it(`returns the page each of the ${golden.queries.length} golden queries names among its first three`, async () => {
    expect(golden.queries.length).toBeGreaterThanOrEqual(30);
    expect(new Set(golden.queries.map((query) => searchPageOf(query.page))).size).toBe(2); // ja and en
    const page = await browser.newPage();
    const misses: { q: string; page: string; top: string[] }[] = [];
    for (const query of golden.queries) {
      const { state, links } = await search(page, site.url, searchPageOf(query.page), query.q);
      expect(state, query.q).toBe('done');
      // Permanent addresses only: the copies without the year are not indexed twice.
      expect(
        links.filter((link) => !/^\/(?:en\/)?2021\//u.test(link)),
        query.q,
      ).toEqual([]);
      if (!links.slice(0, 3).includes(query.page)) misses.push({ ...query, top: links.slice(0, 3) });
    }
    await page.close();
    expect(misses).toEqual([]);
  });

  it('leads from the search box in the header to the results, each with its section and an excerpt', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/initiatives/`);
    await page.getByRole('search').getByRole('searchbox', { name: 'サイト内検索' }).fill('テレワーク');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#search[data-state="done"]', { timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/2021/search/');
    expect(await page.inputValue('#search-query')).toBe('テレワーク');
    expect(await page.textContent('#search [role="status"]')).toMatch(/^「テレワーク」を含むページ：\d+件$/u);
    const first = page.locator('.search-results li').first();
    expect(await first.locator('.search-section').textContent()).toBe('取り組み');
    expect(await first.locator('mark').first().textContent()).toBe('テレワーク');
    await first.locator('h2 a').click();
    await page.waitForURL(/\/2021\/initiatives\/it-for-10000-companies\/$/u, { timeout: 30_000 });
    await page.close();
  });

  it('says when nothing matches, and searches again from its own form', async () => {
    const page = await browser.newPage();
    const none = await search(page, site.url, '/en/2021/search/', 'zzzxqj');
    expect(none.links).toEqual([]);
    expect(none.status).toBe('No page contains “zzzxqj”. Try other words.');
    await page.fill('#search-query', 'Koto');
    await page.press('#search-query', 'Enter');
    await expect.poll(() => page.locator('.search-results li').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get('q')).toBe('Koto');
    await page.close();
  });

  it('passes axe with results at 320 px and 1280 px, and marks the Japanese in English results', async () => {
    const findings: Finding[] = [];
    for (const width of [320, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      for (const [searchPage, query] of [
        ['/2021/search/', '事業承継'],
        ['/en/2021/search/', 'telework'],
      ] as const) {
        await search(page, site.url, searchPage, query);
        findings.push(...(await runAxe(page, width)));
        // No sideways scrolling.
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth),
          `${searchPage} ${width}`,
        ).toBeLessThanOrEqual(width);
        if (searchPage.startsWith('/en/'))
          expect(await page.evaluate(unmarkedJapanese, localeScripts.ja.source)).toEqual([]);
      }
      await page.close();
    }
    expect(findings).toEqual([]);
  });

  it('sends the search’s data brotli-compressed to browsers that take it, and as Pagefind wrote it to others', async () => {
    const wasm = readdirSync(path.join(site.outDir, 'pagefind')).find((name) => /^wasm\..+\.pagefind$/u.test(name))!;
    const fetchRaw = (acceptEncoding: string) =>
      new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
        const req = request(
          `${site.url}/pagefind/${wasm}`,
          { headers: { 'accept-encoding': acceptEncoding } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
          },
        );
        req.setTimeout(10_000, () => req.destroy(new Error('timed out')));
        req.on('error', reject);
        req.end();
      });
    const plain = await fetchRaw('identity');
    const brotli = await fetchRaw('gzip, deflate, br');
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.subarray(0, 2).toString('hex')).toBe('1f8b'); // Pagefind's own gzip
    expect(brotli.encoding).toBe('br');
    expect(brotli.body.length).toBeLessThan(plain.body.length);
  });

  it('without JavaScript, says where else to find a page', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/en/2021/search/?q=telework`);
    const main = page.locator('main');
    expect(await main.textContent()).toContain(
      'Search needs JavaScript. To find a page without it, use the sections of the plan below or the sitemap.',
    );
    expect(await main.getByRole('link', { name: 'Initiatives' }).getAttribute('href')).toBe('/en/2021/initiatives/');
    expect(await main.getByRole('link', { name: 'Sitemap (XML)' }).getAttribute('href')).toBe('/sitemap-index.xml');
    await context.close();
  });
});
