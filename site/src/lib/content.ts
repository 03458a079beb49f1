import { getCollection } from 'astro:content';
import { compareEntries, defaultLocale, entrySchemas, locales, type CollectionKey, type Locale } from '@tcci/schemas';
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
});

/** The edition of an entry of any collection (every entry has one). */
const ofEdition = z.object({ edition: z.number().int() });

/** Every edition's entries of a collection in one locale, typed by the content model, each with its edition. */
async function allEntries<K extends CollectionKey>(
  key: K,
  locale: Locale,
): Promise<(PlanRecord<K> & { edition: number })[]> {
  // getCollection's type per collection comes from the generated content types; each record is parsed below.
  const read: (collection: CollectionKey) => Promise<{ data: unknown }[]> = getCollection;
  const items = await read(key);
  return items
    .map(({ data }) => stored.parse(data))
    .filter((record) => record.locale === locale)
    .map((record) => ({
      ...record,
      key,
      edition: ofEdition.parse(record.entry).edition,
      entry: entrySchemas[key].parse(record.entry),
    }));
}

/**
 * The editions the site shows, by fiscal year: those whose annual plan the CMS serves (published;
 * in a preview, the drafts too). The last is the current edition.
 */
export async function planEditions(): Promise<number[]> {
  const plans = await allEntries('annualPlan', defaultLocale);
  return [...new Set(plans.map((plan) => plan.edition))].sort((a, b) => a - b);
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
  return (await allEntries(key, locale))
    .filter((record) => record.edition === year)
    .map(({ edition: _, ...record }): PlanRecord<K> => record)
    .sort((a, b) => compareEntries(a.entry, b.entry));
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
  const records = await allEntries(key, locale);
  const years = records.filter((record) => 'slug' in record.entry && record.entry.slug === slug).map((r) => r.edition);
  return [...new Set(years)].sort((a, b) => a - b);
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
export async function editionChanges(
  locale: Locale,
  edition: number,
): Promise<{ previous: number; changes: EditionChanges } | undefined> {
  const previous = await previousEdition(edition);
  if (previous === undefined) return undefined;
  return {
    previous,
    changes: compareEditions(await editionData(locale, previous), await editionData(locale, edition)),
  };
}
