// The site's face of the project's one URL builder (`@tcci/schemas`): the same functions, with the
// base the site is built for (SITE_BASE, which Astro gives as BASE_URL) filled in.
import {
  alternates as alternatesUnder,
  entryUrl as entryUrlUnder,
  localePrefix,
  locales,
  pageUrl as pageUrlUnder,
  parsePathname,
  sections,
  type CollectionKey,
  type Locale,
  type Page,
  type Section,
} from '@tcci/schemas';

export { sections, type EditionPage, type Page, type Section } from '@tcci/schemas';

const options = { base: import.meta.env.BASE_URL };

/**
 * The address of a page in a locale: `/plan/` in Japanese, `/en/plan/` in English (under the base);
 * with an edition, its permanent address under the fiscal year.
 *
 * @example
 * pageUrl('en', 'branches');       // '/en/branches/'
 * pageUrl('en', 'branches', 2021); // '/en/2021/branches/'
 */
export function pageUrl(locale: Locale, page: Page = '', edition?: number): string {
  return pageUrlUnder(locale, page, { ...options, edition });
}

/**
 * Where an entry is published: its own page or an anchor on its collection's page (under the base),
 * in an edition (its permanent address) or the current one.
 *
 * @example
 * entryUrl('branch', 'en', 'koto', 2021); // '/en/2021/branches/koto/'
 * entryUrl('visionArea', 'ja', 'growth'); // '/challenges/#growth'
 */
export function entryUrl(key: CollectionKey, locale: Locale, slug?: string, edition?: number): string {
  return entryUrlUnder(key, locale, slug, { ...options, edition });
}

/**
 * The path of a page without base, locale prefix and edition, from a URL pathname.
 *
 * @example
 * pagePath('/en/2021/branches/koto/'); // 'branches/koto'
 */
export function pagePath(pathname: string): string {
  return parsePathname(pathname, options).path;
}

/** The same page in every locale, for the language switcher and hreflang links. */
export function alternates(pathname: string): { locale: Locale; href: string }[] {
  return alternatesUnder(pathname, options);
}

/**
 * The routes of a page that exists in every locale, for the `getStaticPaths` of a page under
 * `pages/[...locale]/`: the `locale` parameter is the locale's prefix (none for the default
 * locale), and the locale itself is passed as a prop.
 *
 * @example
 * localeRoutes(); // [{ params: { locale: undefined }, props: { locale: 'ja' } }, { params: { locale: 'en' }, props: { locale: 'en' } }]
 */
export function localeRoutes(): { params: { locale: string | undefined }; props: { locale: Locale } }[] {
  return locales.map((locale) => ({ params: { locale: localePrefix(locale) }, props: { locale } }));
}

/** The route of an edition's page: the locale's prefix and the year, e.g. `en/2021` (or `2021`). */
export interface EditionRoute {
  params: { locale: string };
  props: { locale: Locale; edition: number };
}

/**
 * The routes of a page every edition has, for the `getStaticPaths` of a page under
 * `pages/[...locale]/`: each edition the site shows, in every locale, at its permanent address
 * (`/2021/…`, `/en/2021/…`). The addresses without a year are the current edition's copies of
 * these pages (see scripts/current-edition.ts).
 *
 * @example
 * editionRoutes([2021]); // [{ params: { locale: '2021' }, props: { locale: 'ja', edition: 2021 } }, { params: { locale: 'en/2021' }, … }]
 */
export function editionRoutes(editions: readonly number[]): EditionRoute[] {
  return localeRoutes().flatMap(({ props: { locale } }) =>
    editions.map((edition) => ({
      params: { locale: [localePrefix(locale), String(edition)].filter(Boolean).join('/') },
      props: { locale, edition },
    })),
  );
}

/**
 * The routes of `pages/[...locale]/[section].astro`: every section's page in every edition and
 * locale, with the locale, the edition and the section as props.
 *
 * @example
 * sectionRoutes([2021])[0]; // { params: { locale: '2021', section: 'plan' }, props: { locale: 'ja', edition: 2021, section: 'plan' } }
 */
export function sectionRoutes(editions: readonly number[]): {
  params: { locale: string; section: Section };
  props: { locale: Locale; edition: number; section: Section };
}[] {
  return editionRoutes(editions).flatMap(({ params, props }) =>
    sections.map((section) => ({ params: { ...params, section }, props: { ...props, section } })),
  );
}
