import { collections, locales } from '@tcci/schemas';
import { describe, expect, it } from 'vitest';
import { hoistStyles } from '../scripts/head-styles.ts';
import {
  applyFilter,
  filterAttributes,
  filterFromQuery,
  filterSummary,
  filterToQuery,
  filterableFromDataset,
} from '../src/lib/filters.ts';
import { dictionaries, dictionarySchema, translateParts, translator } from '../src/lib/i18n/index.ts';
import ja from '../src/lib/i18n/ja.ts';
import { languageRuns } from '../src/lib/language.ts';
import { alternates, entryUrl, localeRoutes, pagePath, pageUrl, sections } from '../src/lib/urls.ts';
import { getRelativeLocaleUrl } from 'astro:i18n';
import { wardTiles } from '../src/lib/wards.ts';
import { editionDir, loadSeeds } from '@tcci/seeds';

describe('urls', () => {
  it('put Japanese at the root and English under /en/, with the same paths', () => {
    expect(pageUrl('ja')).toBe('/');
    expect(pageUrl('en')).toBe('/en/');
    expect(pageUrl('ja', 'plan')).toBe('/plan/');
    expect(entryUrl('branch', 'en', 'koto')).toBe('/en/branches/koto/');
    expect(entryUrl('visionArea', 'ja', 'growth')).toBe('/challenges/#growth');
  });

  it("agree with Astro's own locale URLs for every page, in every locale", () => {
    for (const locale of locales) {
      for (const page of ['', ...sections, 'accessibility'] as const) {
        expect(pageUrl(locale, page)).toBe(getRelativeLocaleUrl(locale, page ? `${page}/` : ''));
      }
      expect(entryUrl('branch', locale, 'koto')).toBe(getRelativeLocaleUrl(locale, 'branches/koto/'));
    }
  });

  it('route the pages of every locale, the default locale without a prefix', () => {
    expect(localeRoutes()).toEqual([
      { params: { locale: undefined }, props: { locale: 'ja' } },
      { params: { locale: 'en' }, props: { locale: 'en' } },
    ]);
    for (const { params, props } of localeRoutes()) {
      expect(pageUrl(props.locale)).toBe(params.locale ? `/${params.locale}/` : '/');
    }
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

describe('the filter on the page', () => {
  it('writes what it filters by into the list items and reads it back', () => {
    const initiative = { column: 'covid', category: 'policyRegional', isNew: true } as const;
    const attributes = filterAttributes(initiative);
    expect(attributes).toEqual({ 'data-column': 'covid', 'data-category': 'policyRegional', 'data-new': '1' });
    const dataset = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k.slice(5), v]));
    expect(filterableFromDataset(dataset)).toEqual(initiative);
    expect(filterableFromDataset({ column: 'sidebar', category: 'policyRegional', new: '1' })).toBeUndefined();
    expect(filterableFromDataset({})).toBeUndefined();
  });

  it('says how many are shown and, when filtered, by what, so that a printed list says so too', () => {
    const texts = {
      count: 'Showing {count}',
      countFiltered: 'Showing {count}, filtered by {filters}',
      none: 'No initiative matches these filters: {filters}.',
      choice: '{name}: {value}',
    };
    expect(filterSummary('en', texts, 31, [])).toBe('Showing 31');
    expect(
      filterSummary('en', texts, 4, [{ name: 'Column', value: 'COVID-19 response' }, { name: 'New projects only' }]),
    ).toBe('Showing 4, filtered by Column: COVID-19 response and New projects only');
    expect(filterSummary('en', texts, 0, [{ name: 'New projects only' }])).toBe(
      'No initiative matches these filters: New projects only.',
    );
    const ja = { ...texts, countFiltered: '{count}件を表示（絞り込み：{filters}）', choice: '{name}：{value}' };
    expect(filterSummary('ja', ja, 4, [{ name: '区分', value: 'コロナ' }, { name: '新規事業のみ' }])).toBe(
      '4件を表示（絞り込み：区分：コロナ、新規事業のみ）',
    );
  });
});

describe('Japanese words in English text', () => {
  it('are runs of their own, marked ja, with the Latin letters and full-width signs written into them', () => {
    expect(languageRuns('draw up right-sized BCPs (身の丈BCP) (seminars)', 'en')).toEqual([
      { text: 'draw up right-sized BCPs (' },
      { text: '身の丈BCP', lang: 'ja' },
      { text: ') (seminars)' },
    ]);
    expect(languageRuns('“Youth Katsushika” (Youthかつしか)', 'en')).toEqual([
      { text: '“Youth Katsushika” (' },
      { text: 'Youthかつしか', lang: 'ja' },
      { text: ')' },
    ]);
    expect(languageRuns('the “Courageous Challenge +1” (勇気ある挑戦＋1), promoting', 'en')).toEqual([
      { text: 'the “Courageous Challenge +1” (' },
      { text: '勇気ある挑戦＋1', lang: 'ja' },
      { text: '), promoting' },
    ]);
  });

  it('keep the words between two Japanese runs in English, and join runs that only a space parts', () => {
    expect(languageRuns('(東商キャリア人材サポート, formerly 人材情報プラザ)', 'en')).toEqual([
      { text: '(' },
      { text: '東商キャリア人材サポート', lang: 'ja' },
      { text: ', formerly ' },
      { text: '人材情報プラザ', lang: 'ja' },
      { text: ')' },
    ]);
    expect(languageRuns('(Tokyo フェノロジー カレンダー)', 'en')).toEqual([
      { text: '(Tokyo ' },
      { text: 'フェノロジー カレンダー', lang: 'ja' },
      { text: ')' },
    ]);
  });

  it('leave English alone, and Japanese text whole, Latin letters and all', () => {
    expect(languageRuns('Koto Branch', 'en')).toEqual([{ text: 'Koto Branch' }]);
    expect(languageRuns('中小企業のための身の丈BCP策定支援', 'ja')).toEqual([
      { text: '中小企業のための身の丈BCP策定支援' },
    ]);
    expect(languageRuns('', 'en')).toEqual([]);
  });
});

describe('hoisting styles into the head', () => {
  it('moves a <style> out of the body into the head, and leaves the head’s own where they are', () => {
    const page =
      '<!DOCTYPE html><html><head><title>t</title><noscript><style>.a{}</style></noscript></head>' +
      '<body><p>x</p><style>astro-island{display:contents}</style><script>1</script></body></html>';
    expect(hoistStyles(page)).toBe(
      '<!DOCTYPE html><html><head><title>t</title><noscript><style>.a{}</style></noscript>' +
        '<style>astro-island{display:contents}</style></head><body><p>x</p><script>1</script></body></html>',
    );
    expect(hoistStyles('<html><head></head><body><p>x</p></body></html>')).toBe(
      '<html><head></head><body><p>x</p></body></html>',
    );
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

  it('split an entry at its placeholders, for labels that show only the values', () => {
    expect(translateParts('en', 'branches.tile', { ward: 'Koto', letter: 'D' })).toEqual([
      { name: 'ward', text: 'Koto' },
      { text: ' Branch, group ' },
      { name: 'letter', text: 'D' },
    ]);
    expect(translateParts('ja', 'site.thisPageIn', { language: '日本語' })).toEqual([
      { text: 'このページの' },
      { name: 'language', text: '日本語' },
      { text: '版' },
    ]);
  });
});

describe('the ward tile map', () => {
  it('has one tile per branch and never two wards on one tile', () => {
    const slugs = loadSeeds(editionDir(2021), 2021).branch.map((b) => b.slug);
    expect(Object.keys(wardTiles).sort()).toEqual([...slugs].sort());
    const cells = Object.values(wardTiles).map(({ col, row }) => `${col},${row}`);
    expect(new Set(cells).size).toBe(cells.length);
  });
});

describe('the content config', () => {
  it('loads every collection of the content model, each with its own loader', async () => {
    const { collections: config } = await import('../src/content.config.ts');
    expect(Object.keys(config)).toEqual(Object.keys(collections));
    for (const [key, collection] of Object.entries(config)) {
      expect(collection).toMatchObject({ loader: { name: `plan-${key}` } });
    }
  });
});
