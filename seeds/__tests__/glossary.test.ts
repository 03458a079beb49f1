import { readFileSync } from 'node:fs';
import path from 'node:path';
import { collections, locales, type CollectionDef, type CollectionKey } from '@tcci/schemas';
import { describe, expect, it } from 'vitest';
import { editionDir, loadSeeds, normalizeForComparison, seedDir } from '../src/index.ts';
import { fold, glossaryProblems, loadGlossary, missingRenderings, termsIn, type TextPair } from './glossary.ts';

const glossary = loadGlossary();
const seeds = loadSeeds(editionDir(2021), 2021);

/** Every localised text of the seeds with its Japanese and English, named `file/slug/field` as exceptions name it. */
function seedTexts(): TextPair[] {
  const pairs: TextPair[] = [];
  for (const [key, collection] of Object.entries(collections) as [CollectionKey, CollectionDef][]) {
    const file = collection.seedFile.replace(/\.yaml$/u, '');
    for (const entry of seeds[key] as Record<string, unknown>[]) {
      const slug = typeof entry.slug === 'string' ? `${entry.slug}/` : '';
      for (const [name, field] of Object.entries(collection.fields)) {
        if (!field.localized || entry[name] === undefined) continue;
        const values = (Array.isArray(entry[name]) ? entry[name] : [entry[name]]) as Partial<Record<string, string>>[];
        values.forEach((value, i) => {
          const [ja, en] = locales.map((locale) => value[locale]);
          const where = `${file}/${slug}${name}${Array.isArray(entry[name]) ? `[${i}]` : ''}`;
          if (ja !== undefined && en !== undefined) pairs.push({ where, ja, en });
        });
      }
    }
  }
  return pairs;
}

const pairs = seedTexts();
const isSeedText = (where: string) => !where.startsWith('i18n/');

describe('the glossary', () => {
  it('holds at least 40 terms, each Japanese term once', () => {
    expect(glossary.terms.length).toBeGreaterThanOrEqual(40);
    const seen = glossary.terms.map((term) => fold(term.ja));
    expect(seen.filter((term, i) => seen.indexOf(term) !== i)).toEqual([]);
  });

  it('holds terms of the plan: each occurs in the printed plan', () => {
    const source = fold(normalizeForComparison(readFileSync(path.join(seedDir, 'source', 'plan-2021.txt'), 'utf8')));
    const absent = glossary.terms.filter((term) => !source.includes(fold(normalizeForComparison(term.ja))));
    expect(absent.map((term) => term.ja)).toEqual([]);
  });

  it('is followed by every English text of the seeds: a term in the Japanese has its rendering in the English', () => {
    expect(glossaryProblems(glossary, pairs, isSeedText)).toEqual([]);
  });

  it('names, for every exception, a text of the seeds or the interface and gives its reason', () => {
    const known = new Set(pairs.map((pair) => pair.where));
    const stray = glossary.exceptions.filter((e) => isSeedText(e.where) && !known.has(e.where));
    expect(stray.map((e) => e.where)).toEqual([]);
    for (const exception of glossary.exceptions) {
      expect(
        glossary.terms.map((t) => t.ja),
        exception.where,
      ).toContain(exception.term);
      expect(exception.reason.length, exception.where).toBeGreaterThan(20);
    }
  });
});

describe('the glossary check', () => {
  it('counts a term inside a longer one only as the longer one', () => {
    expect(termsIn(glossary, '区長と支部役員・評議員との懇談会').map((t) => t.ja)).toEqual(
      expect.arrayContaining(['評議員', '懇談会', '支部', '役員']),
    );
    expect(termsIn(glossary, '女性の役員・評議員').map((t) => t.ja)).not.toContain('議員');
    expect(termsIn(glossary, '国会議員に対する働きかけ').map((t) => t.ja)).toEqual(['国会議員']);
  });

  it('compares after NFKC and regardless of case', () => {
    expect(termsIn(glossary, '「はじめてIT活用１万社プロジェクト」').map((t) => t.ja)).toContain(
      'はじめてIT活用1万社プロジェクト',
    );
    expect(
      missingRenderings(glossary, { ja: '東京商工会議所', en: 'the Tokyo chamber of commerce and industry' }),
    ).toEqual([]);
  });

  it('reports a rendering the English lacks, and an exception that explains nothing', () => {
    const problems = glossaryProblems(
      {
        terms: [{ ja: '懇談会', en: 'roundtable' }],
        exceptions: [{ where: 'x/a/name', term: '懇談会', reason: 'not needed, as the test shows' }],
      },
      [
        { where: 'x/a/name', ja: '懇談会', en: 'Roundtable' },
        { where: 'x/b/name', ja: '東京の将来を考える懇談会', en: 'Council on the Future of Tokyo' },
      ],
      () => true,
    );
    expect(problems).toEqual([
      'x/b/name: 懇談会 → "roundtable" is missing from "Council on the Future of Tokyo"',
      'x/a/name: the exception for 懇談会 explains no departure; remove it',
    ]);
  });
});
