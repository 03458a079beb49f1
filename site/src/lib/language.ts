// From the locale config alone: the search page runs this in the browser.
import { localeScripts, locales, type Locale } from '@tcci/schemas/locales';

/** A stretch of text, and its language where that differs from the text around it. */
export interface LanguageRun {
  text: string;
  lang?: Locale;
}

/**
 * A word as a reader sees one: letters, digits, marks, the Japanese scripts with their punctuation
 * (、「」・ー), and full-width signs (（＋１), so that 身の丈BCP and 勇気ある挑戦＋1 are one word each.
 */
const word = /[\p{L}\p{N}\p{M}\p{scx=Hani}\p{scx=Hira}\p{scx=Kana}\uFF01-\uFF60]+/gu;

/**
 * Splits a text written in `locale` into runs, giving each phrase written in another locale's own
 * script (`localeScripts`) that locale's `lang`, so that screen readers read it in the right voice.
 * Runs of one language that only spaces part are joined.
 *
 * @example
 * languageRuns('right-sized BCPs (身の丈BCP)', 'en');
 * // [{ text: 'right-sized BCPs (' }, { text: '身の丈BCP', lang: 'ja' }, { text: ')' }]
 */
export function languageRuns(text: string, locale: Locale): LanguageRun[] {
  const others = locales.filter((other) => other !== locale && localeScripts[other]);
  const runs: LanguageRun[] = [];
  const push = (piece: string, lang?: Locale) => {
    if (!piece) return;
    const last = runs.at(-1);
    if (last && last.lang === lang) last.text += piece;
    else runs.push(lang ? { text: piece, lang } : { text: piece });
  };
  let at = 0;
  for (const match of text.matchAll(word)) {
    const lang = others.find((other) => localeScripts[other]!.test(match[0]));
    if (!lang) continue;
    const gap = text.slice(at, match.index);
    // A space between two phrases of the same language belongs to them.
    if (runs.at(-1)?.lang === lang && /^\s+$/u.test(gap)) push(gap, lang);
    else push(gap);
    push(match[0], lang);
    at = match.index + match[0].length;
  }
  push(text.slice(at));
  return runs;
}
