import { describe, expect, it } from 'vitest';
import {
  alternates,
  collections,
  defaultLocale,
  entryPageCollection,
  entryUrl,
  localePrefix,
  localeUrl,
  locales,
  pageCollections,
  pageUrl,
  parsePathname,
  sections,
  type CollectionKey,
} from '../src/index.ts';

describe('pageUrl', () => {
  it('puts Japanese at the root and English under /en/, with the same paths', () => {
    expect(pageUrl('ja')).toBe('/');
    expect(pageUrl('en')).toBe('/en/');
    expect(pageUrl('ja', 'plan')).toBe('/plan/');
    expect(pageUrl('en', 'plan')).toBe('/en/plan/');
    expect(pageUrl('en', 'accessibility')).toBe('/en/accessibility/');
  });

  it('puts every page under the base the site is served from', () => {
    expect(pageUrl('ja', '', { base: '/plan/' })).toBe('/plan/');
    expect(pageUrl('en', '', { base: '/plan/' })).toBe('/plan/en/');
    expect(pageUrl('ja', 'plan', { base: '/plan/' })).toBe('/plan/plan/');
    expect(pageUrl('en', 'branches', { base: '/tcci/plan/' })).toBe('/tcci/plan/en/branches/');
    // A base as Astro's BASE_URL or an environment variable may write it.
    expect(pageUrl('en', 'covid', { base: '/plan' })).toBe('/plan/en/covid/');
    expect(pageUrl('en', 'covid', { base: 'plan' })).toBe('/plan/en/covid/');
    expect(pageUrl('en', 'covid', { base: '/' })).toBe('/en/covid/');
    expect(pageUrl('en', 'covid', { base: '' })).toBe('/en/covid/');
  });

  it('gives every section a page in every locale, the default locale unprefixed', () => {
    for (const locale of locales) {
      for (const section of sections) {
        expect(pageUrl(locale, section)).toBe(locale === defaultLocale ? `/${section}/` : `/${locale}/${section}/`);
      }
    }
  });
});

describe('edition addresses', () => {
  it("put an edition's pages under its fiscal year, after the locale and under the base", () => {
    expect(pageUrl('ja', '', { edition: 2021 })).toBe('/2021/');
    expect(pageUrl('en', 'initiatives', { edition: 2021 })).toBe('/en/2021/initiatives/');
    expect(entryUrl('branch', 'en', 'koto', { edition: 2021 })).toBe('/en/2021/branches/koto/');
    expect(entryUrl('initiative', 'ja', 'x', { edition: 2022, base: '/plan/' })).toBe('/plan/2022/initiatives/x/');
  });

  it('keep the pages of the site as a whole out of any edition', () => {
    expect(pageUrl('en', 'accessibility', { edition: 2021 })).toBe('/en/accessibility/');
    expect(pageUrl('ja', 'archive', { edition: 2021 })).toBe('/archive/');
  });

  it('read the edition back from an address, and keep it in the other locale', () => {
    expect(parsePathname('/en/2021/branches/koto/')).toEqual({ locale: 'en', edition: 2021, path: 'branches/koto' });
    expect(parsePathname('/plan/2021/', { base: '/plan/' })).toEqual({ locale: 'ja', edition: 2021, path: '' });
    expect(parsePathname('/branches/koto/')).toEqual({ locale: 'ja', path: 'branches/koto' });
    expect(alternates('/2021/plan/')).toEqual([
      { locale: 'ja', href: '/2021/plan/' },
      { locale: 'en', href: '/en/2021/plan/' },
    ]);
  });
});

describe('localePrefix', () => {
  it('gives the default locale none and every other locale its code', () => {
    expect(localePrefix('ja')).toBeUndefined();
    expect(localePrefix('en')).toBe('en');
    expect(locales.filter((locale) => localePrefix(locale) === undefined)).toEqual([defaultLocale]);
  });
});

describe('entryUrl', () => {
  it('gives the page an entry is published on, in each locale', () => {
    expect(entryUrl('branch', 'en', 'koto')).toBe('/en/branches/koto/');
    expect(entryUrl('branch', 'ja', 'koto')).toBe('/branches/koto/');
    expect(entryUrl('initiative', 'ja', 'rcep-certificates')).toBe('/initiatives/rcep-certificates/');
    expect(entryUrl('challenge', 'en', 'diverse-talent')).toBe('/en/challenges/#diverse-talent');
    expect(entryUrl('annualPlan', 'en')).toBe('/en/');
    expect(entryUrl('financeYear', 'ja', 'fy2020')).toBe('/plan/');
  });

  it('links an entry with its own page to that page, under the base', () => {
    expect(entryUrl('branch', 'ja', 'koto', { base: '/plan/' })).toBe('/plan/branches/koto/');
    expect(entryUrl('branch', 'en', 'koto', { base: '/plan/' })).toBe('/plan/en/branches/koto/');
    // Without a slug, the page that lists them.
    expect(entryUrl('branch', 'en')).toBe('/en/branches/');
  });

  it('links an entry shown on its collection page to its anchor there', () => {
    expect(entryUrl('visionArea', 'ja', 'growth')).toBe('/challenges/#growth');
    expect(entryUrl('visionArea', 'en', 'growth', { base: '/plan/' })).toBe('/plan/en/challenges/#growth');
    expect(entryUrl('committee', 'en', 'tax')).toBe('/en/committees/#tax');
    expect(entryUrl('association', 'ja', 'fashion')).toBe('/committees/#fashion');
    expect(entryUrl('division', 'ja', 'general')).toBe('/divisions/#general');
    expect(entryUrl('branchCluster', 'en', 'east')).toBe('/en/branches/#east');
    expect(entryUrl('initiative', 'en')).toBe('/en/initiatives/');
  });

  it('knows where every collection of the model is published', () => {
    for (const key of Object.keys(collections) as CollectionKey[]) {
      for (const locale of locales) {
        expect(entryUrl(key, locale, 'x', { base: '/b/' })).toMatch(/^\/b\/(?:en\/)?(?:[a-z]+\/)*(?:#x)?$/u);
      }
    }
  });
});

describe('parsePathname and alternates', () => {
  it('read the locale and the path back from an address', () => {
    expect(parsePathname('/en/branches/koto/')).toEqual({ locale: 'en', path: 'branches/koto' });
    expect(parsePathname('/branches/')).toEqual({ locale: 'ja', path: 'branches' });
    expect(parsePathname('/')).toEqual({ locale: 'ja', path: '' });
    expect(parsePathname('/plan/en/plan/', { base: '/plan/' })).toEqual({ locale: 'en', path: 'plan' });
    expect(parsePathname('/plan/', { base: '/plan/' })).toEqual({ locale: 'ja', path: '' });
  });

  it('are the inverse of localeUrl, for every locale and base', () => {
    for (const base of ['/', '/plan/', '/a/b/']) {
      for (const locale of locales) {
        for (const path of ['', 'plan', 'branches/koto']) {
          expect(parsePathname(localeUrl(locale, path, { base }), { base })).toEqual({ locale, path });
        }
      }
    }
  });

  it('find the same page in the other language, under the base', () => {
    expect(alternates('/en/plan/')).toEqual([
      { locale: 'ja', href: '/plan/' },
      { locale: 'en', href: '/en/plan/' },
    ]);
    expect(alternates('/plan/branches/koto/', { base: '/plan/' })).toEqual([
      { locale: 'ja', href: '/plan/branches/koto/' },
      { locale: 'en', href: '/plan/en/branches/koto/' },
    ]);
  });

  it('name the collections each page shows, for when it last changed', () => {
    expect(pageCollections('initiatives').sort()).toEqual(['annualPlan', 'initiative']);
    expect(pageCollections('branches').sort()).toEqual(['annualPlan', 'branch', 'branchCluster']);
    expect(pageCollections('print')).toHaveLength(Object.keys(collections).length);
    expect(pageCollections('')).toHaveLength(Object.keys(collections).length);
    expect(pageCollections('search')).toEqual(['annualPlan']);
    expect(pageCollections('accessibility')).toEqual([]);
    expect(entryPageCollection('branches')).toBe('branch');
    expect(entryPageCollection('initiatives')).toBe('initiative');
    expect(entryPageCollection('plan')).toBeUndefined();
  });
});
