import {
  collections,
  entryVersions,
  locales,
  type CollectionDef,
  type CollectionKey,
  type Locale,
} from '@tcci/schemas';
import { loadEditions, type EditionSeeds } from '@tcci/seeds';
import { planRecords, type PlanRecord, type ReadOptions } from './source.ts';

/**
 * A collection's records read from the seed files instead of a CMS, every edition's: the versions the seed import
 * would create (published, or the drafts with `drafts`), merged per locale as the CMS source does.
 * For type-checking (`astro check` syncs the content collections) and unit tests only; builds read a
 * real CMS, whose behaviour the seeds do not stand in for.
 */
export function seedCollection<K extends CollectionKey>(
  key: K,
  options: ReadOptions = {},
  editions: EditionSeeds[] = loadEditions(),
): PlanRecord<K>[] {
  const collection: CollectionDef = collections[key];
  const byLocale = new Map<Locale, Record<string, unknown>[]>(locales.map((locale) => [locale, []]));
  for (const { edition, seeds } of editions) {
    for (const entry of seeds[key]) {
      const versions = entryVersions(collection, entry);
      for (const locale of locales) {
        const version = options.drafts ? versions[locale]?.draft : versions[locale]?.published;
        if (version) byLocale.get(locale)?.push({ edition, ...version });
      }
    }
  }
  return planRecords(key, (locale) => byLocale.get(locale) ?? []);
}
