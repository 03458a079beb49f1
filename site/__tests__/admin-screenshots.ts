// Screenshots of the admin for the README's "How an editor publishes", taken by the browser tests
// as they go: every run writes them to .tmp/screenshots/; UPDATE_SCREENSHOTS=1 also writes small
// (palette) copies to docs/admin/, which the README shows and the repository keeps.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';

const root = path.resolve(import.meta.dirname, '../..');
const scratch = path.join(root, 'site/.tmp/screenshots');
export const committedScreenshots = path.join(root, 'docs/admin');

/** The smallest box around the given boxes, or null without any. */
function unionOf(boxes: ({ x: number; y: number; width: number; height: number } | null)[]) {
  const known = boxes.filter((box) => box !== null);
  if (known.length === 0) return null;
  const x = Math.min(...known.map((box) => box.x));
  const y = Math.min(...known.map((box) => box.y));
  const right = Math.max(...known.map((box) => box.x + box.width));
  const bottom = Math.max(...known.map((box) => box.y + box.height));
  return { x, y, width: right - x, height: bottom - y };
}

/**
 * A screenshot of the part of the page around `target` (its box, or the box around several,
 * `margin` pixels wider, `above` pixels higher for the heading over it), or of the whole viewport
 * without a target.
 */
export async function adminScreenshot(
  page: Page,
  name: string,
  target?: Locator | Locator[],
  { margin = 24, above = 72 }: { margin?: number; above?: number } = {},
): Promise<string> {
  mkdirSync(scratch, { recursive: true });
  const file = path.join(scratch, `${name}.png`);
  const targets = target === undefined ? [] : [target].flat();
  await targets[0]?.scrollIntoViewIfNeeded();
  const box = unionOf(await Promise.all(targets.map((each) => each.boundingBox())));
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  let clip: { x: number; y: number; width: number; height: number } | undefined;
  if (box) {
    const x = Math.max(0, box.x - margin);
    const y = Math.max(0, box.y - above);
    clip = {
      x,
      y,
      width: Math.min(viewport.width - x, box.x + box.width + margin - x),
      height: Math.min(viewport.height - y, box.y + box.height + margin - y),
    };
  }
  await page.screenshot({ path: file, ...(clip ? { clip } : {}) });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(committedScreenshots, { recursive: true });
    await sharp(file)
      .png({ palette: true, colors: 64, compressionLevel: 9 })
      .toFile(path.join(committedScreenshots, `${name}.png`));
  }
  return file;
}
