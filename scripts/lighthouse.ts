// Lighthouse 12 (pinned: 13 needs Node 22) over a served site, in Debian's Chromium: the mobile and
// desktop presets, the performance, accessibility, best-practices and SEO categories. pnpm bench prints
// the scores for the built site; `pnpm --filter @tcci/scripts exec tsx lighthouse.ts <folder>` does
// the same for any built site folder, served as the rebuild service serves it (security headers
// included). Chromium's path and flags are the site's tests' own (@tcci/site/chromium).
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumFlags, requireChromium } from '@tcci/site/chromium';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Config } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { createHttpServer, createStaticHandler } from './rebuild/http.ts';

/** One page of each kind: the homes, the initiatives with their island, a branch, the plan. */
export const lighthousePages = ['/', '/en/', '/initiatives/', '/en/initiatives/', '/branches/koto/', '/en/plan/'];

const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
const presets: [string, Config | undefined][] = [
  ['mobile', undefined],
  ['desktop', desktopConfig],
];

/** Lighthouse's findings on one page with one preset. */
export interface LighthouseResult {
  preset: string;
  page: string;
  /** 0–100 by category. */
  scores: Record<string, number>;
  cls: number;
  /** Largest Contentful Paint, in milliseconds. */
  lcp: number;
  /** The scored audits under 100, with their scores. */
  problems: string[];
  error?: string;
}

/**
 * Runs Lighthouse on every page with both presets, one after the other in one Chromium.
 * @param baseUrl the served site, e.g. http://127.0.0.1:4321
 */
export async function lighthouseScores(
  baseUrl: string,
  pages: readonly string[] = lighthousePages,
): Promise<LighthouseResult[]> {
  const chrome = await chromeLauncher.launch({ chromePath: requireChromium(), chromeFlags: [...chromiumFlags] });
  try {
    const results: LighthouseResult[] = [];
    for (const [preset, config] of presets) {
      for (const page of pages) {
        const result = await lighthouse(
          new URL(page, baseUrl).href,
          { port: chrome.port, logLevel: 'error', output: 'json', onlyCategories: categories },
          config,
        );
        if (!result) throw new Error(`Lighthouse returned nothing for ${page}.`);
        const { lhr } = result;
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
export function lighthouseFigures(results: readonly LighthouseResult[]): [string, string][] {
  return results.map(({ preset, page, scores, cls, lcp, problems, error }): [string, string] => [
    `Lighthouse ${preset} ${page} (perf / a11y / best practices / SEO)`,
    `${categories.map((id) => scores[id]).join(' / ')}  (CLS ${cls.toFixed(3)}, LCP ${(lcp / 1000).toFixed(2)} s)` +
      (problems.length > 0 ? `  below 100: ${problems.join(', ')}` : '') +
      (error ? `  error: ${error}` : ''),
  ]);
}

/** Serves a built site folder on a free loopback port; returns its address and a close function. */
export async function serveSite(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createHttpServer(createStaticHandler({ currentDir: () => dir }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('Usage: tsx scripts/lighthouse.ts <built site folder>');
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
