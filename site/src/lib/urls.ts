import { getRelativeLocaleUrl } from 'astro:i18n';
import { locales, type Locale } from '@tcci/schemas';

/** The sections of the site, each published at the same path in every locale. */
export const sections = ['plan', 'challenges', 'initiatives', 'covid', 'divisions', 'committees', 'branches'] as const;
export type Section = (typeof sections)[number];

/**
 * The address of a page in a locale: `/plan/` in Japanese, `/en/plan/` in English.
 *
 * @example
 * pageUrl('en', 'branches/koto'); // '/en/branches/koto/'
 */
export function pageUrl(locale: Locale, path = ''): string {
  const clean = path.replace(/^\/+|\/+$/gu, '');
  return getRelativeLocaleUrl(locale, clean ? `${clean}/` : '');
}

/**
 * The path of a page without its locale prefix, from a URL pathname: the inverse of {@link pageUrl}.
 *
 * @example
 * pagePath('/en/branches/koto/'); // 'branches/koto'
 */
export function pagePath(pathname: string): string {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] && (locales as readonly string[]).includes(parts[0])) parts.shift();
  return parts.join('/');
}

/** The same page in every locale, for the language switcher and hreflang links. */
export function alternates(pathname: string): { locale: Locale; href: string }[] {
  const path = pagePath(pathname);
  return locales.map((locale) => ({ locale, href: pageUrl(locale, path) }));
}
