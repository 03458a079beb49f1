import { z } from 'zod';
import { locales, type Locale } from './locales.ts';

/**
 * How a field is stored in Strapi. The vocabulary is Strapi's own attribute types, so a content type's
 * schema.json can be generated from (and checked against) the model without a translation table.
 */
export type Attribute =
  | { type: 'string' }
  | { type: 'text' }
  | { type: 'uid' }
  | { type: 'integer'; min?: number; max?: number }
  | { type: 'decimal'; min?: number }
  | { type: 'boolean'; default: boolean }
  | { type: 'datetime' }
  | { type: 'enumeration'; enum: readonly string[] }
  /** A repeatable list of text items (a Strapi repeatable component with one text field). */
  | { type: 'itemList' }
  | {
      type: 'relation';
      cardinality: 'one' | 'many';
      target: string;
      /** The field that points back on the target, if the relation is two-way. */
      inverse?: string;
    };

/**
 * One field of the content model.
 *
 * `seed` validates the field as a seed file holds it (localised fields carry every locale side by side);
 * `entry` validates it as the CMS serves it for one locale (relations as slugs).
 */
export interface Field<Seed extends z.ZodType = z.ZodType, Entry extends z.ZodType = z.ZodType> {
  readonly seed: Seed;
  readonly entry: Entry;
  /**
   * One value, without the completeness `seed` asks of a published entry: for a localised field one
   * locale's value (one item's text, for a list), for a shared field the value itself. The seed
   * format checks drafts and partly translated entries with it (see `seedEntrySchema`).
   */
  readonly value: z.ZodType;
  /** Localised fields hold one value per locale; all others are shared by every locale. */
  readonly localized: boolean;
  readonly required: boolean;
  /** Kept from the public API (editors' notes). */
  readonly private: boolean;
  /**
   * Reset when next year's edition is started from this one: a flag that is relative to the year
   * (新, new this year), not carried over.
   */
  readonly resetInNewEdition?: boolean;
  readonly attribute: Attribute;
  /** The name editors see in the CMS. */
  readonly label: string;
  readonly description?: string;
}

export type Fields = Record<string, Field>;

interface Options {
  description?: string;
}

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** `{ ja: V, en: V }`: one value per locale, every locale required. */
function perLocale<V extends z.ZodType>(value: V) {
  const shape = Object.fromEntries(locales.map((l) => [l, value])) as Record<Locale, V>;
  return z.strictObject(shape);
}

function make<S extends z.ZodType, E extends z.ZodType>(
  field: Omit<Field<S, E>, 'required' | 'private' | 'value'> & { private?: boolean; value?: z.ZodType },
) {
  return { required: true, private: false, value: field.seed, ...field } as Field<S, E>;
}

/** Marks a field optional: it may be absent from a seed and null in the CMS. */
export function optional<S extends z.ZodType, E extends z.ZodType>(field: Field<S, E>) {
  return { ...field, required: false, seed: field.seed.optional(), entry: field.entry.nullish() };
}

/** Localised short text (a title or a name). */
export function title(label: string, options: Options = {}) {
  return make({
    ...options,
    label,
    localized: true,
    attribute: { type: 'string' },
    seed: perLocale(nonEmpty),
    value: nonEmpty,
    entry: nonEmpty,
  });
}

/** Localised running text (a paragraph). */
export function text(label: string, options: Options = {}) {
  return make({
    ...options,
    label,
    localized: true,
    attribute: { type: 'text' },
    seed: perLocale(nonEmpty),
    value: nonEmpty,
    entry: nonEmpty,
  });
}

/** A localised list of text items; in a seed, each item holds its locales side by side. */
export function itemList(label: string, options: Options = {}) {
  return make({
    ...options,
    label,
    localized: true,
    attribute: { type: 'itemList' },
    seed: z.array(perLocale(nonEmpty)).min(1, 'must have at least one item'),
    value: nonEmpty,
    entry: z.array(nonEmpty).min(1, 'must have at least one item'),
  });
}

/** What a slug may be: lowercase letters and digits, in words joined by single hyphens. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The entry's stable identifier in URLs and relations, shared by every locale. */
export function slug() {
  const value = z.string().regex(slugPattern, 'must be lowercase letters, digits and single hyphens');
  return make({
    label: 'Slug',
    description:
      'Identifier used in links; lowercase letters, digits and hyphens. Changing it changes the page address.',
    localized: false,
    attribute: { type: 'uid' },
    seed: value,
    entry: value,
  });
}

/** A whole number shared by every locale. */
export function integer(label: string, options: Options & { min?: number; max?: number } = {}) {
  const { min, max, ...rest } = options;
  let value = z.number().int('must be a whole number');
  if (min !== undefined) value = value.min(min, `must be at least ${min}`);
  if (max !== undefined) value = value.max(max, `must be at most ${max}`);
  return make({
    ...rest,
    label,
    localized: false,
    attribute: { type: 'integer', min, max },
    seed: value,
    entry: value,
  });
}

/** The position of an entry in its list (1 = first), shared by every locale. */
export function order(description = 'Position in the list, 1 first.') {
  return integer('Order', { description, min: 1 });
}

/** A decimal number shared by every locale. */
export function decimal(label: string, options: Options & { min?: number } = {}) {
  const { min, ...rest } = options;
  const value = min === undefined ? z.number() : z.number().min(min, `must be at least ${min}`);
  return make({ ...rest, label, localized: false, attribute: { type: 'decimal', min }, seed: value, entry: value });
}

/** A yes/no flag shared by every locale; `resetInNewEdition` for one that is relative to the year. */
export function flag(label: string, options: Options & { resetInNewEdition?: boolean } = {}) {
  return make({
    ...options,
    label,
    localized: false,
    attribute: { type: 'boolean', default: false },
    seed: z.boolean(),
    entry: z.boolean(),
  });
}

/** A moment (an ISO 8601 date and time) shared by every locale; set by the CMS, not typed by editors. */
export function moment(label: string, options: Options = {}) {
  const value = z.iso.datetime({ offset: true });
  return optional(
    make({ ...options, label, localized: false, attribute: { type: 'datetime' }, seed: value, entry: value }),
  );
}

/** One of a fixed set of values, shared by every locale. */
export function choice<const V extends readonly [string, ...string[]]>(
  label: string,
  values: V,
  options: Options = {},
) {
  return make({
    ...options,
    label,
    localized: false,
    attribute: { type: 'enumeration', enum: values },
    seed: z.enum(values),
    entry: z.enum(values),
  });
}

/** An editors' note (why an entry reads as it does); shared, optional and never published. */
export function note() {
  return optional(
    make({
      label: 'Editorial note',
      description: 'Why this entry reads as it does (decisions taken when the plan was entered). Not published.',
      localized: false,
      private: true,
      attribute: { type: 'text' },
      seed: nonEmpty,
      entry: nonEmpty,
    }),
  );
}

/** A link to one entry of another collection, by slug; shared by every locale. */
export function relationOne(label: string, target: string, options: Options & { inverse?: string } = {}) {
  const { inverse, ...rest } = options;
  return make({
    ...rest,
    label,
    localized: false,
    attribute: { type: 'relation', cardinality: 'one', target, inverse },
    seed: z.string().regex(slugPattern, 'must be the slug of an entry'),
    entry: z.string(),
  });
}

/** Links to entries of another collection, by slug; shared by every locale. */
export function relationMany(
  label: string,
  target: string,
  options: Options & { inverse?: string; min?: number } = {},
) {
  const { inverse, min = 0, ...rest } = options;
  const slugs = z.array(z.string().regex(slugPattern, 'must be the slug of an entry'));
  const unique = (list: string[]) => new Set(list).size === list.length;
  return make({
    ...rest,
    label,
    localized: false,
    attribute: { type: 'relation', cardinality: 'many', target, inverse },
    seed: (min > 0 ? slugs.min(min, `must link at least ${min}`) : slugs).refine(
      unique,
      'must not link the same entry twice',
    ),
    // A draft may link fewer than `min`.
    value: slugs.refine(unique, 'must not link the same entry twice'),
    entry: z.array(z.string()),
  });
}
