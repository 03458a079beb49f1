// What the search page does with a query and with Pagefind's answers, apart from the page itself
// (search-page.ts), so that it is tested on its own.

/**
 * The forms of a query to look up. Readers type full-width (ＤＸ, ２０２１) or half-width
 * (ﾃﾚﾜｰｸ) characters where the plan prints the other form; NFKC folds both to the usual one
 * (DX, 2021, テレワーク). The plan itself prints some numbers full-width (２０２１年度), so a query
 * with ASCII letters or digits is also looked up with those in full width.
 *
 * @example
 * queryForms('ﾃﾚﾜｰｸ'); // ['テレワーク']
 * queryForms('２０２０'); // ['2020', '２０２０']
 */
export function queryForms(query: string): string[] {
  const folded = query.normalize('NFKC').replace(/\s+/gu, ' ').trim();
  if (!folded) return [];
  const wide = folded.replace(/[0-9A-Za-z]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  return wide === folded ? [folded] : [folded, wide];
}

/** A result of one search: Pagefind's id and score, and a way to read the page's data. */
export interface Found<T> {
  id: string;
  score: number;
  data: () => Promise<T>;
}

/** The results of several forms of one query as one list: each page once, at its best score. */
export function mergeResults<T>(lists: readonly (readonly Found<T>[])[]): Found<T>[] {
  const best = new Map<string, Found<T>>();
  for (const list of lists)
    for (const result of list) {
      const seen = best.get(result.id);
      if (!seen || result.score > seen.score) best.set(result.id, result);
    }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

/** A piece of an excerpt: text, highlighted where it matched the query. */
export interface ExcerptPart {
  text: string;
  mark: boolean;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (html: string) =>
  html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });

/**
 * Pagefind's excerpt (escaped text with `<mark>` around the matches) as text pieces, so the page
 * writes it as text: nothing in an excerpt becomes markup but the highlight. The zero-width spaces
 * Pagefind puts between the Japanese words it found go: they are its, not the plan's.
 */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let mark = false;
  for (const piece of excerpt.split(/(<\/?mark>)/u)) {
    if (piece === '<mark>') mark = true;
    else if (piece === '</mark>') mark = false;
    else if (piece) {
      const text = decode(piece.replace(/<[^>]*>/gu, '')).replaceAll('\u200b', '');
      const last = parts.at(-1);
      if (last && last.mark === mark) last.text += text;
      else parts.push({ text, mark });
    }
  }
  return parts;
}
