import { z } from 'zod';
import type { CollectionDef } from './collection.ts';
import type { Field } from './fields.ts';
import { locales, type Locale } from './locales.ts';
import { workflowSeedSchema, type WorkflowSeed } from './workflow.ts';

/*
 * The seed format's record of what is published and what is not.
 *
 * An entry's fields hold, per locale, its published version, or its draft where the locale has never
 * been published; shared fields hold the published values (the draft's, if no locale is published).
 * Two optional keys say the rest, and their absence means "every locale published, no unpublished
 * edits", which is what hand-written seeds hold:
 *
 *   status:   per locale, `draft` (only a draft, never published) or `missing` (no version at all);
 *             a locale not named is published.
 *   draft:    the unpublished edits of the published locales: each field whose draft differs from
 *             the published version, with the draft's value (null where the draft has none). For a
 *             localised field only the locales whose draft differs are given; for a list, a locale
 *             is given for its whole list or not at all.
 *
 * A shared field holds one value for every locale. Strapi, though, keeps a copy of it in every locale
 * version (and publishing one locale leaves the others' published copies as they were; links and
 * slugs are set per locale), so where the locales hold different values the field is written per
 * locale, like a localised one (`note: { ja: …, en: … }`), in the fields and in `draft` alike. Only
 * the slug, by which the seeds know an entry, must be one.
 *
 * Completeness (every required field, every published locale) is asked of published versions only:
 * Strapi lets a draft be incomplete, and so does the format. A list may hold fewer items in one
 * locale than in another: the shorter locale's texts are left out of the last items.
 */

/** Where one locale of an entry stands: published (the default), a draft only, or no version at all. */
export const seedStatuses = ['published', 'draft', 'missing'] as const;
export type SeedStatus = (typeof seedStatuses)[number];

/** The optional keys an entry of a seed file may add to its fields. */
// A type, not an interface, so that an entry stays assignable to Record<string, unknown>.
export type SeedState = {
  /** Per locale; a locale not named is published. */
  status?: Partial<Record<Locale, SeedStatus>>;
  /** The drafts' values where they differ from the published versions (null: the draft has none). */
  draft?: Record<string, unknown>;
  /** The editors' workflow (review marks, change notes) per locale, where an export found any (`workflow.ts`). */
  workflow?: Partial<Record<Locale, WorkflowSeed>>;
};

/**
 * One locale version of an entry as plain values: a localised field in that locale (a list as its
 * texts), a shared field as it is, a relation as its slugs. A field without a value is left out; a
 * list or a to-many relation is always there (possibly empty).
 */
export type VersionValues = Record<string, unknown>;

/** An entry's versions in one locale: its published version and its draft, either possibly absent. */
export interface LocaleVersions {
  published?: VersionValues;
  draft?: VersionValues;
}

/** An entry's versions in every locale it has. */
export type EntryVersions = Partial<Record<Locale, LocaleVersions>>;

type Entry = Record<string, unknown>;
type Item = Partial<Record<Locale, string>>;
type Ctx = z.RefinementCtx;

const isList = (field: Field) => field.attribute.type === 'itemList';
const isIdentity = (field: Field) => field.attribute.type === 'uid';
const isObject = (value: unknown): value is Entry =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** Whether a field's value is written per locale: a localised field's always, a shared field's where its locales differ. */
const isPerLocale = (field: Field, value: unknown) => field.localized || isObject(value);

function byLocale(value: z.ZodType) {
  return z.strictObject(Object.fromEntries(locales.map((l) => [l, value])) as Record<Locale, z.ZodType>);
}

const missingMessage = {
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is missing' : undefined),
};

/** A shared field's value: one value, or (where the locales differ) one per locale. */
function oneOrPerLocale(one: z.ZodType, each: z.ZodType) {
  // Not z.union: its error would say "invalid input" where the value's own schema says what is wrong.
  return z.unknown().transform((input, ctx) => {
    const result = (isObject(input) ? byLocale(each) : one).safeParse(input, missingMessage);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue(issue as never);
    return z.NEVER;
  });
}

/** The keys of one entry, checked for type only: every locale optional, completeness checked later. */
export function seedEntryShape(collection: CollectionDef): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  const draft: Record<string, z.ZodType> = {};
  for (const [name, field] of Object.entries(collection.fields)) {
    if (isIdentity(field)) {
      shape[name] = field.value;
      draft[name] = field.value.optional();
    } else if (!field.localized) {
      shape[name] = oneOrPerLocale(field.value, field.value.optional()).optional();
      draft[name] = oneOrPerLocale(field.value.nullable(), field.value.nullable().optional()).optional();
    } else if (isList(field)) {
      const item = byLocale(field.value.optional());
      shape[name] = z.array(item).optional();
      draft[name] = z.array(item).nullable().optional();
    } else {
      shape[name] = byLocale(field.value.optional()).optional();
      draft[name] = byLocale(field.value.nullable().optional()).optional();
    }
  }
  shape.status = byLocale(z.enum(seedStatuses).optional()).optional();
  shape.draft = z.strictObject(draft).optional();
  shape.workflow = workflowSeedSchema;
  return shape;
}

/** Where a locale of an entry stands. */
export function statusOf(entry: SeedState, locale: Locale): SeedStatus {
  return entry.status?.[locale] ?? 'published';
}

const localesIn = (value: unknown): Locale[] =>
  Array.isArray(value)
    ? locales.filter((l) => value.some((item) => isObject(item) && item[l] !== undefined))
    : isObject(value)
      ? locales.filter((l) => value[l] !== undefined)
      : [];

/**
 * Checks a list's items for the given locales: each locale's texts stand in the first items, without
 * a gap (a shorter list leaves its locale out of the last items), and, if `min`, at least one.
 */
function checkList(items: unknown[], listLocales: readonly Locale[], min: boolean, path: PropertyKey[], ctx: Ctx) {
  if (min && items.length === 0) {
    ctx.addIssue({ code: 'custom', path, message: 'must have at least one item' });
    return;
  }
  for (const locale of listLocales) {
    const has = items.map((item) => isObject(item) && item[locale] !== undefined);
    const gap = has.indexOf(false);
    if (gap === -1) continue;
    if ((min && gap === 0) || has.slice(gap).some(Boolean))
      ctx.addIssue({ code: 'custom', path: [...path, gap, locale], message: 'is missing' });
  }
}

/** The entry restricted to the given locales (for checking its published versions). */
function restricted(collection: CollectionDef, entry: Entry, keep: readonly Locale[]): Entry {
  const out: Entry = {};
  const pick = (value: unknown) =>
    isObject(value) ? Object.fromEntries(keep.filter((l) => l in value).map((l) => [l, value[l]])) : value;
  for (const [name, field] of Object.entries(collection.fields)) {
    const value = entry[name];
    if (value === undefined) continue;
    out[name] = !isPerLocale(field, value) ? value : Array.isArray(value) ? value.map(pick) : pick(value);
  }
  return out;
}

/** The schema the entry's published versions must meet: every required field, every published locale. */
function publishedSchema(collection: CollectionDef, published: readonly Locale[], entry: Entry) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, field] of Object.entries(collection.fields)) {
    if (!isPerLocale(field, entry[name])) {
      shape[name] = field.seed;
      continue;
    }
    // A shared field per locale meets its whole schema in each; an optional text may be given in some
    // locales only; a list's locales are checked by checkList.
    const each = !field.localized
      ? field.seed
      : isList(field) || !field.required
        ? field.value.optional()
        : field.value;
    const perLocale = z.strictObject(Object.fromEntries(published.map((l) => [l, each])));
    const schema = isList(field)
      ? z.array(perLocale).superRefine((items, ctx) => checkList(items, published, true, [], ctx))
      : perLocale;
    shape[name] = field.required ? schema : schema.optional();
  }
  return z.object(shape);
}

/**
 * The checks across fields that the seed format asks of one entry (see the top of this module): its
 * published versions complete, no value for a locale it does not have, drafts only where a
 * published version is, and item lists without gaps.
 */
export function checkSeedEntry(collection: CollectionDef, entry: Entry & SeedState, ctx: Ctx): void {
  const status = (l: Locale) => statusOf(entry, l);
  const present = locales.filter((l) => status(l) !== 'missing');
  const published = locales.filter((l) => status(l) === 'published');
  if (present.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['status'], message: 'must leave at least one locale not missing' });
    return;
  }
  if (published.length > 0) {
    const result = publishedSchema(collection, published, entry).safeParse(
      restricted(collection, entry, published),
      missingMessage,
    );
    // The type checks already reported a bad value (zod goes on after them); report each place once.
    const reported = new Set(ctx.issues.map((issue) => JSON.stringify(issue.path ?? [])));
    for (const issue of result.error?.issues ?? [])
      if (!reported.has(JSON.stringify(issue.path)))
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
  const draft = entry.draft;
  for (const [name, field] of Object.entries(collection.fields)) {
    const value = entry[name];
    if (isPerLocale(field, value)) {
      for (const locale of localesIn(value).filter((l) => status(l) === 'missing'))
        ctx.addIssue({
          code: 'custom',
          path: Array.isArray(value) ? [name] : [name, locale],
          message: `holds ${locale}, which status says is missing`,
        });
      // Published locales were checked above; a draft-only locale's list may be empty, not gapped.
      const drafts = present.filter((l) => status(l) === 'draft');
      if (Array.isArray(value)) checkList(value, drafts, false, [name], ctx);
      else if (isObject(value) && localesIn(value).length === 0)
        ctx.addIssue({ code: 'custom', path: [name], message: 'must name a locale (or be left out)' });
    }
    const change = draft?.[name];
    if (change === undefined || change === null || !isPerLocale(field, change)) continue;
    const given = localesIn(change);
    if (given.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['draft', name],
        message: isList(field) ? 'must have at least one item (null: the drafts have none)' : 'must name a locale',
      });
    for (const locale of given.filter((l) => status(l) !== 'published'))
      ctx.addIssue({
        code: 'custom',
        path: Array.isArray(change) ? ['draft', name] : ['draft', name, locale],
        message: `holds ${locale}, which has no published version (its draft is the value above)`,
      });
    if (Array.isArray(change)) checkList(change, given, false, ['draft', name], ctx);
  }
  for (const locale of locales) {
    const workflow = entry.workflow?.[locale];
    if (!workflow) continue;
    if (status(locale) === 'missing')
      ctx.addIssue({
        code: 'custom',
        path: ['workflow', locale],
        message: `holds ${locale}, which status says is missing`,
      });
    else if (workflow.draft && status(locale) !== 'published')
      ctx.addIssue({
        code: 'custom',
        path: ['workflow', locale, 'draft'],
        message: `must be left out: ${locale} has no published version (the values above are its draft’s)`,
      });
  }
  if (draft && published.length === 0)
    ctx.addIssue({
      code: 'custom',
      path: ['draft'],
      message: 'must be left out when no locale is published (the values above are the draft)',
    });
  else if (draft && Object.keys(draft).length === 0)
    ctx.addIssue({ code: 'custom', path: ['draft'], message: 'must hold at least one field' });
}

const clean = (values: VersionValues): VersionValues =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== null));

/** One locale's value of a field in the entry's main values (or in its `draft` block). */
function localeValue(field: Field, value: unknown, locale: Locale): unknown {
  if (isList(field))
    return Array.isArray(value)
      ? (value as Item[]).filter((item) => item[locale] !== undefined).map((i) => i[locale])
      : [];
  return isPerLocale(field, value) ? (isObject(value) ? value[locale] : undefined) : value;
}

function emptyOf(field: Field): unknown {
  return isList(field) || (field.attribute.type === 'relation' && field.attribute.cardinality === 'many')
    ? []
    : undefined;
}

/**
 * An entry of a seed file as the versions it stands for, per locale: what `importSeeds` restores.
 * The inverse of {@link entryFromVersions}.
 */
export function entryVersions(collection: CollectionDef, entry: Entry & SeedState): EntryVersions {
  const versions: EntryVersions = {};
  const draft = entry.draft ?? {};
  for (const locale of locales) {
    const status = statusOf(entry, locale);
    if (status === 'missing') continue;
    const main: VersionValues = {};
    const edited: VersionValues = {};
    for (const [name, field] of Object.entries(collection.fields)) {
      const value = localeValue(field, entry[name], locale) ?? emptyOf(field);
      main[name] = value;
      edited[name] = value;
      const change = draft[name];
      if (change === undefined) continue;
      if (change === null) edited[name] = emptyOf(field);
      else if (!isPerLocale(field, change)) edited[name] = change;
      else if (localesIn(change).includes(locale)) edited[name] = localeValue(field, change, locale) ?? emptyOf(field);
    }
    versions[locale] =
      status === 'published' ? { published: clean(main), draft: clean(edited) } : { draft: clean(edited) };
  }
  return versions;
}

/** The fields an entry writes per locale although the model shares them (its locales differ there). */
export function sharedFieldsPerLocale(collection: CollectionDef, entry: Entry & SeedState): string[] {
  return Object.entries(collection.fields)
    .filter(([name, field]) => !field.localized && (isObject(entry[name]) || isObject(entry.draft?.[name])))
    .map(([name]) => name);
}

/** Whether a relation's target exists in a locale and status (so that a version can link it). */
export type TargetAvailable = (target: string, slug: string, locale: Locale, status: 'published' | 'draft') => boolean;

/** The versions of an entry do not fit the seed format; `problems` name the fields and why. */
export class SeedVersionsError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join('; '));
    this.name = 'SeedVersionsError';
    this.problems = problems;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A sequence of items, each holding the locales whose list reaches it. */
function zipLists(lists: [Locale, string[]][]): Item[] {
  const length = Math.max(0, ...lists.map(([, list]) => list.length));
  return Array.from({ length }, (_, i) =>
    Object.fromEntries(lists.filter(([, list]) => i < list.length).map(([l, list]) => [l, list[i]])),
  );
}

type Source = [Locale, 'published' | 'draft', VersionValues];

/**
 * The one value of a shared field across versions, if they agree. Links agree when they differ only
 * by targets missing in a locale (`available`): the value is then every link, in order.
 */
function agreed(name: string, field: Field, sources: Source[], available: TargetAvailable) {
  const attribute = field.attribute;
  if (attribute.type !== 'relation') {
    const value = sources[0]?.[2][name];
    return { ok: sources.every(([, , values]) => same(values[name], value)), value };
  }
  const lists = sources.map(([, , values]) => {
    const value = values[name];
    return Array.isArray(value) ? (value as string[]) : value === undefined ? [] : [value as string];
  });
  const union = [...new Set(lists.flat())];
  const ok =
    (attribute.cardinality === 'many' || union.length <= 1) &&
    sources.every(([locale, status], i) =>
      same(
        union.filter((slug) => available(attribute.target, slug, locale, status)),
        lists[i],
      ),
    );
  return { ok, value: attribute.cardinality === 'many' ? union : union[0] };
}

/**
 * The versions of an entry (as Strapi holds them) in the seed format: the inverse of
 * {@link entryVersions}. A shared field is written once where its locales agree (a locale does not
 * link a target missing in it: `available`), else per locale. Throws a {@link SeedVersionsError} if
 * the versions do not fit the format (locales that disagree on the slug, a list emptied in one
 * locale's draft only), naming every such field.
 */
export function entryFromVersions(
  collection: CollectionDef,
  versions: EntryVersions,
  available: TargetAvailable = () => true,
): Entry & SeedState {
  const problems: string[] = [];
  const present = locales.filter((l) => versions[l]?.published || versions[l]?.draft);
  if (present.length === 0) throw new SeedVersionsError(['has no version in any locale']);
  const published = present.filter((l) => versions[l]?.published);
  const mainOf = (l: Locale) => (versions[l]!.published ?? versions[l]!.draft)!;
  const draftOf = (l: Locale) => (versions[l]!.draft ?? versions[l]!.published)!;
  const publishedOf = (l: Locale) => versions[l]!.published!;
  const mainSources: Source[] = published.length
    ? published.map((l) => [l, 'published', publishedOf(l)])
    : present.map((l) => [l, 'draft', versions[l]!.draft!]);
  const draftSources: Source[] = present.map((l) => [l, 'draft', draftOf(l)]);

  const entry: Entry & SeedState = {};
  const draft: Entry = {};
  /** Writes a field per locale: each locale's main value, and the drafts that differ. */
  const perLocale = (name: string) => {
    const values = Object.fromEntries(
      present.filter((l) => mainOf(l)[name] !== undefined).map((l) => [l, mainOf(l)[name]]),
    );
    if (Object.keys(values).length > 0) entry[name] = values;
    const changed = Object.fromEntries(
      published.filter((l) => !same(draftOf(l)[name], publishedOf(l)[name])).map((l) => [l, draftOf(l)[name] ?? null]),
    );
    if (Object.keys(changed).length > 0) draft[name] = changed;
  };

  for (const [name, field] of Object.entries(collection.fields)) {
    if (!field.localized) {
      const main = agreed(name, field, mainSources, available);
      const edited = published.length ? agreed(name, field, draftSources, available) : main;
      if (!main.ok || !edited.ok) {
        if (!isIdentity(field)) perLocale(name);
        else {
          const seen = [...mainSources, ...draftSources].map(
            ([l, status, values]) => `${JSON.stringify(values[name] ?? null)} in the ${status} ${l}`,
          );
          problems.push(
            `field "${name}" is ${[...new Set(seen)].join(', ')}: the seeds know an entry by one ${name} (make the locales agree in the CMS)`,
          );
        }
        continue;
      }
      if (main.value !== undefined) entry[name] = main.value;
      if (!same(main.value, edited.value)) {
        if (isIdentity(field) && edited.value === undefined) problems.push(`field "${name}" is empty in the draft`);
        else draft[name] = edited.value ?? null;
      }
    } else if (isList(field)) {
      const items = zipLists(present.map((l) => [l, (mainOf(l)[name] as string[] | undefined) ?? []]));
      if (items.length > 0) entry[name] = items;
      const changed = published
        .map((l): [Locale, string[]] => [l, (draftOf(l)[name] as string[] | undefined) ?? []])
        .filter(([l, list]) => !same(list, publishedOf(l)[name] ?? []));
      if (changed.length === 0) continue;
      const emptied = changed.filter(([, list]) => list.length === 0).map(([l]) => l);
      if (emptied.length === changed.length && changed.length === published.length) draft[name] = null;
      else if (emptied.length > 0)
        problems.push(
          `field "${name}" has no items in the ${emptied.join(', ')} draft but has in another (the seeds cannot hold that: add an item or discard that draft)`,
        );
      else draft[name] = zipLists(changed);
    } else {
      perLocale(name);
    }
  }
  const status = Object.fromEntries(
    locales.filter((l) => !versions[l]?.published).map((l) => [l, versions[l]?.draft ? 'draft' : 'missing'] as const),
  );
  if (Object.keys(status).length > 0) entry.status = status;
  if (Object.keys(draft).length > 0) entry.draft = draft;
  if (problems.length > 0) throw new SeedVersionsError(problems);
  return entry;
}
