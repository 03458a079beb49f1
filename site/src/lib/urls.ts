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

export { sections, type Page, type Section } from '@tcci/schemas';

const options = { base: import.meta.env.BASE_URL };

/**
 * The address of a page in a locale: `/plan/` in Japanese, `/en/plan/` in English (under the base).
 *
 * @example
 * pageUrl('en', 'branches'); // '/en/branches/'
 */
export function pageUrl(locale: Locale, page: Page = ''): string {
  return pageUrlUnder(locale, page, options);
}

/**
 * Where an entry is published: its own page or an anchor on its collection's page (under the base).
 *
 * @example
 * entryUrl('branch', 'en', 'koto'); // '/en/branches/koto/'
 * entryUrl('visionArea', 'ja', 'growth'); // '/challenges/#growth'
 */
export function entryUrl(key: CollectionKey, locale: Locale, slug?: string): string {
  return entryUrlUnder(key, locale, slug, options);
}

/**
 * The path of a page without base and locale prefix, from a URL pathname.
 *
 * @example
 * pagePath('/en/branches/koto/'); // 'branches/koto'
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

/**
 * The routes of `pages/[...locale]/[section].astro`: every section's page in every locale, with the
 * locale and the section as props.
 *
 * @example
 * sectionRoutes()[0]; // { params: { locale: undefined, section: 'plan' }, props: { locale: 'ja', section: 'plan' } }
 */
export function sectionRoutes(): {
  params: { locale: string | undefined; section: Section };
  props: { locale: Locale; section: Section };
}[] {
  return localeRoutes().flatMap(({ params, props }) =>
    sections.map((section) => ({ params: { ...params, section }, props: { ...props, section } })),
  );
}
