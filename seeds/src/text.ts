/**
 * Text checks shared by the seed tests and anyone validating content: how the source is compared,
 * and what counts as Japanese in an English text.
 */

/** NFKC with all whitespace removed: how extracted PDF text is compared with the seeds. */
export function normalizeForComparison(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

const japanese = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}\u3000-\u303f\uff01-\uff60]/u;

/**
 * The Japanese characters of a text that stand outside parentheses, `(…)` or `（…）`, nested or not.
 *
 * @example
 * japaneseOutsideParentheses('Tokyo Job Site (東商ジョブサイト)'); // ''
 * japaneseOutsideParentheses('the 東商 newspaper');                  // '東商'
 */
export function japaneseOutsideParentheses(text: string): string {
  let depth = 0;
  let found = '';
  for (const char of text) {
    if (char === '(' || char === '（') depth += 1;
    else if ((char === ')' || char === '）') && depth > 0) depth -= 1;
    else if (depth === 0 && japanese.test(char)) found += char;
  }
  return found;
}
