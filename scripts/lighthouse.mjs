// Lighthouse 12 (pinned: 13 needs Node 22) over a served site, in Debian's Chromium: the mobile and
// desktop presets, the performance, accessibility and best-practices categories. pnpm bench prints
// the scores for the built site; `node scripts/lighthouse.mjs <folder>` does the same for any built
// site folder, served as the rebuild service serves it (security headers included).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { createHttpServer, createStaticHandler } from './rebuild/http.mjs';

/** The flags the site's browser tests start Chromium with (site/__tests__/served-site.ts). */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

/** One page of each kind: the homes, the initiatives with their island, a branch, the plan. */
export const lighthousePages = ['/', '/en/', '/initiatives/', '/en/initiatives/', '/branches/koto/', '/en/plan/'];

const categories = ['performance', 'accessibility', 'best-practices'];
const presets = [
  ['mobile', undefined],
  ['desktop', desktopConfig],
];

/**
 * Runs Lighthouse on every page with both presets, one after the other in one Chromium.
 * @param {string} baseUrl the served site, e.g. http://127.0.0.1:4321
 * @returns {Promise<{ preset: string, page: string, scores: Record<string, number>, cls: number, lcp: number, problems: string[] }[]>}
 */
export async function lighthouseScores(baseUrl, pages = lighthousePages) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    chromeFlags: chromiumFlags,
  });
  try {
    const results = [];
    for (const [preset, config] of presets) {
      for (const page of pages) {
        const { lhr } = await lighthouse(
          new URL(page, baseUrl).href,
          { port: chrome.port, logLevel: 'error', output: 'json', onlyCategories: categories },
          config,
        );
        results.push({
          preset,
          page,
          scores: Object.fromEntries(categories.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)])),
          cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN,
          lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
          // The scored audits that failed, so a score under 100 says why.
          problems: categories.flatMap((id) =>
            (lhr.categories[id]?.auditRefs ?? [])
              .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
              .map((ref) => `${ref.id} ${Math.round((lhr.audits[ref.id]?.score ?? 0) * 100)}`),
          ),
          ...(lhr.runtimeError ? { error: lhr.runtimeError.message } : {}),
        });
      }
    }
    return results;
  } finally {
    chrome.kill();
  }
}

/** The results as printed figures: one line per preset and page. */
export function lighthouseFigures(results) {
  return results.map(({ preset, page, scores, cls, lcp, problems, error }) => [
    `Lighthouse ${preset} ${page} (perf / a11y / best practices)`,
    `${categories.map((id) => scores[id]).join(' / ')}  (CLS ${cls.toFixed(3)}, LCP ${(lcp / 1000).toFixed(2)} s)` +
      (problems.length > 0 ? `  below 100: ${problems.join(', ')}` : '') +
      (error ? `  error: ${error}` : ''),
  ]);
}

/** Serves a built site folder on a free loopback port; returns its address and a close function. */
export async function serveSite(dir) {
  const server = createHttpServer(createStaticHandler({ currentDir: () => dir }));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('Usage: node scripts/lighthouse.mjs <built site folder>');
    process.exitCode = 2;
  } else {
    const site = await serveSite(path.resolve(dir));
    try {
      const figures = lighthouseFigures(await lighthouseScores(site.url));
      const width = Math.max(...figures.map(([name]) => name.length));
      for (const [name, value] of figures) console.log(`  ${name.padEnd(width)}  ${value}`);
    } finally {
      await site.close();
    }
  }
}
