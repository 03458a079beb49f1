import { z } from 'zod';
import { integer, type Fields } from './fields.ts';
import { checkSeedEntry, seedEntryShape, type SeedState } from './seed.ts';

export interface CollectionDef<K extends string = string, F extends Fields = Fields> {
  /** The name used in code, GraphQL and the site (`branch`, `branchCluster`). */
  readonly key: K;
  /**
   * `collection`: a list of entries in every edition; `single`: exactly one entry in every edition
   * (both are Strapi collection types: every entry belongs to the edition its `edition` names).
   */
  readonly kind: 'collection' | 'single';
  /** Strapi's names: kebab-case, as in `cms/src/api/<singularName>/`. */
  readonly singularName: string;
  readonly pluralName: string;
  readonly displayName: string;
  readonly description: string;
  /** The seed file under `seeds/`. */
  readonly seedFile: string;
  readonly fields: F;
}

export function defineCollection<const K extends string, F extends Fields>(def: CollectionDef<K, F>) {
  return def;
}

/**
 * The edition an entry belongs to: the fiscal year of its plan. Every entry of every collection has
 * it (the annual plan's entry is the edition itself). Seed files do not write it: the folder they
 * are in (`seeds/2021/`) names it.
 */
export const editionField = integer('Edition (fiscal year)', {
  min: 2000,
  max: 2100,
  description:
    "The fiscal year of the plan this entry belongs to. The year's plan is public once its annual plan is published.",
});

export { changeKinds, editionFieldName, type ChangeKind } from './values.ts';
export { workflowFields, type WorkflowFieldName } from './workflow.ts';

type SeedShape<F extends Fields> = { [N in keyof F]: F[N]['seed'] };
type EntryShape<F extends Fields> = { [N in keyof F]: F[N]['entry'] };

function shapeOf<F extends Fields, P extends 'seed' | 'entry'>(fields: F, part: P) {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field[part]]));
}

/**
 * Schema of one entry as a seed file holds it: every locale side by side, relations as slugs, and
 * optionally `status` and `draft` for what is not published (see `seed.ts`). A published entry must
 * have every required field in every locale; a draft may be incomplete.
 *
 * The type is that of a published, complete entry (what the project's seeds hold), plus the two
 * optional keys: where `status` says a locale is missing or a draft, or a list is shorter in one
 * locale, that locale's texts are absent, which the type does not show.
 */
export function seedEntrySchema<F extends Fields>(collection: CollectionDef<string, F>) {
  const schema = z
    .strictObject(seedEntryShape(collection))
    .superRefine((entry, ctx) => checkSeedEntry(collection, entry, ctx));
  return schema as unknown as z.ZodType<z.infer<z.ZodObject<SeedShape<F>>> & SeedState>;
}

/**
 * Schema of one entry in one locale, as the site reads it from the CMS. Private fields (editors'
 * notes) are optional, so their absence from the public API parses.
 */
export function entrySchema<F extends Fields>(collection: CollectionDef<string, F>) {
  return z.object({ ...(shapeOf(collection.fields, 'entry') as EntryShape<F>), edition: editionField.entry });
}

/** The names of a collection's localised fields. */
export function localizedFieldNames(collection: CollectionDef): string[] {
  return Object.entries(collection.fields)
    .filter(([, field]) => field.localized)
    .map(([name]) => name);
}
