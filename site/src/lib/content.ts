import { getCollection } from 'astro:content';
import { compareEntries, entrySchemas, locales, type CollectionKey, type Locale } from '@tcci/schemas';
import { z } from 'zod';
import type { PlanRecord } from './source.ts';

const stored = z.object({
  key: z.string(),
  locale: z.enum(locales),
  entry: z.unknown(),
  untranslated: z.array(z.string()),
});

/**
 * The entries of a collection in one locale, typed by the content model and in their order.
 * (The loader stores what it parsed; reading parses again, which types it without a cast.)
 */
export async function planEntries<K extends CollectionKey>(key: K, locale: Locale): Promise<PlanRecord<K>[]> {
  // getCollection's type per collection comes from the generated content types; each record is parsed below.
  const read: (collection: CollectionKey) => Promise<{ data: unknown }[]> = getCollection;
  const items = await read(key);
  return items
    .map(({ data }) => stored.parse(data))
    .filter((record) => record.locale === locale)
    .map((record): PlanRecord<K> => ({ ...record, key, entry: entrySchemas[key].parse(record.entry) }))
    .sort((a, b) => compareEntries(a.entry, b.entry));
}

/** The entry of a single type in one locale. */
export async function planSingle<K extends CollectionKey>(key: K, locale: Locale): Promise<PlanRecord<K>> {
  const [record] = await planEntries(key, locale);
  if (!record) throw new Error(`The CMS has no ${key} in ${locale}.`);
  return record;
}
