// The picture a shared link shows (Open Graph / Twitter card): 1200×630, the page's title in its
// language, its section and edition, and the organisation. satori lays the card out and turns its
// text into paths with Noto Sans JP (shipped through npm, so no system font is needed, Japanese or
// not); sharp renders that SVG to PNG. Each card is stored under the hash of what it shows, in a
// cache that outlives the build: a rebuild renders only the cards whose text changed, and the
// build (scripts/og-images.ts) copies the cards its pages name into the site.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import satori from 'satori';
import sharp from 'sharp';

export const ogWidth = 1200;
export const ogHeight = 630;

/** Where the cards are published in the site, and named in the cache. */
export const ogFolder = 'og';

/** What a card shows. */
export interface OgCard {
  /** The language of the card's text (its `lang`, for the right glyph forms and line breaks). */
  locale: string;
  /** The page's title. */
  title: string;
  /** The section of the site it belongs to, if any. */
  section?: string;
  /** The edition, as the page names it (`2021年度の計画`), if any. */
  edition?: string;
  /** The organisation. */
  organisation: string;
}

/** Changes whenever the design below changes, so that cached cards of the old design are not reused. */
const designVersion = 1;

const require = createRequire(import.meta.url);
const fontFiles = {
  400: require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf'),
  700: require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf'),
} as const;
const fontVersion = (require('@expo-google-fonts/noto-sans-jp/package.json') as { version: string }).version;

let fonts: { name: string; data: Buffer; weight: 400 | 700; style: 'normal' }[] | undefined;
const loadFonts = () =>
  (fonts ??= Object.entries(fontFiles).map(([weight, file]) => ({
    name: 'Noto Sans JP',
    data: readFileSync(file),
    weight: Number(weight) as 400 | 700,
    style: 'normal' as const,
  })));

type Node = { type: string; props: { style?: Record<string, unknown>; children?: unknown; lang?: string } };
const box = (style: Record<string, unknown>, children: unknown, lang?: string): Node => ({
  type: 'div',
  props: { style, children, ...(lang ? { lang } : {}) },
});

/** The card as a PNG. */
export async function renderCard(card: OgCard): Promise<Buffer> {
  const lang = card.locale === 'ja' ? 'ja-JP' : card.locale;
  const footer = [card.section, card.edition].filter(Boolean).join(card.locale === 'ja' ? '　·　' : ' · ');
  const inner = ogWidth - 2 * 72;
  const svg = await satori(
    box(
      {
        width: ogWidth,
        height: ogHeight,
        boxSizing: 'border-box',
        display: 'flex',
        flexDirection: 'column',
        padding: '48px 72px 56px',
        background: '#ffffff',
        borderTop: '24px solid #0b4f8a',
        color: '#1b1f24',
        fontFamily: 'Noto Sans JP',
      },
      [
        box({ width: inner, flexShrink: 0, fontSize: 34, color: '#4a5563', fontWeight: 400 }, card.organisation, lang),
        box(
          { width: inner, flexGrow: 1, flexShrink: 1, minHeight: 0, display: 'flex', alignItems: 'center' },
          box(
            {
              width: inner,
              display: 'block',
              fontSize: card.title.length > 40 ? 52 : 64,
              fontWeight: 700,
              lineHeight: 1.35,
              lineClamp: 4,
            },
            card.title,
            lang,
          ),
        ),
        box({ width: inner, flexShrink: 0, fontSize: 32, color: '#0b4f8a', fontWeight: 700 }, footer || ' ', lang),
      ],
      lang,
    ) as Parameters<typeof satori>[0],
    { width: ogWidth, height: ogHeight, fonts: loadFonts() },
  );
  // A few flat colours: 32 of them, undithered, keep the text's edges smooth at a sixth of the size.
  return sharp(Buffer.from(svg)).png({ palette: true, colours: 32, dither: 0, effort: 3 }).toBuffer();
}

/** The file name of a card: the hash of what it shows and of how it is drawn. */
export function cardName(card: OgCard): string {
  const key = JSON.stringify({ designVersion, fontVersion, card });
  return `${createHash('sha256').update(key).digest('hex').slice(0, 20)}.png`;
}

/** The cache of the cards: SITE_OG_CACHE (astro.config.ts gives it its default, site/.tmp/og-cache). */
export function ogCacheDir(): string {
  const dir = process.env.SITE_OG_CACHE;
  if (!dir) throw new Error('SITE_OG_CACHE is not set: the site is built through astro.config.ts, which sets it.');
  return dir;
}

/** Writes `data` to `file` beside it and then renames it: a build running at the same time never reads half a file. */
function writeWhole(file: string, data: string | Buffer) {
  const partial = `${file}.${process.pid}.partial`;
  try {
    writeFileSync(partial, data);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * What a page's card will show, noted in the cache (`<name>.json`) unless the card is there already
 * (`<name>.png`); the build renders the missing ones once the pages are built. Returns the card's
 * file name.
 */
export function declareCard(card: OgCard, cacheDir = ogCacheDir()): string {
  const name = cardName(card);
  const png = path.join(cacheDir, name);
  const spec = `${png.slice(0, -'.png'.length)}.json`;
  if (!existsSync(png) && !existsSync(spec)) {
    mkdirSync(cacheDir, { recursive: true });
    writeWhole(spec, JSON.stringify(card));
  }
  return name;
}

/** The card `name` in the cache, rendered from its note now if it is not there yet; whether it was rendered. */
export async function ensureCard(name: string, cacheDir = ogCacheDir()): Promise<{ file: string; rendered: boolean }> {
  const file = path.join(cacheDir, name);
  if (existsSync(file)) return { file, rendered: false };
  const spec = `${file.slice(0, -'.png'.length)}.json`;
  if (!existsSync(spec))
    throw new Error(`A page names the card ${name}, which is neither in ${cacheDir} nor noted there.`);
  writeWhole(file, await renderCard(JSON.parse(readFileSync(spec, 'utf8')) as OgCard));
  rmSync(spec, { force: true });
  return { file, rendered: true };
}
