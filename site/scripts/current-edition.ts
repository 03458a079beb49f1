// The addresses without a year. Every edition's pages are built at their permanent addresses
// (`/2021/initiatives/`, `/en/2021/branches/koto/`); once they are, this copies each page to the same
// path without the year (`/initiatives/`, `/en/branches/koto/`), taken from the latest edition that
// has it. So `/` and `/en/` show the current edition, and an address the site once served keeps
// working when a new edition becomes current: a branch page the new edition no longer has still
// shows the last edition that had it. The copies are the permanent pages byte for byte (their
// canonical links point to the permanent addresses, and so do all their links), so every check of a
// permanent page holds for its copies.
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { localePrefix, locales } from '@tcci/schemas';
import type { AstroIntegration } from 'astro';

/** An edition's folder: its fiscal year. */
const editionFolder = /^\d{4}$/u;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(file).map((f) => path.join(entry.name, f)) : [entry.name];
  });
}

/** One copy: the permanent page and the address without a year it was copied to (relative to the output). */
export interface CurrentCopy {
  from: string;
  to: string;
}

/**
 * Copies every edition's pages, oldest first, to their addresses without a year, in every
 * locale's folder of the built site (`dir/` for the default locale, `dir/en/` …), so the latest
 * edition that has a page wins. Returns what it copied.
 */
export function publishCurrentAddresses(dir: string): CurrentCopy[] {
  const copies = new Map<string, CurrentCopy>();
  for (const locale of locales) {
    const prefix = localePrefix(locale);
    const root = prefix ? path.join(dir, prefix) : dir;
    if (!existsSync(root)) continue;
    const editions = readdirSync(root)
      .filter((name) => editionFolder.test(name) && statSync(path.join(root, name)).isDirectory())
      .sort();
    for (const edition of editions) {
      for (const file of filesUnder(path.join(root, edition))) {
        const from = path.join(root, edition, file);
        const to = path.join(root, file);
        mkdirSync(path.dirname(to), { recursive: true });
        copyFileSync(from, to);
        copies.set(to, { from: path.relative(dir, from), to: path.relative(dir, to) });
      }
    }
  }
  return [...copies.values()];
}

/** The Astro integration that publishes the addresses without a year once the pages are built. */
export function currentEditionIntegration(): AstroIntegration {
  return {
    name: 'tcci-current-edition',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const copies = publishCurrentAddresses(fileURLToPath(dir));
        logger.info(`${copies.length} pages of the current edition copied to their addresses without a year`);
      },
    },
  };
}

/**
 * The pages of a built site at an address without a year, each with the permanent page it is a
 * copy of (the latest edition's that has the path), found from the files alone: what
 * {@link publishCurrentAddresses} made. Paths are relative to `dir`.
 */
export function currentCopiesIn(dir: string): CurrentCopy[] {
  const copies: CurrentCopy[] = [];
  for (const locale of locales) {
    const prefix = localePrefix(locale);
    const root = prefix ? path.join(dir, prefix) : dir;
    if (!existsSync(root)) continue;
    const editions = readdirSync(root)
      .filter((name) => editionFolder.test(name) && statSync(path.join(root, name)).isDirectory())
      .sort()
      .reverse();
    for (const edition of editions)
      for (const file of filesUnder(path.join(root, edition))) {
        const to = path.relative(dir, path.join(root, file));
        if (copies.some((copy) => copy.to === to)) continue;
        copies.push({ from: path.relative(dir, path.join(root, edition, file)), to });
      }
  }
  return copies;
}
