// The site search's index. Once the pages are built, Pagefind (its extended build, which segments
// Japanese into words) indexes the main content of every page an edition has at its permanent
// address (`/2021/…`, `/en/2021/…`): one index per language, each page filtered by its edition and
// shown with its section (the `data-pagefind-*` attributes Layout.astro writes); Pagefind reads the
// pages from disk. The copies at the addresses without a year are the same pages, so they are not
// indexed again; the search page lists the permanent addresses.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { localePrefix, locales } from '@tcci/schemas';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { brotliCompressSync, constants, gunzipSync } from 'node:zlib';

/** Where the index is written in the built site. */
export const searchFolder = 'pagefind';

/**
 * The pages at an edition's permanent address (`2021/…`, `en/2021/…`) as a glob of the built site,
 * for Pagefind to read from disk itself.
 */
export function permanentPagesGlob(): string {
  const editions = locales.map((locale) => {
    const prefix = localePrefix(locale);
    return `${prefix ? `${prefix}/` : ''}[0-9][0-9][0-9][0-9]`;
  });
  return `{${editions.join(',')}}/**/*.html`;
}

/** The data files a query reads (library, index, filters): gzip, which Pagefind's script unpacks unless the server has already (it checks). */
const queryFiles = /\.(?:pagefind|pf_index|pf_meta|pf_filter)$/u;

/** Where the brotli copies of earlier builds are kept: SITE_SEARCH_CACHE (astro.config.ts gives it its default). */
export function searchCacheDir(): string {
  const dir = process.env.SITE_SEARCH_CACHE;
  if (!dir) throw new Error('SITE_SEARCH_CACHE is not set: the site is built through astro.config.ts, which sets it.');
  return dir;
}

/**
 * Beside each data file a query reads, the same data compressed with brotli (`<file>.br`), which the
 * rebuild service's server sends to browsers that accept it, as the file's Content-Encoding: about a
 * sixth less to transfer for a query (a host that ignores these files sends the gzip files as they
 * are). The results' fragments are left as they are: small, they gain little. Each copy is kept in
 * `cacheDir` under the hash of the file it copies, so a rebuild compresses only the files that
 * changed (quality 10: 11 takes twice as long for 2 % less). Returns how many it compressed anew.
 */
export function precompressSearchFiles(folder: string, cacheDir = searchCacheDir()): number {
  mkdirSync(cacheDir, { recursive: true });
  let compressed = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !queryFiles.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const packed = readFileSync(file);
    const cached = path.join(cacheDir, `${createHash('sha256').update(packed).digest('hex').slice(0, 32)}.br`);
    if (!existsSync(cached)) {
      const smaller = brotliCompressSync(gunzipSync(packed), { params: { [constants.BROTLI_PARAM_QUALITY]: 10 } });
      writeFileSync(`${cached}.${process.pid}.partial`, smaller);
      renameSync(`${cached}.${process.pid}.partial`, cached);
      compressed += 1;
    }
    if (statSync(cached).size < packed.length) copyFileSync(cached, `${file}.br`);
  }
  return compressed;
}

export interface SearchIndexSummary {
  /** Pages indexed (those with `data-pagefind-body` among the permanent pages). */
  pages: number;
  /** The languages indexed, each with its page count. */
  languages: Record<string, number>;
}

/** Indexes the permanent pages of the site built into `dir`, into `dir/pagefind/`. */
export async function writeSearchIndex(dir: string): Promise<SearchIndexSummary> {
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: dir, glob: permanentPagesGlob() });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(dir, searchFolder) });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    precompressSearchFiles(path.join(dir, searchFolder));
    const entry = JSON.parse(readFileSync(path.join(dir, searchFolder, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    const languages = Object.fromEntries(
      Object.entries(entry.languages).map(([language, { page_count }]) => [language, page_count]),
    );
    return { pages: Object.values(languages).reduce((sum, count) => sum + count, 0), languages };
  } finally {
    await pagefind.close();
  }
}

/** The Astro integration that writes the search index once the pages are built. */
export function searchIndexIntegration(): AstroIntegration {
  return {
    name: 'tcci-search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = Date.now();
        const { pages, languages } = await writeSearchIndex(fileURLToPath(dir));
        const each = Object.entries(languages)
          .map(([language, count]) => `${language} ${count}`)
          .join(', ');
        logger.info(`search index of ${pages} pages (${each}) written in ${Date.now() - started} ms`);
      },
    },
  };
}
