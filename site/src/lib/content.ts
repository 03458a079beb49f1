import { getCollection } from 'astro:content';
import {
  compareEntries,
  defaultLocale,
  entryPageCollection,
  entrySchemas,
  locales,
  pageCollections,
  type CollectionKey,
  type Locale,
  changeKinds,
  type Page,
} from '@tcci/schemas';
import { z } from 'zod';
import {
  compareEditions,
  type EditionChanges,
  type EditionData,
  type EditionSide,
  type FocusCollection,
} from './changes.ts';
import type { PlanRecord } from './source.ts';

const stored = z.object({
  key: z.string(),
  locale: z.enum(locales),
  entry: z.unknown(),
  untranslated: z.array(z.string()),
  updatedAt: z.iso.datetime({ offset: true }).optional(),
  reviewSince: z.iso.datetime({ offset: true }).optional(),
  change: z.object({ note: z.string(), kind: z.enum(changeKinds), at: z.iso.datetime({ offset: true }) }).optional(),
});

/** The edition of an entry of any collection (every entry has one). */
const ofEdition = z.object({ edition: z.number().int() });

/**
 * What a build has read once, by what it read: the content does not change while a build runs, and
 * every page asks for the same collections again (with ten editions, parsing them anew for each page
 * was most of a page's time). The dev server reads afresh, as its content may change under it.
 */
const memo = new Map<string, Promise<unknown>>();
function once<T>(key: string, read: () => Promise<T>): Promise<T> {
  if (import.meta.env.DEV) return read();
  let found = memo.get(key) as Promise<T> | undefined;
  if (!found) memo.set(key, (found = read()));
  return found;
}

/**
 * Every edition's entries of a collection in one locale, typed by the content model, by edition
 * and in their order.
 */
function allEntries<K extends CollectionKey>(key: K, locale: Locale): Promise<Map<number, PlanRecord<K>[]>> {
  return once(`entries/${key}/${locale}`, async () => {
    // getCollection's type per collection comes from the generated content types; each record is parsed below.
    const read: (collection: CollectionKey) => Promise<{ data: unknown }[]> = getCollection;
    const items = await read(key);
    const byEdition = new Map<number, PlanRecord<K>[]>();
    for (const { data } of items) {
      const record = stored.parse(data);
      if (record.locale !== locale) continue;
      const edition = ofEdition.parse(record.entry).edition;
      const parsed: PlanRecord<K> = { ...record, key, entry: entrySchemas[key].parse(record.entry) };
      byEdition.set(edition, [...(byEdition.get(edition) ?? []), parsed]);
    }
    for (const records of byEdition.values()) records.sort((a, b) => compareEntries(a.entry, b.entry));
    return byEdition;
  });
}

/**
 * The editions the site shows, by fiscal year: those whose annual plan the CMS serves (published;
 * in a preview, the drafts too). The last is the current edition.
 */
export async function planEditions(): Promise<number[]> {
  const plans = await allEntries('annualPlan', defaultLocale);
  return [...plans.keys()].sort((a, b) => a - b);
}

/** The current edition: the latest the site shows. */
export async function currentEdition(): Promise<number> {
  const editions = await planEditions();
  const current = editions.at(-1);
  if (current === undefined) throw new Error('The CMS serves no edition of the plan: no annual plan is published.');
  return current;
}

/**
 * The entries of a collection in one edition (the current one unless named) and one locale, typed
 * by the content model and in their order. (The loader stores what it parsed; reading parses again,
 * which types it without a cast.)
 */
export async function planEntries<K extends CollectionKey>(
  key: K,
  locale: Locale,
  edition?: number,
): Promise<PlanRecord<K>[]> {
  const year = edition ?? (await currentEdition());
  return (await allEntries(key, locale)).get(year) ?? [];
}

/** The latest of some update times (ISO 8601, all in UTC as the CMS gives them), if any. */
const latest = (records: readonly { updatedAt?: string | undefined }[]) =>
  records
    .map((record) => record.updatedAt)
    .filter((time): time is string => time !== undefined)
    .sort()
    .at(-1);

/**
 * When the CMS last changed what a page of an edition shows (`path` as pagePath gives it: `plan`,
 * `initiatives/<slug>`): the latest update of the entries of the collections on it, or of the one
 * entry an entry page shows, and of the annual plan. None where the source keeps no dates (the
 * seeds): a date is never made up.
 */
export async function pageUpdatedAt(locale: Locale, edition: number, path: string): Promise<string | undefined> {
  return latest(await pageRecords(locale, edition, path));
}

/** The records a page of an edition shows (see pageUpdatedAt). */
async function pageRecords(locale: Locale, edition: number, path: string): Promise<PlanRecord[]> {
  const [page = '', slug] = path.split('/') as [Page, string | undefined];
  const entryKey = slug === undefined ? undefined : entryPageCollection(page);
  const keys: CollectionKey[] = entryKey ? ['annualPlan'] : pageCollections(page);
  const records: PlanRecord[] = (await Promise.all(keys.map((key) => planEntries(key, locale, edition)))).flat();
  if (entryKey)
    records.push(
      ...(await planEntries(entryKey, locale, edition)).filter((r) => 'slug' in r.entry && r.entry.slug === slug),
    );
  return records;
}

/**
 * On a translated page: when the Japanese of what it shows last changed since the translation was
 * edited (the latest of its records' review marks), or undefined while the translation is in step.
 */
export async function pageReviewSince(locale: Locale, edition: number, path: string): Promise<string | undefined> {
  if (locale === defaultLocale) return undefined;
  return (await pageRecords(locale, edition, path))
    .map((record) => record.reviewSince)
    .filter((time): time is string => time !== undefined)
    .sort()
    .at(-1);
}

/** A published change note of an entry, where it is on the site. */
export interface PlanUpdate {
  key: CollectionKey;
  edition: number;
  slug?: string;
  /** What the entry is called (its name, title or text), as the site shows it. */
  title: string;
  /** The language of the title: the default locale's where the translation is still missing. */
  titleLocale: Locale;
  /** The note, as the editor wrote it. */
  note: string;
  /** When the note was first published (ISO 8601). */
  at: string;
}

/** What names an entry: the first of its name, title, text, summary or heading, and in which language. */
function entryTitle(record: PlanRecord): { title: string; titleLocale: Locale } {
  const entry = record.entry as Record<string, unknown>;
  for (const name of ['name', 'title', 'text', 'summary', 'heading']) {
    const value = entry[name];
    if (typeof value === 'string')
      return { title: value, titleLocale: record.untranslated.includes(name) ? defaultLocale : record.locale };
  }
  return { title: '', titleLocale: record.locale };
}

/** The major change notes published in one locale, every edition's, the newest first. */
export function planUpdates(locale: Locale): Promise<PlanUpdate[]> {
  return once(`updates/${locale}`, async () => {
    const found: PlanUpdate[] = [];
    for (const key of Object.keys(entrySchemas) as CollectionKey[])
      for (const [edition, records] of await allEntries(key, locale))
        for (const record of records)
          if (record.change?.kind === 'major')
            found.push({
              key,
              edition,
              ...('slug' in record.entry ? { slug: String(record.entry.slug) } : {}),
              ...entryTitle(record),
              note: record.change.note,
              at: record.change.at,
            });
    return found.sort((a, b) => b.at.localeCompare(a.at) || a.key.localeCompare(b.key));
  });
}

/** When the CMS last changed anything of an edition in one locale (see pageUpdatedAt). */
export function editionUpdatedAt(locale: Locale, edition: number): Promise<string | undefined> {
  // The same for every page of the edition, which each asks for it: worked out once per build.
  return once(`updated/${locale}/${edition}`, () => pageUpdatedAt(locale, edition, 'print'));
}

/** The entry of a single type in one edition (the current one unless named) and one locale. */
export async function planSingle<K extends CollectionKey>(
  key: K,
  locale: Locale,
  edition?: number,
): Promise<PlanRecord<K>> {
  const year = edition ?? (await currentEdition());
  const [record] = await planEntries(key, locale, year);
  if (!record) throw new Error(`The CMS has no ${key} of fiscal ${year} in ${locale}.`);
  return record;
}

/** The editions (by fiscal year) in which a collection has an entry of this slug, in one locale. */
export async function editionsWith(key: CollectionKey, locale: Locale, slug: string): Promise<number[]> {
  const byEdition = await allEntries(key, locale);
  const years = [...byEdition].filter(([, records]) =>
    records.some((record) => 'slug' in record.entry && record.entry.slug === slug),
  );
  return years.map(([year]) => year).sort((a, b) => a - b);
}

/** The edition the site shows before this one (an earlier fiscal year), if any. */
export async function previousEdition(edition: number): Promise<number | undefined> {
  return (await planEditions()).filter((year) => year < edition).at(-1);
}

/** The editions that have a previous edition to be compared with: those with a page of changes. */
export async function editionsWithChanges(): Promise<number[]> {
  return (await planEditions()).slice(1);
}

async function editionData(locale: Locale, edition: number): Promise<EditionData> {
  const side = async <K extends 'initiative' | FocusCollection>(key: K): Promise<EditionSide<K>> => ({
    ja: await planEntries(key, defaultLocale, edition),
    shown: await planEntries(key, locale, edition),
  });
  return {
    initiative: await side('initiative'),
    focus: {
      division: await side('division'),
      committee: await side('committee'),
      association: await side('association'),
      branch: await side('branch'),
    },
  };
}

/**
 * What changed in an edition since the previous one the site shows, in a locale; undefined for
 * the first edition.
 */
export function editionChanges(
  locale: Locale,
  edition: number,
): Promise<{ previous: number; changes: EditionChanges } | undefined> {
  // The edition's home page and its page of changes both show them: compared once.
  return once(`changes/${locale}/${edition}`, async () => {
    const previous = await previousEdition(edition);
    if (previous === undefined) return undefined;
    return {
      previous,
      changes: compareEditions(await editionData(locale, previous), await editionData(locale, edition)),
    };
  });
}
