import type { CollectionKey } from './model.ts';
import type { Locale } from './locales.ts';
import { defaultLocale } from './locales.ts';

/** The page each collection is published on (path without the locale prefix), and whether an entry has its own page or an anchor on it. */
const pages: Record<CollectionKey, { path: string; entry?: 'page' | 'anchor' }> = {
  annualPlan: { path: '' },
  mission: { path: '' },
  vision: { path: 'challenges' },
  visionArea: { path: 'challenges', entry: 'anchor' },
  challenge: { path: 'challenges' },
  midTermPlan: { path: 'plan' },
  activityPillar: { path: 'plan' },
  activityGuideline: { path: 'plan' },
  financeYear: { path: 'plan' },
  initiative: { path: 'initiatives', entry: 'anchor' },
  covidPillar: { path: 'covid' },
  infoBoard: { path: 'covid' },
  division: { path: 'divisions', entry: 'anchor' },
  committee: { path: 'committees', entry: 'anchor' },
  association: { path: 'committees', entry: 'anchor' },
  branch: { path: 'branches', entry: 'page' },
  branchCluster: { path: 'branches', entry: 'anchor' },
};

/**
 * Where an entry is published on the site, relative to the site's root: `/` for Japanese, `/en/`
 * for English, the same path in both.
 *
 * @example
 * entryPath('branch', 'en', 'koto');          // '/en/branches/koto/'
 * entryPath('initiative', 'ja', 'rcep-certificates'); // '/initiatives/#rcep-certificates'
 */
export function entryPath(key: CollectionKey, locale: Locale, slug?: string): string {
  const page = pages[key];
  const prefix = locale === defaultLocale ? '/' : `/${locale}/`;
  const segments = [page.path, page.entry === 'page' && slug ? slug : ''].filter(Boolean);
  const path = `${prefix}${segments.map((s) => `${s}/`).join('')}`;
  return page.entry === 'anchor' && slug ? `${path}#${slug}` : path;
}
