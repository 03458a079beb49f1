// The one URL builder of the project: every path to a page or an entry of the site, for the site's
// components and for the CMS's preview button alike. The site's pages are published at the same path
// in every locale, the default locale at the root and the others under their code (`/en/…`), all of it
// under the site's base (SITE_BASE, `/` unless the site is served from a sub-path). An edition's pages
// are at its permanent address, under its fiscal year (`/2021/initiatives/`, `/en/2021/branches/koto/`);
// the same paths without the year show the current edition.
import type { CollectionKey } from './model.ts';
import { defaultLocale, locales, type Locale } from './locales.ts';

/** The sections of the site, in the order of its navigation; each is a page in every locale. */
export const sections = ['plan', 'challenges', 'initiatives', 'covid', 'divisions', 'committees', 'branches'] as const;
export type Section = (typeof sections)[number];

/**
 * Every page of the site but an entry's own: the home page (`''`) and the sections, which every
 * edition has, the changes since the previous edition, which every edition but the first has, and the pages of the site as a whole (the accessibility statement, the archive of
 * editions), which no edition has.
 */
export type Page = '' | Section | EditionPage | SitePage;

/**
 * The pages every edition has beside its sections, outside the navigation: what changed since the
 * previous edition (every edition but the first), its open data, the whole plan for printing, and
 * the search of its pages.
 */
export const editionPages = ['changes', 'data', 'print', 'search'] as const;
export type EditionPage = (typeof editionPages)[number];

/** The pages of the site as a whole, outside any edition. */
export const sitePages = ['accessibility', 'archive', 'updates'] as const;
export type SitePage = (typeof sitePages)[number];

/** The page each collection is published on, and whether an entry has its own page under it or an anchor on it. */
const published: Record<CollectionKey, { page: Page; entry?: 'page' | 'anchor' }> = {
  annualPlan: { page: '' },
  mission: { page: '' },
  vision: { page: 'challenges' },
  visionArea: { page: 'challenges', entry: 'anchor' },
  challenge: { page: 'challenges', entry: 'anchor' },
  midTermPlan: { page: 'plan' },
  activityPillar: { page: 'plan', entry: 'anchor' },
  activityGuideline: { page: 'plan', entry: 'anchor' },
  financeYear: { page: 'plan' },
  initiative: { page: 'initiatives', entry: 'page' },
  covidPillar: { page: 'covid' },
  infoBoard: { page: 'covid' },
  division: { page: 'divisions', entry: 'anchor' },
  committee: { page: 'committees', entry: 'anchor' },
  association: { page: 'committees', entry: 'anchor' },
  branch: { page: 'branches', entry: 'page' },
  branchCluster: { page: 'branches', entry: 'anchor' },
};

/**
 * The collections whose entries a page of an edition shows, for when it last changed: those
 * published on it (a section lists the entries that have pages of their own too) and the annual
 * plan, whose title every page carries; the home page (which sums
 * the plan up), the changes, the open data and the whole plan for printing show all of them; the
 * search page only the title. A page of the site as a whole shows none of an edition's.
 */
export function pageCollections(page: Page): CollectionKey[] {
  const all = Object.keys(published) as CollectionKey[];
  if (page === '' || page === 'changes' || page === 'data' || page === 'print') return all;
  if (page === 'search') return ['annualPlan'];
  if ((sitePages as readonly string[]).includes(page)) return [];
  return all.filter((key) => key === 'annualPlan' || published[key].page === page);
}

/** The collection whose entries have their own pages under a section (`initiatives/<slug>/`), if any. */
export function entryPageCollection(page: Page): CollectionKey | undefined {
  return (Object.keys(published) as CollectionKey[]).find(
    (key) => published[key].page === page && published[key].entry === 'page',
  );
}

/**
 * Where the site is served from: its base path (SITE_BASE), `/` by default; and the edition whose
 * permanent address is meant (none: the current edition's address without a year, or a page of
 * the site as a whole).
 */
export interface UrlOptions {
  base?: string;
  edition?: number;
}

/** An edition's segment of an address: its fiscal year. */
const editionSegment = /^\d{4}$/u;

const segments = (path: string) => path.split('/').filter(Boolean);

/** `plan`, `/plan`, `plan/` → `/plan/`; `''` and `/` → `/`. */
function normaliseBase(base = '/'): string {
  const parts = segments(base);
  return parts.length ? `/${parts.join('/')}/` : '/';
}

/**
 * The first segment of a locale's addresses: none for the default locale, whose pages are at the
 * site's root, the locale's code for the others.
 *
 * @example
 * localePrefix('ja'); // undefined
 * localePrefix('en'); // 'en'
 */
export function localePrefix(locale: Locale): string | undefined {
  return locale === defaultLocale ? undefined : locale;
}

/**
 * The address of a path of the site (without the locale prefix) in a locale, under the base:
 * the building block of {@link pageUrl} and {@link entryUrl}, and what {@link alternates} maps a
 * page to in another locale.
 *
 * @example
 * localeUrl('en', 'branches/koto');                    // '/en/branches/koto/'
 * localeUrl('ja', 'branches/koto', { base: '/plan/' }); // '/plan/branches/koto/'
 * localeUrl('en', 'branches/koto', { edition: 2021 });  // '/en/2021/branches/koto/'
 */
export function localeUrl(locale: Locale, path = '', { base, edition }: UrlOptions = {}): string {
  const prefix = localePrefix(locale);
  const parts = [...(prefix ? [prefix] : []), ...(edition === undefined ? [] : [String(edition)]), ...segments(path)];
  return `${normaliseBase(base)}${parts.map((part) => `${part}/`).join('')}`;
}

/**
 * The address of a page in a locale: `/plan/` in Japanese, `/en/plan/` in English.
 *
 * @example
 * pageUrl('en');                                 // '/en/'
 * pageUrl('ja', 'initiatives', { base: '/x/' });  // '/x/initiatives/'
 * pageUrl('ja', 'initiatives', { edition: 2021 }); // '/2021/initiatives/'
 * pageUrl('en', 'archive', { edition: 2021 });     // '/en/archive/' (no edition has it)
 */
export function pageUrl(locale: Locale, page: Page = '', options: UrlOptions = {}): string {
  const isSitePage = (sitePages as readonly string[]).includes(page);
  return localeUrl(locale, page, isSitePage ? { base: options.base } : options);
}

/**
 * Where an entry is published: its own page (a branch, an initiative), an anchor on its collection's
 * page (a committee), or that page itself (a finance year, shown in a table).
 *
 * @example
 * entryUrl('branch', 'en', 'koto');                   // '/en/branches/koto/'
 * entryUrl('initiative', 'ja', 'rcep-certificates');  // '/initiatives/rcep-certificates/'
 * entryUrl('financeYear', 'ja', 'fy2020');            // '/plan/'
 * entryUrl('branch', 'ja', 'koto', { edition: 2021 }); // '/2021/branches/koto/'
 */
export function entryUrl(key: CollectionKey, locale: Locale, slug?: string, options: UrlOptions = {}): string {
  const { page, entry } = published[key];
  if (entry === 'page' && slug) return localeUrl(locale, `${page}/${slug}`, options);
  const url = pageUrl(locale, page, options);
  return entry === 'anchor' && slug ? `${url}#${slug}` : url;
}

/**
 * The locale, the edition (if the address names one) and the path (without base, locale prefix and
 * year) of a URL pathname of the site: the inverse of {@link localeUrl}.
 *
 * @example
 * parsePathname('/en/branches/koto/');                   // { locale: 'en', path: 'branches/koto' }
 * parsePathname('/en/2021/branches/koto/');              // { locale: 'en', edition: 2021, path: 'branches/koto' }
 * parsePathname('/plan/plan/', { base: '/plan/' });       // { locale: 'ja', path: 'plan' }
 */
export function parsePathname(
  pathname: string,
  { base }: UrlOptions = {},
): { locale: Locale; edition?: number; path: string } {
  const baseParts = segments(normaliseBase(base));
  const parts = segments(pathname);
  if (baseParts.every((part, index) => parts[index] === part)) parts.splice(0, baseParts.length);
  const first = parts[0];
  const locale = locales.find((candidate) => first !== undefined && localePrefix(candidate) === first) ?? defaultLocale;
  if (localePrefix(locale)) parts.shift();
  const year = parts[0] !== undefined && editionSegment.test(parts[0]) ? Number(parts.shift()) : undefined;
  return { locale, ...(year === undefined ? {} : { edition: year }), path: parts.join('/') };
}

/**
 * The same page in every locale (and the same edition), for the language switcher and the hreflang
 * links.
 *
 * @example
 * alternates('/en/plan/');      // [{ locale: 'ja', href: '/plan/' }, { locale: 'en', href: '/en/plan/' }]
 * alternates('/2021/plan/');    // [{ locale: 'ja', href: '/2021/plan/' }, { locale: 'en', href: '/en/2021/plan/' }]
 */
export function alternates(pathname: string, options: UrlOptions = {}): { locale: Locale; href: string }[] {
  const { path, edition } = parsePathname(pathname, options);
  return locales.map((locale) => ({ locale, href: localeUrl(locale, path, { base: options.base, edition }) }));
}
