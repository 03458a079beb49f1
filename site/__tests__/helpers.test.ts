import { readFileSync } from 'node:fs';
import { collections } from '@tcci/schemas';
import { describe, expect, it } from 'vitest';
import { applyFilter, filterFromQuery, filterToQuery } from '../src/lib/filters.ts';
import { dictionaries, dictionarySchema, translator } from '../src/lib/i18n/index.ts';
import ja from '../src/lib/i18n/ja.ts';
import { alternates, pagePath, pageUrl } from '../src/lib/urls.ts';
import { wardTiles } from '../src/lib/wards.ts';
import { loadSeeds } from '@tcci/seeds';

describe('urls', () => {
  it('put Japanese at the root and English under /en/, with the same paths', () => {
    expect(pageUrl('ja')).toBe('/');
    expect(pageUrl('en')).toBe('/en/');
    expect(pageUrl('ja', 'plan')).toBe('/plan/');
    expect(pageUrl('en', '/branches/koto/')).toBe('/en/branches/koto/');
  });

  it('find the same page in the other language', () => {
    expect(pagePath('/en/branches/koto/')).toBe('branches/koto');
    expect(pagePath('/branches/')).toBe('branches');
    expect(alternates('/en/plan/')).toEqual([
      { locale: 'ja', href: '/plan/' },
      { locale: 'en', href: '/en/plan/' },
    ]);
  });
});

describe('initiative filters', () => {
  const initiatives = [
    { id: 1, column: 'focus', category: 'managementSupport', isNew: false },
    { id: 2, column: 'focus', category: 'memberServices', isNew: true },
    { id: 3, column: 'covid', category: 'memberServices', isNew: true },
    { id: 4, column: 'covid', category: 'policyRegional', isNew: false },
  ] as const;

  it('keep what matches every chosen criterion, in order', () => {
    expect(applyFilter(initiatives, { newOnly: false }).map((i) => i.id)).toEqual([1, 2, 3, 4]);
    expect(applyFilter(initiatives, { column: 'covid', newOnly: false }).map((i) => i.id)).toEqual([3, 4]);
    expect(applyFilter(initiatives, { category: 'memberServices', newOnly: true }).map((i) => i.id)).toEqual([2, 3]);
    expect(applyFilter(initiatives, { column: 'focus', category: 'policyRegional', newOnly: false })).toEqual([]);
  });

  it('round-trip through the URL and ignore unknown values', () => {
    const filter = { column: 'covid', category: 'memberServices', newOnly: true } as const;
    expect(filterFromQuery(filterToQuery(filter))).toEqual(filter);
    expect(filterToQuery({ newOnly: false })).toBe('');
    expect(filterFromQuery('?column=sidebar&category=x&new=yes')).toEqual({
      column: undefined,
      category: undefined,
      newOnly: false,
    });
  });
});

describe('interface dictionaries', () => {
  it('give every key of the Japanese dictionary in every locale', () => {
    for (const dictionary of Object.values(dictionaries))
      expect(Object.keys(dictionary).sort()).toEqual(Object.keys(ja).sort());
  });

  it('refuse a dictionary that lacks a key', () => {
    const { ['nav.branches']: _missing, ...incomplete } = dictionaries.en;
    const result = dictionarySchema.safeParse(incomplete);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['nav.branches']);
  });

  it('fill placeholders', () => {
    expect(translator('en')('branch.name', { ward: 'Koto' })).toBe('Koto Branch');
    expect(translator('ja')('branch.name', { ward: '江東' })).toBe('江東支部');
    expect(translator('en')('plan.drawdown', { amount: 7.5, millions: 750 })).toBe('¥750 million');
  });
});

describe('the ward tile map', () => {
  it('has one tile per branch and never two wards on one tile', () => {
    const slugs = loadSeeds().branch.map((b) => b.slug);
    expect(Object.keys(wardTiles).sort()).toEqual([...slugs].sort());
    const cells = Object.values(wardTiles).map(({ col, row }) => `${col},${row}`);
    expect(new Set(cells).size).toBe(cells.length);
  });
});

describe('the content config', () => {
  it('loads every collection of the content model', () => {
    const config = readFileSync(new URL('../src/content.config.ts', import.meta.url), 'utf8');
    for (const key of Object.keys(collections)) {
      expect(config).toContain(`${key}: defineCollection({ loader: planLoader('${key}') })`);
    }
  });
});
