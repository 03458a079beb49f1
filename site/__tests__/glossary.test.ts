import { describe, expect, it } from 'vitest';
// The glossary and its check live with the seeds (seeds/glossary.yaml); the interface follows the same terms.
import { glossaryProblems, loadGlossary } from '../../seeds/__tests__/glossary.ts';
import { dictionaries } from '../src/lib/i18n/index.ts';

describe('the interface dictionaries', () => {
  it('follow the glossary: a term in a Japanese string has its rendering in the English one', () => {
    const pairs = Object.entries(dictionaries.ja).map(([key, ja]) => ({
      where: `i18n/${key}`,
      ja,
      en: dictionaries.en[key as keyof typeof dictionaries.en],
    }));
    expect(glossaryProblems(loadGlossary(), pairs, (where) => where.startsWith('i18n/'))).toEqual([]);
  });
});
