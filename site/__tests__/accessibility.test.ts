// The accessibility gates, over every page of the built site in both languages, in Chromium:
// axe-core at 320 px and 1280 px wide (and the initiatives page after each filter), no sideways
// scrolling at 320 px, a walk through every page with the Tab key (every interactive element
// reached, the focus always visible), Japanese words in English text marked lang="ja", and the Nu
// HTML checker over every file. Each page is loaded once per width. The accessibility statement
// prints the figures of such a run (src/data/accessibility-report.json); a run whose figures differ
// from it fails, and UPDATE_ACCESSIBILITY_REPORT=1 writes this run's figures there instead.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { localeScripts } from '@tcci/schemas';
import type { Browser, Page } from 'playwright-core';
import { format, resolveConfig } from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityReportSchema, type AccessibilityReport } from '../src/lib/accessibility-report.ts';
import { siteDir } from './run-build.ts';
import { launchChromium } from '../scripts/chromium.ts';
import { currentCopiesIn } from '../scripts/current-edition.ts';
import { buildAndServe, type ServedSite } from './served-site.ts';
import { axeTags, axeVersion, checkHtml, runAxe, unmarkedJapanese, vnuVersion, type Finding } from './page-checks.ts';

const reportFile = path.join(siteDir, 'src/data/accessibility-report.json');

const widths = [320, 1280] as const;
const filterPages = ['/2021/initiatives/', '/en/2021/initiatives/'];

/** One stop of a keyboard walk: the element focused and how its focus indicator looks. */
interface FocusStop {
  id: string;
  what: string;
  outlineStyle: string;
  outlineWidth: number;
  ring: string;
  behind: string;
  inViewport: boolean;
}

/**
 * The URL path of every HTML file of a built site, e.g. `/2021/`, `/en/2021/plan/`, `/404.html`,
 * but the copies of the current edition's pages at their addresses without a year: they are the
 * permanent pages byte for byte (build.test.ts checks it), so checking them again would add
 * nothing.
 */
function pagePaths(dir: string): string[] {
  const copies = new Set(currentCopiesIn(dir).map((copy) => copy.to));
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const file = path.join(folder, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith('.html') && !copies.has(path.relative(dir, file)))
        found.push(`/${path.relative(dir, file).replace(/(^|\/)index\.html$/u, '$1')}`);
    }
  };
  walk(dir);
  return found.sort();
}

/** The sRGB channels and alpha of a computed CSS colour (`rgb(…)` / `rgba(…)`). */
function channels(color: string): [number, number, number, number] {
  const parts = /^rgba?\(([^)]+)\)$/u
    .exec(color.trim())?.[1]
    ?.split(/[\s,/]+/u)
    .map(Number);
  if (!parts || parts.length < 3 || parts.some(Number.isNaN)) throw new Error(`Not a computed colour: ${color}`);
  return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
}

/** WCAG 2 contrast ratio of two opaque colours. */
export function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, bl] = channels(color).map((c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

async function hydrated(page: Page) {
  await page.waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0, undefined, {
    timeout: 30_000,
  });
}

async function nextFrame(page: Page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Marks every element a keyboard user should reach with data-gate-id; returns their ids. */
function tagInteractive(): string[] {
  const selector =
    'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, iframe, [tabindex], [contenteditable="true"]';
  const ids: string[] = [];
  document.querySelectorAll<HTMLElement>(selector).forEach((element, index) => {
    if (element.matches(':disabled') || element.getAttribute('tabindex') === '-1') return;
    if (!element.checkVisibility({ visibilityProperty: true })) return;
    element.dataset.gateId = String(index);
    ids.push(String(index));
  });
  return ids;
}

/** The focused element and its focus indicator, or null when the focus has left the page. */
function describeFocus(): FocusStop | null {
  const element = document.activeElement as HTMLElement | null;
  if (!element || element === document.body || element === document.documentElement) return null;
  const style = getComputedStyle(element);
  let behind = 'rgb(255, 255, 255)';
  for (let node = element.parentElement; node; node = node.parentElement) {
    const background = getComputedStyle(node).backgroundColor;
    if (!/^rgba\([^)]*,\s*0\)$|^transparent$/u.test(background)) {
      behind = background;
      break;
    }
  }
  const rect = element.getBoundingClientRect();
  return {
    id: element.dataset.gateId ?? `unexpected ${element.tagName.toLowerCase()}`,
    what: `${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 40)}"`,
    outlineStyle: style.outlineStyle,
    outlineWidth: Number.parseFloat(style.outlineWidth),
    ring: style.outlineColor,
    behind,
    inViewport: rect.bottom > 0 && rect.top < window.innerHeight && rect.right > 0 && rect.left < window.innerWidth,
  };
}

/** Presses Tab from the top of the page until the focus leaves it or comes round again. */
async function walkKeyboard(page: Page) {
  const expected = await page.evaluate(tagInteractive);
  const stops: FocusStop[] = [];
  for (let press = 0; press < expected.length + 10; press += 1) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(describeFocus);
    if (!stop || stops.some((s) => s.id === stop.id)) break;
    stops.push(stop);
  }
  return { expected, stops };
}

describe('every page, for every reader', () => {
  let site: ServedSite;
  let browser: Browser;
  let pages: string[] = [];
  const findings: Finding[] = [];
  const overflowing: { page: string; width: number }[] = [];
  const walks: { page: string; width: number; expected: string[]; stops: FocusStop[] }[] = [];
  const unmarked: { page: string; runs: string[] }[] = [];
  let filterChecks = 0;
  let html: Awaited<ReturnType<typeof checkHtml>> = [];
  let fresh: AccessibilityReport;

  beforeAll(async () => {
    site = await buildAndServe();
    browser = await launchChromium();
    pages = pagePaths(site.outDir);
    const htmlCheck = checkHtml(site.outDir);
    // The two widths side by side, each in a context of its own: most of a page's checks is waiting
    // for the browser's answers, which the other width's checks fill.
    const atWidth = async (width: (typeof widths)[number]) => {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      for (const pathname of pages) {
        await page.goto(`${site.url}${pathname}`);
        if (filterPages.includes(pathname)) await hydrated(page);
        findings.push(...(await runAxe(page, width)));
        if (width === 320) {
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          if (scrollWidth > width) overflowing.push({ page: pathname, width: scrollWidth });
        }
        if (width === 1280 && (await page.evaluate(() => document.documentElement.lang)) !== 'ja')
          unmarked.push({ page: pathname, runs: await page.evaluate(unmarkedJapanese, localeScripts.ja.source) });
        walks.push({ page: pathname, width, ...(await walkKeyboard(page)) });
      }
      await context.close();
    };
    await Promise.all(widths.map(atWidth));
    // The initiatives page after using each filter: every choice of every select, the checkbox, a
    // combination that matches nothing (the first choice of each, new only), and clearing them.
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    for (const pathname of filterPages) {
      await page.goto(`${site.url}${pathname}`);
      await hydrated(page);
      const check = async () => {
        await nextFrame(page);
        findings.push(...(await runAxe(page, 1280)));
        filterChecks += 1;
      };
      const selects = page.locator('form.filters select');
      for (let s = 0; s < (await selects.count()); s += 1) {
        const values = await selects
          .nth(s)
          .locator('option')
          .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
        for (const value of values.filter(Boolean)) {
          await selects.nth(s).selectOption(value);
          await check();
        }
        await selects.nth(s).selectOption('');
      }
      await page.locator('form.filters input[type="checkbox"]').check();
      await check();
      for (let s = 0; s < (await selects.count()); s += 1) {
        const values = await selects
          .nth(s)
          .locator('option')
          .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
        await selects.nth(s).selectOption(values.find(Boolean)!);
      }
      await check();
      await page.locator('form.filters').getByRole('button').click();
      await check();
    }
    await page.close();
    html = await htmlCheck;

    fresh = {
      testedOn: new Date().toISOString().slice(0, 10),
      browser: `Chromium ${browser.version()}`,
      pages,
      widths: [...widths],
      axe: {
        version: axeVersion,
        tags: axeTags,
        pageChecks: pages.length * widths.length,
        filterChecks,
        violations: findings.reduce((sum, f) => sum + f.targets.length, 0),
      },
      reflow: { width: 320, overflowing: overflowing.length },
      html: {
        checker: `Nu Html Checker (vnu-jar ${vnuVersion})`,
        files: pages.length,
        errors: html.filter((m) => m.type === 'error').length,
        warnings: html.filter((m) => m.subType === 'warning').length,
      },
      keyboard: {
        walks: walks.length,
        stops: walks.reduce((sum, w) => sum + w.stops.length, 0),
        unreachable: walks.reduce(
          (sum, w) => sum + w.expected.filter((id) => !w.stops.some((s) => s.id === id)).length,
          0,
        ),
        focusNotVisible: walks.reduce((sum, w) => sum + w.stops.filter((s) => !focusVisible(s)).length, 0),
      },
      language: { pages: unmarked.length, unmarked: unmarked.reduce((sum, u) => sum + u.runs.length, 0) },
    };
    writeFileSync(path.join(siteDir, '.tmp', 'accessibility-report.json'), `${JSON.stringify(fresh, null, 2)}\n`);
    if (process.env.UPDATE_ACCESSIBILITY_REPORT === '1') {
      const options = { ...(await resolveConfig(reportFile)), filepath: reportFile };
      writeFileSync(reportFile, await format(JSON.stringify(fresh), options));
    }
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  /** A focus indicator a reader can see: at least 2 px, at least 3:1 against what it is drawn on, on screen. */
  function focusVisible(stop: FocusStop): boolean {
    return (
      stop.outlineStyle !== 'none' && stop.outlineWidth >= 2 && contrast(stop.ring, stop.behind) >= 3 && stop.inViewport
    );
  }

  it('checks every page of both languages', () => {
    expect(pages).toContain('/2021/');
    expect(pages).toContain('/en/2021/');
    expect(pages).toContain('/archive/');
    expect(pages).toContain('/accessibility/');
    expect(pages).toContain('/en/accessibility/');
    expect(pages.length).toBeGreaterThan(60);
  });

  it('passes axe-core on every page at 320 px and 1280 px, and after each filter', () => {
    expect(findings).toEqual([]);
    expect(filterChecks).toBeGreaterThanOrEqual(2 * 6);
  });

  it('never scrolls sideways at 320 px', () => {
    expect(overflowing).toEqual([]);
  });

  it('is valid HTML, every file', () => {
    expect(html.filter((m) => m.type === 'error' || m.subType === 'warning')).toEqual([]);
  });

  it('reaches every interactive element with the Tab key, once', () => {
    for (const walk of walks) {
      const reached = walk.stops.map((s) => s.id);
      expect(reached, `${walk.page} at ${walk.width} px`).toEqual(walk.expected);
    }
  });

  it('always shows where the focus is: at least 2 px, at least 3:1 against the background', () => {
    const hidden = walks.flatMap((walk) =>
      walk.stops
        .filter((stop) => !focusVisible(stop))
        .map((stop) => ({
          page: walk.page,
          width: walk.width,
          element: stop.what,
          outline: `${stop.outlineStyle} ${stop.outlineWidth}px ${stop.ring}`,
          contrast: Number(contrast(stop.ring, stop.behind).toFixed(2)),
          behind: stop.behind,
          onScreen: stop.inViewport,
        })),
    );
    expect(hidden.slice(0, 10), `${hidden.length} stops`).toEqual([]);
  });

  it('marks every Japanese word in English text as Japanese', () => {
    expect(unmarked.length).toBeGreaterThan(30);
    expect(unmarked.filter((u) => u.runs.length > 0)).toEqual([]);
  });

  it('publishes an accessibility statement with the figures of this run', async () => {
    const committed = accessibilityReportSchema.parse(JSON.parse(readFileSync(reportFile, 'utf8')));
    const { testedOn: _date, browser: _browser, ...figures } = fresh;
    const { testedOn, browser: _committedBrowser, ...stated } = committed;
    expect(stated, 'the statement is out of date: run the site tests with UPDATE_ACCESSIBILITY_REPORT=1').toEqual(
      figures,
    );
    // The pages were built from the report as it was before this run: after an update, run again.
    const built = 'the built statement does not print the report (just updated? run again)';
    const page = await browser.newPage();
    for (const [pathname, locale] of [
      ['/accessibility/', 'ja'],
      ['/en/accessibility/', 'en'],
    ] as const) {
      await page.goto(`${site.url}${pathname}`);
      const text = await page.locator('main').innerText();
      const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(testedOn));
      expect(text, `${pathname}: ${built}`).toContain(date);
      expect(text).toContain('JIS X 8341-3:2016');
      expect(text, built).toContain(`axe-core ${figures.axe.version}`);
      expect(text, built).toContain(figures.html.checker);
      for (const tested of figures.pages) expect(text, built).toContain(tested);
    }
    await page.close();
  });
});
