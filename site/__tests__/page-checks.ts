// The checks of a page a reader would notice, shared by the accessibility gate (every page of the
// built site) and the tests of pages only a test's own data has (a second edition's changes page):
// axe-core in the browser, Japanese left unmarked in English text, the Nu HTML checker.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const axeVersion = (require('axe-core/package.json') as { version: string }).version;
const vnuJar = require.resolve('vnu-jar/build/dist/vnu.jar');
export const vnuVersion = (require('vnu-jar/package.json') as { version: string }).version;

export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface Finding {
  page: string;
  width: number;
  rule: string;
  targets: string[];
}

/** axe-core's violations on the page as it is now, at the width it is shown. */
export async function runAxe(page: Page, width: number): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<any> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return (result.violations as { id: string; nodes: { target: string[] }[] }[]).map((v) => ({
      rule: v.id,
      targets: v.nodes.map((node) => node.target.join(' ')),
    }));
  }, axeTags);
  const page_ = new URL(page.url()).pathname + new URL(page.url()).search;
  return violations.map((v) => ({ page: page_, width, ...v }));
}

/** Runs of Japanese text in the page that no lang="ja" element holds. */
export function unmarkedJapanese(letter: string): string[] {
  const japanese = new RegExp(letter, 'u');
  const runs = new RegExp(`(?:${letter})+`, 'gu');
  const found: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, noscript') || !japanese.test(node.data)) continue;
    const lang = parent.closest('[lang]')?.getAttribute('lang') ?? '';
    if (lang === 'ja' || lang.startsWith('ja-')) continue;
    for (const [run] of node.data.matchAll(runs)) found.push(run);
  }
  return found;
}

/** Runs the Nu HTML checker once over every HTML file of a folder (the site), or over the files named. */
export function checkHtml(
  target: string | string[],
): Promise<{ type: string; subType?: string; url: string; message: string }[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-jar', vnuJar, '--format', 'json', '--skip-non-html', ...(Array.isArray(target) ? target : [target])],
      { maxBuffer: 64 * 1024 * 1024, timeout: 180_000 },
      (error, _stdout, stderr) => {
        try {
          resolve((JSON.parse(stderr) as { messages: never[] }).messages);
        } catch {
          reject(error ?? new Error(`The Nu HTML checker gave no report:\n${stderr}`));
        }
      },
    );
  });
}
