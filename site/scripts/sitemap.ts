// The sitemap's options (@astrojs/sitemap): every page in both languages with its hreflang
// alternates and `x-default` (the Japanese page), and `lastmod` from the CMS's update time of what
// the page shows, which the page itself gives as its JSON-LD dateModified (Layout.astro). Pages
// that are not for search engines (404, the search page) are left out.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SitemapOptions } from '@astrojs/sitemap';
import { defaultLocale, locales } from '@tcci/schemas';
import type { AstroIntegration } from 'astro';

/** The page's dateModified, from its JSON-LD WebPage, if it has one. */
export function pageDateModified(html: string): string | undefined {
  for (const [, json = ''] of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/gu)) {
    const graph = (JSON.parse(json) as { '@graph'?: { '@type'?: string; dateModified?: unknown }[] })['@graph'] ?? [];
    const page = graph.find((node) => node['@type'] === 'WebPage');
    if (typeof page?.dateModified === 'string') return page.dateModified;
  }
  return undefined;
}

/**
 * The sitemap's options and the integration that tells them where the built pages are (the
 * sitemap is written once they are, and each entry's lastmod is read from its page).
 */
export function sitemapSetup(): { options: SitemapOptions; integration: AstroIntegration } {
  let outDir = '';
  let base = '/';
  const integration: AstroIntegration = {
    name: 'tcci-sitemap-pages',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        base = config.base;
      },
    },
  };
  const options: SitemapOptions = {
    i18n: { defaultLocale, locales: Object.fromEntries(locales.map((locale) => [locale, locale])) },
    filter: (page) => !/\/(?:404|search)\/?$/u.test(page),
    serialize: (item) => {
      const pathname = new URL(item.url).pathname;
      const relative = pathname.startsWith(base) ? pathname.slice(base.length) : pathname;
      const file = path.join(outDir, relative, 'index.html');
      const lastmod = existsSync(file) ? pageDateModified(readFileSync(file, 'utf8')) : undefined;
      const japanese = item.links?.find((link) => link.lang === defaultLocale);
      return {
        ...item,
        ...(lastmod ? { lastmod } : {}),
        ...(item.links && japanese ? { links: [...item.links, { lang: 'x-default', url: japanese.url }] } : {}),
      };
    },
  };
  return { options, integration };
}
