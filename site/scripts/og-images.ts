// The link-preview cards (src/lib/og-image.ts) of a built site. Each page names its card in its
// og:image; once the pages are built, this renders the cards that are not in the cache yet, copies
// every card a page names into `og/`, and marks them used. Cards that no build has used for 30 days
// leave the cache.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { ensureCard, ogCacheDir, ogFolder } from '../src/lib/og-image.ts';

/** How long a card no build has named stays in the cache. */
const keepDays = 30;

/** The card file names the pages of a built site name in their og:image. */
export function namedCards(dir: string): Set<string> {
  const names = new Set<string>();
  const pattern = new RegExp(`<meta property="og:image" content="[^"]*/${ogFolder}/([0-9a-f]+\\.png)"`, 'gu');
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const html = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    for (const [, name] of html.matchAll(pattern)) names.add(name!);
  }
  return names;
}

export interface CardsSummary {
  cards: number;
  rendered: number;
  milliseconds: number;
}

/** Renders the missing cards of the site built into `dir` and copies every card it names into `dir/og/`. */
export async function publishCards(dir: string, cacheDir = ogCacheDir()): Promise<CardsSummary> {
  const started = Date.now();
  const names = [...namedCards(dir)].sort();
  const out = path.join(dir, ogFolder);
  mkdirSync(out, { recursive: true });
  let rendered = 0;
  const now = new Date();
  // Two at a time: while sharp renders one card on its own threads, satori lays out the next.
  let next = 0;
  const worker = async () => {
    for (let name = names[next++]; name !== undefined; name = names[next++]) {
      const card = await ensureCard(name, cacheDir);
      if (card.rendered) rendered += 1;
      else utimesSync(card.file, now, now);
      copyFileSync(card.file, path.join(out, name));
    }
  };
  await Promise.all([worker(), worker()]);
  const oldest = Date.now() - keepDays * 24 * 60 * 60 * 1000;
  for (const name of readdirSync(cacheDir)) {
    const file = path.join(cacheDir, name);
    if (!names.includes(name) && statSync(file).mtimeMs < oldest) rmSync(file, { force: true });
  }
  return { cards: names.length, rendered, milliseconds: Date.now() - started };
}

/** The Astro integration that publishes the cards once the pages are built. */
export function ogImagesIntegration(): AstroIntegration {
  return {
    name: 'tcci-og-images',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const { cards, rendered, milliseconds } = await publishCards(fileURLToPath(dir));
        logger.info(
          `${cards} link-preview cards: ${rendered} rendered, ${cards - rendered} from the cache, in ${milliseconds} ms`,
        );
      },
    },
  };
}
