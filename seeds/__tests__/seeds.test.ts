import { readFileSync } from 'node:fs';
import path from 'node:path';
import { collections, locales, type CollectionDef, type CollectionKey } from '@tcci/schemas';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  editionDir,
  japaneseOutsideParentheses,
  loadSeeds,
  normalizeForComparison,
  seedDir,
  type Seeds,
} from '../src/index.ts';

const sourceFile = path.join(seedDir, 'source', 'plan-2021.txt');

let seeds: Seeds;
beforeAll(() => {
  seeds = loadSeeds(editionDir(2021), 2021);
});

/** Every localised string of every entry, with where it stands. */
function localizedStrings(): { where: string; locale: string; text: string }[] {
  const out: { where: string; locale: string; text: string }[] = [];
  for (const [key, collection] of Object.entries(collections) as [CollectionKey, CollectionDef][]) {
    seeds[key].forEach((entry, index) => {
      const record = entry as Record<string, unknown>;
      for (const [name, field] of Object.entries(collection.fields)) {
        if (!field.localized || record[name] === undefined) continue;
        const values = (Array.isArray(record[name]) ? record[name] : [record[name]]) as Record<string, string>[];
        values.forEach((value, i) => {
          for (const locale of locales) {
            out.push({
              where: `${collection.seedFile} #${index + 1} ${name}${Array.isArray(record[name]) ? `[${i}]` : ''}`,
              locale,
              text: value[locale] ?? '',
            });
          }
        });
      }
    });
  }
  return out;
}

describe('the seeds', () => {
  it('hold exactly the counts the source prints', () => {
    const counts = Object.fromEntries(Object.entries(seeds).map(([key, entries]) => [key, entries.length]));
    expect(counts).toEqual({
      annualPlan: 1,
      mission: 3,
      vision: 1,
      visionArea: 4,
      challenge: 10,
      midTermPlan: 1,
      activityPillar: 5,
      activityGuideline: 3,
      initiative: 31,
      covidPillar: 6,
      infoBoard: 5,
      financeYear: 3,
      division: 10,
      committee: 24,
      association: 2,
      branch: 23,
      branchCluster: 4,
    });
  });

  it('split the 31 initiatives into 23 focus and 8 COVID-response items, in all three categories, ten of them new', () => {
    const initiatives = seeds.initiative;
    expect(initiatives.filter((i) => i.column === 'focus')).toHaveLength(23);
    expect(initiatives.filter((i) => i.column === 'covid')).toHaveLength(8);
    for (const column of ['focus', 'covid'] as const) {
      expect(new Set(initiatives.filter((i) => i.column === column).map((i) => i.category))).toEqual(
        new Set(['managementSupport', 'memberServices', 'policyRegional']),
      );
    }
    expect(initiatives.filter((i) => i.isNew)).toHaveLength(10);
  });

  it('explain every 新 (new) flag in the editorial note', () => {
    for (const initiative of seeds.initiative.filter((i) => i.isNew)) {
      expect(initiative.note, initiative.slug).toMatch(/新:/u);
    }
  });

  it('put every branch in exactly one cluster', () => {
    const members = seeds.branchCluster.flatMap((cluster) => cluster.branches);
    expect([...members].sort()).toEqual(seeds.branch.map((branch) => branch.slug).sort());
  });

  it('name the 23 wards with the suggested slugs in the standard order', () => {
    expect(seeds.branch.toSorted((a, b) => a.order - b.order).map((b) => b.slug)).toEqual([
      'chiyoda',
      'chuo',
      'minato',
      'shinjuku',
      'bunkyo',
      'taito',
      'sumida',
      'koto',
      'shinagawa',
      'meguro',
      'ota',
      'setagaya',
      'shibuya',
      'nakano',
      'suginami',
      'toshima',
      'kita',
      'arakawa',
      'itabashi',
      'nerima',
      'adachi',
      'katsushika',
      'edogawa',
    ]);
  });

  it('give the commerce and wholesale divisions the one text they share', () => {
    const [commerce, wholesale] = ['商業', '卸売'].map((name) => seeds.division.find((d) => d.name.ja === name));
    expect(commerce?.focusItems).toEqual(wholesale?.focusItems);
    expect(commerce?.remark?.ja).toBe('※いずれも両部会で合同実施');
  });

  it('place every challenge under one of the four vision areas', () => {
    const areasUsed = new Set(seeds.challenge.map((c) => c.area));
    expect([...areasUsed].sort()).toEqual(seeds.visionArea.map((a) => a.slug).sort());
  });

  it('have a non-empty text in every locale for every localised field', () => {
    const strings = localizedStrings();
    expect(strings.length).toBeGreaterThan(600);
    const empty = strings.filter((s) => s.text.trim() === '');
    expect(empty).toEqual([]);
  });

  it('take every Japanese text from the source, word for word', () => {
    const source = normalizeForComparison(readFileSync(sourceFile, 'utf8'));
    const invented = localizedStrings()
      .filter((s) => s.locale === 'ja' && !source.includes(normalizeForComparison(s.text)))
      .map((s) => `${s.where}: ${s.text}`);
    expect(invented).toEqual([]);
  });

  it('write English without Japanese, except inside parentheses', () => {
    const mixed = localizedStrings()
      .filter((s) => s.locale === 'en' && japaneseOutsideParentheses(s.text) !== '')
      .map((s) => `${s.where}: ${s.text}`);
    expect(mixed).toEqual([]);
  });

  it('translate every Japanese text (no English text is a copy of the Japanese unless it has no Japanese)', () => {
    const copies = localizedStrings()
      .filter((s) => s.locale === 'ja')
      .filter((s) => /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(s.text));
    const english = new Set(
      localizedStrings()
        .filter((s) => s.locale === 'en')
        .map((s) => s.text),
    );
    expect(copies.filter((s) => english.has(s.text)).map((s) => s.where)).toEqual([]);
  });
});

describe('helpers', () => {
  it('normalise full-width forms and whitespace as the comparison needs', () => {
    expect(normalizeForComparison('ﾈｯﾄﾜｰｷﾝｸﾞ　８万\n３千')).toBe('ネットワーキング8万3千');
  });

  it('find Japanese outside parentheses only', () => {
    expect(japaneseOutsideParentheses('Tokyo Job Site (東商ジョブサイト)')).toBe('');
    expect(japaneseOutsideParentheses('“Member My Page” (会員マイページ, working title)')).toBe('');
    expect(japaneseOutsideParentheses('the 東商 newspaper')).toBe('東商');
    expect(japaneseOutsideParentheses('a 「quoted」 word')).toBe('「」');
    expect(japaneseOutsideParentheses('(a (nested 日本) part) and 語')).toBe('語');
  });
});
