import react from '@astrojs/react';
import sitemap from '@astrojs/sitemap';
import { defaultLocale, locales } from '@tcci/schemas';
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { currentEditionIntegration } from './scripts/current-edition.ts';
import { headStylesIntegration } from './scripts/head-styles.ts';
import { ogImagesIntegration } from './scripts/og-images.ts';
import { searchIndexIntegration } from './scripts/search-index.ts';
import { sitemapSetup } from './scripts/sitemap.ts';
import { securityHeadersIntegration } from './scripts/security-headers.ts';
import { planSourceFor } from './src/lib/plan-source.ts';
import { siteUrl } from './src/lib/site-url.ts';

// The link-preview cards' cache, kept between builds (src/lib/og-image.ts): SITE_OG_CACHE, or .tmp/og-cache.
process.env.SITE_OG_CACHE ||= fileURLToPath(new URL('./.tmp/og-cache/', import.meta.url));
// The brotli copies of the search's data files, kept likewise (scripts/search-index.ts).
process.env.SITE_SEARCH_CACHE ||= fileURLToPath(new URL('./.tmp/search-cache/', import.meta.url));

const sitemapPages = sitemapSetup();

// SITE_URL is the public address (for canonical, hreflang and sitemap URLs; a hosted build requires
// it, a local one links to the loopback address); SITE_BASE a sub-path where the site is served from
// one (e.g. a GitHub Pages project site).
export default defineConfig({
  site: siteUrl().url,
  base: process.env.SITE_BASE || '/',
  trailingSlash: 'always',
  build: { format: 'directory' },
  i18n: {
    locales: [...locales],
    defaultLocale,
    routing: { prefixDefaultLocale: false },
  },
  // The workspace packages' TypeScript source (their `source` export), so a page never renders an old
  // build of the model; Vite's default conditions follow, since a custom list replaces them. (This file
  // itself is imported by Node, which takes @tcci/schemas from dist/: see the `libs` script.)
  vite: {
    resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
    ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  },
  integrations: [
    // `astro build` reads the plan from the CMS: it stops at once when PLAN_SOURCE=seeds.
    {
      name: 'plan-source',
      hooks: {
        'astro:config:setup': ({ command }) => {
          planSourceFor(command);
        },
      },
    },
    // React 18's streaming renderer writes NUL bytes into long Japanese text at its 2 KB chunk
    // boundaries; rendering the island to a string avoids it (a test checks every page for them).
    react({ experimentalDisableStreaming: true }),
    // The sitemap, with x-default and each page's lastmod from the CMS (scripts/sitemap.ts).
    sitemapPages.integration,
    sitemap(sitemapPages.options),
    // Each page of the current edition also at its address without a year (`/initiatives/`).
    currentEditionIntegration(),
    // The site search's index (Pagefind) of every edition's pages, one per language.
    searchIndexIntegration(),
    // The link-preview card of every page, rendered where it is not in the cache.
    ogImagesIntegration(),
    // Astro's island style moved from the body into the head, where HTML wants it.
    headStylesIntegration(),
    // _headers: the security headers (CSP with the inline scripts' hashes), for static hosts and
    // for the rebuild service's servers.
    securityHeadersIntegration(),
  ],
});
