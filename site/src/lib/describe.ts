// A page's meta description, drawn from what the page shows: its texts run together and cut at a
// length search engines and link previews show in full (about 120 characters of Japanese, 160 of
// English), at a word's end where the language has spaces.
import type { Locale } from '@tcci/schemas';

const limits: Record<Locale, number> = { ja: 120, en: 160 };
const separators: Record<Locale, string> = { ja: '、', en: '; ' };
const leadSeparators: Record<Locale, string> = { ja: '：', en: ': ' };
const sentenceGaps: Record<Locale, string> = { ja: '', en: ' ' };

/**
 * The description of a page from its texts, in order, in the page's language.
 *
 * @example
 * describePage('en', ['Initiatives for fiscal 2021', 'Management support', 'Member services']);
 * // 'Initiatives for fiscal 2021: Management support; Member services'
 * describePage('ja', ['支部の重点取り組み', '千代田', '中央']); // '支部の重点取り組み：千代田、中央'
 */
export function describePage(locale: Locale, [lead, ...rest]: readonly string[]): string {
  const tidy = (text: string) => text.replace(/\s+/gu, ' ').trim();
  const head = tidy(lead ?? '');
  const items = rest.map(tidy).filter(Boolean);
  let full = head;
  for (const [i, item] of items.entries()) {
    // After a sentence's full stop the next text simply follows, as the next sentence does.
    const separator = i === 0 ? leadSeparators[locale] : separators[locale];
    full += `${/[.!?。！？]$/u.test(full) ? sentenceGaps[locale] : separator}${item}`;
  }
  return shorten(locale, full, limits[locale]);
}

/**
 * A text cut to at most `limit` characters, ending in "…" where it was cut: at a word's end where
 * the language has spaces.
 *
 * @example
 * shorten('en', 'Run events related to Eiichi Shibusawa', 20); // 'Run events related…'
 */
export function shorten(locale: Locale, text: string, limit: number): string {
  const full = text.replace(/\s+/gu, ' ').trim();
  if ([...full].length <= limit) return full;
  const cut = [...full].slice(0, limit - 1).join('');
  const atWord = locale === 'ja' ? cut : cut.replace(/[\s;,:]+\S*$/u, '');
  return `${atWord.replace(/[、。；;,:：\s]+$/u, '')}…`;
}
