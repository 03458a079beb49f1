// pnpm bench's figures of the site search: the size of its index, and what a query transfers, in
// Chromium, from a fresh browser (nothing cached) on the site served as the rebuild service serves
// it (compressed where the file is not already): the library (Pagefind's script and WebAssembly),
// the index chunks it reads, the results' fragments and the search page's own scripts. Every golden
// query of the tests is one typical query. Bytes are the bodies as sent (1 KB = 1000 bytes).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '@tcci/site/chromium';

const root = path.resolve(import.meta.dirname, '..');
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** The budget of one query, all it transfers (issue: ≤ 100 KB). */
export const queryBudgetBytes = 100 * 1000;

/** The index's files by kind, and their size on disk (Pagefind writes them compressed). */
export function searchIndexFigures(outDir: string): [string, string][] {
  const dir = path.join(outDir, 'pagefind');
  // Pagefind's own files, without the brotli copies the build writes beside them.
  const filesOf = (folder: string, language: string) =>
    readdirSync(path.join(dir, folder)).filter((name) => name.startsWith(`${language}_`) && !name.endsWith('.br'));
  const sizeOf = (folder: string, language: string) =>
    filesOf(folder, language).reduce((sum, name) => sum + statSync(path.join(dir, folder, name)).size, 0);
  const entry = JSON.parse(readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.entries(entry.languages).map(([language, { page_count }]) => [
    `Search index, ${language}: pages / index chunks / fragments`,
    `${page_count} / ${kb(sizeOf('index', language))} in ${filesOf('index', language).length} chunks / ${kb(sizeOf('fragment', language))}`,
  ]);
}

type Kind = 'library' | 'index' | 'results' | 'page scripts';
const kindOf = (url: string): Kind | undefined => {
  const name = new URL(url).pathname;
  if (/\/pagefind\/(?:pagefind\.js|wasm\.[\w-]+\.pagefind)$/u.test(name)) return 'library';
  if (/\/pagefind\/fragment\//u.test(name)) return 'results';
  if (/\/pagefind\//u.test(name)) return 'index';
  if (/\/_astro\/.*\.js$/u.test(name)) return 'page scripts';
  return undefined;
};

/** What each golden query transfers, from a fresh browser on the site served at `url`. */
export async function searchQueryFigures(url: string): Promise<[string, string][]> {
  const golden = JSON.parse(readFileSync(path.join(root, 'site/__tests__/search-queries.json'), 'utf8')) as {
    queries: { q: string; page: string }[];
  };
  const browser = await launchChromium();
  const totals: number[] = [];
  const parts: Record<Kind, number[]> = { library: [], index: [], results: [], 'page scripts': [] };
  let hits = 0;
  try {
    for (const { q, page } of golden.queries) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      const bytes: Record<Kind, number> = { library: 0, index: 0, results: 0, 'page scripts': 0 };
      const sized: Promise<void>[] = [];
      tab.on('requestfinished', (request) => {
        const kind = kindOf(request.url());
        if (kind)
          sized.push(
            request.sizes().then((sizes) => {
              bytes[kind] += sizes.responseBodySize;
            }),
          );
      });
      const searchPage = page.replace(/^((?:\/en)?\/\d{4}\/).*$/u, '$1search/');
      await tab.goto(`${url}${searchPage}?q=${encodeURIComponent(q)}`);
      await tab.waitForSelector('#search[data-state="done"]', { timeout: 30_000 });
      await tab.waitForLoadState('networkidle', { timeout: 30_000 });
      await Promise.all(sized);
      const links = (await tab.locator('.search-results h2 a').all()).slice(0, 3);
      const top = await Promise.all(links.map((link) => link.getAttribute('href')));
      if (top.includes(page)) hits += 1;
      for (const kind of Object.keys(parts) as Kind[]) parts[kind].push(bytes[kind]);
      totals.push(Object.values(bytes).reduce((sum, n) => sum + n, 0));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  // The budget counts the library and the index chunks it reads; the results' fragments and the
  // page's own scripts are shown beside it.
  const budgeted = totals.map((_, i) => parts.library[i]! + parts.index[i]!);
  const over = budgeted.filter((bytes) => bytes > queryBudgetBytes).length;
  return [
    [`Search, golden queries in the top 3`, `${hits} of ${golden.queries.length}`],
    [
      `Search, one query from a fresh browser, all it transfers (median / worst of ${totals.length})`,
      `${kb(median(totals))} / ${kb(Math.max(...totals))}`,
    ],
    [
      `  library + index chunks (median / worst; budget ${queryBudgetBytes / 1000} KB)`,
      `${kb(median(budgeted))} / ${kb(Math.max(...budgeted))} (${over} of ${budgeted.length} over)`,
    ],
    ...(Object.entries(parts) as [Kind, number[]][]).map(([kind, values]): [string, string] => [
      `  of which ${kind} (median)`,
      kb(median(values)),
    ]),
  ];
}
