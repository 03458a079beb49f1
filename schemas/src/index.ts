import type { z } from 'zod';
import { entrySchema, seedEntrySchema, type CollectionDef } from './collection.ts';
import { collections, type CollectionKey, type Collections } from './model.ts';

export * from './locales.ts';
export * from './fields.ts';
export * from './collection.ts';
export * from './seed.ts';
export * from './workflow.ts';
export * from './model.ts';
export * from './strapi.ts';
export * from './graphql.ts';
export * from './pages.ts';
export * from './preview-link.ts';
export * from './webhook.ts';
export * from './labels.ts';
export * from './build-status.ts';

type SeedSchemas = { [K in CollectionKey]: ReturnType<typeof seedEntrySchema<Collections[K]['fields']>> };
type EntrySchemas = { [K in CollectionKey]: ReturnType<typeof entrySchema<Collections[K]['fields']>> };

// The mapped types above name each collection's schema precisely; building them in a loop loses
// that precision, hence the one cast per table.
function byCollection<T>(make: (collection: CollectionDef) => T): unknown {
  return Object.fromEntries(Object.entries(collections).map(([key, collection]) => [key, make(collection)]));
}

/** Per collection: the schema of one entry in a seed file (all locales side by side). */
export const seedSchemas = byCollection(seedEntrySchema) as SeedSchemas;

/** Per collection: the schema of one entry in one locale, as the CMS serves it. */
export const entrySchemas = byCollection(entrySchema) as EntrySchemas;

/** One entry of collection K as a seed file holds it. */
export type SeedEntry<K extends CollectionKey> = z.infer<SeedSchemas[K]>;
/** One entry of collection K in one locale. */
export type Entry<K extends CollectionKey> = z.infer<EntrySchemas[K]>;

export type { InitiativeCategory, InitiativeColumn } from './values.ts';
