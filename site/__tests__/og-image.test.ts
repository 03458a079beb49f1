// The link-preview cards: Japanese drawn from the font shipped through npm (not boxes, not blank),
// each card rendered once and then taken from the cache, and every page of the built site naming
// a card of its own that is there, 1200×630.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedSite } from '../../cms/__tests__/shared/shared.ts';
import { declareCard, ensureCard, ogHeight, ogWidth, renderCard, type OgCard } from '../src/lib/og-image.ts';
import { pagesOf } from './run-build.ts';

const card = (title: string): OgCard => ({
  locale: 'ja',
  title,
  section: '取り組み',
  edition: '2021年度の計画',
  organisation: '東京商工会議所',
});

/** The card's pixels, one grey level each. */
async function pixels(png: Buffer) {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** How many of the pixels in the title's band (the middle of the card) are dark. */
function inked({ data, width, height }: Awaited<ReturnType<typeof pixels>>) {
  let dark = 0;
  for (let y = Math.floor(height * 0.3); y < Math.floor(height * 0.75); y += 1)
    for (let x = 0; x < width; x += 1) if (data[y * width + x]! < 128) dark += 1;
  return dark;
}

describe('a link-preview card', () => {
  it('is a 1200×630 PNG that draws Japanese with real glyphs, on a machine without Japanese fonts', async () => {
    const png = await renderCard(card('東京商工会議所 事業活動計画'));
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', ogWidth, ogHeight]);
    // Each character drawn from its own glyph: two characters differ from each other and from a
    // character the font does not have (what a missing glyph looks like: a box, or nothing).
    const [east, capital, missing] = await Promise.all(
      ['東', '京', '\u{E000}'].map(async (title) => pixels(await renderCard(card(title)))),
    );
    expect(inked(east!)).toBeGreaterThan(500);
    expect(inked(capital!)).toBeGreaterThan(500);
    expect(Buffer.compare(east!.data, capital!.data)).not.toBe(0);
    expect(Buffer.compare(east!.data, missing!.data)).not.toBe(0);
    expect(Buffer.compare(capital!.data, missing!.data)).not.toBe(0);
    expect(inked(await pixels(png))).toBeGreaterThan(inked(east!));
  });

  describe('in the cache', () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'og-cache-'));
    afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

    it('is rendered once, and again only when what it shows changes', async () => {
      const name = declareCard(card('江東支部'), cacheDir);
      expect(await ensureCard(name, cacheDir)).toEqual({ file: path.join(cacheDir, name), rendered: true });
      expect(declareCard(card('江東支部'), cacheDir)).toBe(name);
      expect(await ensureCard(name, cacheDir)).toEqual({ file: path.join(cacheDir, name), rendered: false });
      const changed = declareCard(card('江東支部（改）'), cacheDir);
      expect(changed).not.toBe(name);
      expect((await ensureCard(changed, cacheDir)).rendered).toBe(true);
      await expect(ensureCard('0123456789abcdef0123.png', cacheDir)).rejects.toThrow(
        /names the card 0123456789abcdef0123\.png, which is neither in/u,
      );
    });
  });
});

describe('the cards of the built site', () => {
  let outDir = '';
  let pages: Map<string, string>;
  beforeAll(async () => {
    const site = await sharedSite();
    expect(site.code, site.output).toBe(0);
    outDir = site.outDir;
    pages = pagesOf(outDir);
  });

  const imageOf = (html: string) => /<meta property="og:image" content="([^"]+)"/u.exec(html)?.[1];

  it('gives every page a large card of its own that the site serves', async () => {
    const names = new Map<string, string[]>();
    for (const [pathname, html] of pages) {
      const image = imageOf(html);
      expect(image, pathname).toMatch(/^http:\/\/127\.0\.0\.1:4321\/og\/[0-9a-f]{20}\.png$/u);
      expect(html, pathname).toContain('<meta name="twitter:card" content="summary_large_image"');
      expect(html, pathname).toContain(`<meta name="twitter:image" content="${image}"`);
      const file = path.join(outDir, new URL(image!).pathname);
      expect(existsSync(file), pathname).toBe(true);
      names.set(image!, [...(names.get(image!) ?? []), pathname]);
    }
    const sample = [...names.keys()][0]!;
    const meta = await sharp(path.join(outDir, new URL(sample).pathname)).metadata();
    expect([meta.width, meta.height]).toEqual([ogWidth, ogHeight]);
    // The same card only for the same page at its two addresses (permanent and without the year).
    expect(imageOf(pages.get('/2021/branches/koto/')!)).toBe(imageOf(pages.get('/branches/koto/')!));
    expect(imageOf(pages.get('/2021/branches/koto/')!)).not.toBe(imageOf(pages.get('/en/2021/branches/koto/')!));
    expect(imageOf(pages.get('/2021/branches/koto/')!)).not.toBe(imageOf(pages.get('/2021/branches/sumida/')!));
    expect(pages.get('/2021/branches/koto/')).toContain(
      '<meta property="og:image:alt" content="江東支部 — 支部 — 2021年度の計画"',
    );
  });
});
