// The whole plan as PDF, rendered by Chromium from the print pages of the site built from the shared,
// seeded CMS (a copy of it): a PDF per edition and language, A4, several pages, the Japanese font
// embedded (no system font on the reader's side), text that can be selected and copied (the fonts
// map their glyphs back to characters), and tagged for assistive technology.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedSite } from '../../cms/__tests__/shared/shared.ts';
import { renderPlanPdfs } from '../scripts/pdf.ts';

describe('the whole plan as PDF', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pdf-site-'));
  let files: string[] = [];

  beforeAll(async () => {
    const site = await sharedSite();
    if (site.code !== 0) throw new Error(site.output);
    cpSync(site.outDir, dir, { recursive: true });
    files = await renderPlanPdfs(dir);
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one per edition and language, beside the print page', () => {
    expect(files.map((file) => path.relative(dir, file)).sort()).toEqual([
      '2021/print/plan.ja.pdf',
      'en/2021/print/plan.en.pdf',
    ]);
  });

  it('embeds its fonts, the Japanese one included, maps the glyphs back to text, and is tagged', () => {
    for (const file of files) {
      const pdf = readFileSync(file).toString('latin1');
      expect(pdf.startsWith('%PDF-'), file).toBe(true);
      expect(pdf.match(/\/Type\s*\/Page\b/gu)?.length ?? 0, `${file}: pages`).toBeGreaterThan(8);
      expect(pdf, `${file}: A4 pages`).toMatch(/\/MediaBox\s*\[\s*0 0 59[45]\.\d+ 84[12]\.\d+\s*\]/u);
      // Chromium embeds the Latin font as a TrueType subset and the CJK one (a collection it cannot
      // subset) as glyph outlines (Type 3); each with a ToUnicode map, which makes the text selectable.
      expect(pdf, `${file}: an embedded font`).toMatch(/\/FontFile2\b/u);
      expect(pdf, `${file}: the Japanese glyphs embedded`).toMatch(/\/Subtype\s*\/Type3\b/u);
      const maps = [...pdf.matchAll(/stream\r?\n([\s\S]*?)endstream/gu)].flatMap((match) => {
        try {
          const text = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1');
          return /begincmap/u.test(text) ? [text] : [];
        } catch {
          return [];
        }
      });
      const japanese = maps
        .flatMap((map) => [...map.matchAll(/<[0-9A-F]+>\s+<([0-9A-F]{4})>/giu)].map((m) => Number.parseInt(m[1]!, 16)))
        .filter((code) => (code >= 0x3040 && code <= 0x30ff) || (code >= 0x4e00 && code <= 0x9fff));
      expect(new Set(japanese).size, `${file}: Japanese characters to copy`).toBeGreaterThan(100);
      expect(pdf, `${file}: tagged`).toContain('/StructTreeRoot');
    }
  });

  it('refuses a folder without print pages, saying what to do', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'pdf-empty-'));
    try {
      await expect(renderPlanPdfs(empty)).rejects.toThrow(/holds no print page .*: build the site first\./u);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
