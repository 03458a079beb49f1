// What changed from one edition of the plan to the next, computed from the CMS's data alone: the
// initiatives added, dropped and changed (their words compared with jsdiff, segmented into words by
// the locale's Intl.Segmenter, which Japanese needs: it has no spaces), and the focus items added and
// removed per division, committee, association and branch. An entry is recognised across editions by
// its slug. Whether something changed is decided on the Japanese, the plan's own text, so that both
// languages count the same changes; the words shown are the page's language, where it has them.
import { diffWords } from 'diff';
import { defaultLocale, type CollectionKey, type Entry, type Locale } from '@tcci/schemas';
import type { PlanRecord } from './source.ts';

/** A text as shown, with the language it is written in (Japanese where it is not translated). */
export interface Shown {
  text: string;
  lang: Locale;
}

/** A run of words of a compared text: kept, or only in the new text, or only in the old. */
export interface DiffPart {
  value: string;
  change?: 'added' | 'removed';
}

/** Both languages of one entry in one edition: the Japanese, on which changes are decided, and the page's. */
export interface Pair<K extends CollectionKey> {
  ja: PlanRecord<K>;
  shown: PlanRecord<K>;
}

export interface InitiativeChange {
  slug: string;
  /** The initiative in the new edition. */
  current: Pair<'initiative'>;
  /** Its text, word by word, where it changed. */
  text?: {
    parts: DiffPart[];
    lang: Locale;
    /** The Japanese changed and the page's language has not followed (yet): the parts are the Japanese. */
    translationPending: boolean;
  };
  column?: { from: Entry<'initiative'>['column']; to: Entry<'initiative'>['column'] };
  category?: { from: Entry<'initiative'>['category']; to: Entry<'initiative'>['category'] };
  /** Marked 新 this year though it was there last year (新 is relative to the year, so losing it is no change). */
  markedNew?: true;
}

/** The collections whose entries list focus items for the year. */
export const focusCollections = ['division', 'committee', 'association', 'branch'] as const;
export type FocusCollection = (typeof focusCollections)[number];

export interface FocusChange {
  key: FocusCollection;
  slug: string;
  name: Shown;
  /** New in this edition, dropped from it (its items are the last edition's), or with items added or removed. */
  state: 'added' | 'dropped' | 'changed';
  added: Shown[];
  removed: Shown[];
}

export interface EditionChanges {
  initiatives: {
    added: Pair<'initiative'>[];
    dropped: Pair<'initiative'>[];
    changed: InitiativeChange[];
  };
  focus: FocusChange[];
}

/** One collection of one edition, in Japanese and in the page's language. */
export interface EditionSide<K extends CollectionKey> {
  ja: PlanRecord<K>[];
  shown: PlanRecord<K>[];
}

type WithSlug = CollectionKey & ('initiative' | FocusCollection);

/** The entries of an edition by slug, each with its Japanese and its page-language record. */
function pairs<K extends WithSlug>(side: EditionSide<K>): Map<string, Pair<K>> {
  // Every collection compared has a slug; the generic entry type does not say so.
  const slugOf = (record: PlanRecord<K>) => (record.entry as { slug: string }).slug;
  const shown = new Map(side.shown.map((record) => [slugOf(record), record]));
  return new Map(side.ja.map((ja): [string, Pair<K>] => [slugOf(ja), { ja, shown: shown.get(slugOf(ja)) ?? ja }]));
}

/** Whether a record's field is in its own language (not the Japanese shown in its place). */
const translated = (record: PlanRecord, field: string) => !record.untranslated.includes(field);

const segmenters = new Map<Locale, Intl.Segmenter>();
function segmenter(locale: Locale): Intl.Segmenter {
  let found = segmenters.get(locale);
  if (!found) segmenters.set(locale, (found = new Intl.Segmenter(locale, { granularity: 'word' })));
  return found;
}

/**
 * Two texts compared word by word.
 *
 * @example
 * wordDiff('北区と連携し事業を展開', '北区と連携し事業を継続', 'ja');
 * // [{ value: '北区と連携し事業を' }, { value: '展開', change: 'removed' }, { value: '継続', change: 'added' }]
 */
export function wordDiff(before: string, after: string, locale: Locale): DiffPart[] {
  return diffWords(before, after, { intlSegmenter: segmenter(locale) }).map((part) =>
    part.added
      ? { value: part.value, change: 'added' }
      : part.removed
        ? { value: part.value, change: 'removed' }
        : { value: part.value },
  );
}

function compareInitiative(before: Pair<'initiative'>, after: Pair<'initiative'>): InitiativeChange | undefined {
  const change: InitiativeChange = { slug: after.ja.entry.slug, current: after };
  const old = before.ja.entry;
  const now = after.ja.entry;
  if (old.column !== now.column) change.column = { from: old.column, to: now.column };
  if (old.category !== now.category) change.category = { from: old.category, to: now.category };
  if (now.isNew && !old.isNew) change.markedNew = true;
  const shownChanged = before.shown.entry.text !== after.shown.entry.text;
  if (old.text !== now.text || shownChanged) {
    // The page's language where both editions have it and it changed; the Japanese otherwise.
    const inPageLanguage =
      shownChanged && translated(before.shown, 'text') && translated(after.shown, 'text') && after.shown.locale;
    change.text = inPageLanguage
      ? {
          parts: wordDiff(before.shown.entry.text, after.shown.entry.text, inPageLanguage),
          lang: inPageLanguage,
          translationPending: false,
        }
      : {
          parts: wordDiff(old.text, now.text, defaultLocale),
          lang: defaultLocale,
          translationPending: after.shown.locale !== defaultLocale,
        };
  }
  const changed = change.column || change.category || change.markedNew || change.text;
  return changed ? change : undefined;
}

/**
 * The focus items of one entry that one edition has and the other has not, compared on the
 * Japanese and shown in the page's language (the item at the same place), as often as they occur.
 */
function itemsOnlyIn(from: Pair<FocusCollection>, other: Pair<FocusCollection> | undefined): Shown[] {
  const remaining = [...(other?.ja.entry.focusItems ?? [])];
  const items: Shown[] = [];
  from.ja.entry.focusItems.forEach((item, index) => {
    const found = remaining.indexOf(item);
    if (found >= 0) {
      remaining.splice(found, 1);
      return;
    }
    const shownItems = from.shown.entry.focusItems;
    const inPageLanguage =
      translated(from.shown, 'focusItems') && shownItems.length === from.ja.entry.focusItems.length;
    items.push(
      inPageLanguage ? { text: shownItems[index]!, lang: from.shown.locale } : { text: item, lang: defaultLocale },
    );
  });
  return items;
}

export interface EditionData {
  initiative: EditionSide<'initiative'>;
  focus: { [K in FocusCollection]: EditionSide<K> };
}

/**
 * The changes from the previous edition to this one.
 *
 * @param previous The previous edition's entries (Japanese and the page's language).
 * @param current This edition's.
 */
export function compareEditions(previous: EditionData, current: EditionData): EditionChanges {
  const before = pairs(previous.initiative);
  const after = pairs(current.initiative);
  const initiatives: EditionChanges['initiatives'] = {
    added: [...after].filter(([slug]) => !before.has(slug)).map(([, pair]) => pair),
    dropped: [...before].filter(([slug]) => !after.has(slug)).map(([, pair]) => pair),
    changed: [...after].flatMap(([slug, pair]) => {
      const old = before.get(slug);
      const change = old && compareInitiative(old, pair);
      return change ? [change] : [];
    }),
  };
  const focus = focusCollections.flatMap((key) => {
    const old = pairs<FocusCollection>(previous.focus[key]);
    const now = pairs<FocusCollection>(current.focus[key]);
    const changes: FocusChange[] = [];
    const nameOf = ({ shown }: Pair<FocusCollection>): Shown => ({
      text: shown.entry.name,
      lang: translated(shown, 'name') ? shown.locale : defaultLocale,
    });
    for (const [slug, pair] of now) {
      const last = old.get(slug);
      const added = itemsOnlyIn(pair, last);
      const removed = last ? itemsOnlyIn(last, pair) : [];
      if (!last || added.length || removed.length)
        changes.push({ key, slug, name: nameOf(pair), state: last ? 'changed' : 'added', added, removed });
    }
    for (const [slug, pair] of old) {
      if (!now.has(slug))
        changes.push({
          key,
          slug,
          name: nameOf(pair),
          state: 'dropped',
          added: [],
          removed: itemsOnlyIn(pair, undefined),
        });
    }
    return changes;
  });
  return { initiatives, focus };
}
