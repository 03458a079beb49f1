/**
 * The glossary (`seeds/glossary.yaml`) and the check that a text follows it: shared by the seeds'
 * glossary test and the site's, which holds the interface dictionaries to the same terms.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

export const glossaryFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'glossary.yaml');

const text = z.string().trim().min(1, 'must not be empty');

const glossarySchema = z.strictObject({
  terms: z.array(z.strictObject({ ja: text, en: text, note: text.optional() })),
  exceptions: z.array(
    z.strictObject({
      /** `file/slug/field` for a seed text (`committees/social-security/focusItems[0]`), `i18n/key` for the interface. */
      where: text,
      term: text,
      reason: text,
    }),
  ),
});

export type Glossary = z.infer<typeof glossarySchema>;
export type Term = Glossary['terms'][number];

/** One Japanese text and its English, and where it stands (as an exception names it). */
export interface TextPair {
  where: string;
  ja: string;
  en: string;
}

/** Reads and validates the glossary. */
export function loadGlossary(file = glossaryFile): Glossary {
  return glossarySchema.parse(parse(readFileSync(file, 'utf8')));
}

/** How texts and terms are compared: NFKC (１万 is 1万, ＋ is +), case-insensitive. */
export const fold = (value: string) => value.normalize('NFKC').toLowerCase();

/**
 * The terms a Japanese text contains. Longer terms are matched first, and a shorter term inside a
 * longer one's match does not count: 評議員 is a councillor, not also a council member (議員).
 *
 * @example
 * termsIn(glossary, '区長と支部役員・評議員との懇談会').map((t) => t.ja);
 * // ['評議員', '懇談会', '役員', '支部']: longest first, and not 議員
 */
export function termsIn(glossary: Glossary, ja: string): Term[] {
  const haystack = fold(ja);
  const taken = Array.from({ length: haystack.length }, () => false);
  const byLength = glossary.terms.toSorted((a, b) => fold(b.ja).length - fold(a.ja).length);
  const found: Term[] = [];
  for (const term of byLength) {
    const needle = fold(term.ja);
    let hit = false;
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
      if (taken.slice(at, at + needle.length).some(Boolean)) continue;
      taken.fill(true, at, at + needle.length);
      hit = true;
    }
    if (hit) found.push(term);
  }
  return found;
}

/** The terms a text's Japanese contains whose rendering its English lacks. */
export function missingRenderings(glossary: Glossary, pair: Pick<TextPair, 'ja' | 'en'>): Term[] {
  const english = fold(pair.en);
  return termsIn(glossary, pair.ja).filter((term) => !english.includes(fold(term.en)));
}

/**
 * Every departure from the glossary that no exception explains, one line each:
 * `committees/future-of-tokyo/name: 懇談会 → "roundtable" is missing from "Council on the Future of Tokyo"`.
 * Exceptions whose `where` starts with `scope` (e.g. `i18n/`) and explain nothing are reported too.
 */
export function glossaryProblems(glossary: Glossary, pairs: TextPair[], scope: (where: string) => boolean): string[] {
  const excused = new Set(glossary.exceptions.map((e) => `${e.where}\u0000${fold(e.term)}`));
  const used = new Set<string>();
  const problems: string[] = [];
  for (const pair of pairs) {
    for (const term of missingRenderings(glossary, pair)) {
      const key = `${pair.where}\u0000${fold(term.ja)}`;
      if (excused.has(key)) used.add(key);
      else problems.push(`${pair.where}: ${term.ja} → "${term.en}" is missing from "${pair.en}"`);
    }
  }
  for (const exception of glossary.exceptions.filter((e) => scope(e.where))) {
    if (!used.has(`${exception.where}\u0000${fold(exception.term)}`))
      problems.push(`${exception.where}: the exception for ${exception.term} explains no departure; remove it`);
  }
  return problems;
}
