// The editors' workflow beside the plan's content: the fields the CMS keeps on every entry for it,
// and how the seed format carries them (an optional `workflow` key), so that an export restores
// review marks and change notes as they were.
import { z } from 'zod';
import { choice, flag, moment, optional, text, type Field } from './fields.ts';
import { locales, type Locale } from './locales.ts';
import { changeKinds } from './values.ts';

/**
 * What the CMS keeps on every entry for its editors' work beside the plan's content: whether a
 * translation needs review since the Japanese changed (kept on the translation), and the change
 * note an editor may attach when publishing (per language). The site reads them to show an English
 * page's "the Japanese was updated" notice and the updates feed; seed files hold them only where an
 * export found them (`workflow`, below).
 */
export const workflowFields = {
  englishNeedsReview: optional({
    ...flag('English needs review', {
      description:
        'On a translation: set by the CMS when the Japanese text changes after this translation was last edited; editing the translation (or clearing this to confirm it is still right) clears it. Unused on the Japanese.',
    }),
    localized: true,
  }),
  japaneseRevisedAt: optional({
    ...moment('Japanese updated', {
      description: 'On a translation: when the Japanese last changed after it was edited (set by the CMS).',
    }),
    localized: true,
  }),
  changeNote: optional(
    text('Change note', {
      description:
        'Optional: what changed, in a sentence, for the public updates page and feed (per language). Shown as you write it.',
    }),
  ),
  changeKind: optional({
    ...choice('Kind of change', changeKinds, {
      description:
        'Major changes are listed on the updates page and in the feed; minor ones are not. A note without a kind is listed as major.',
    }),
    localized: true,
  }),
  changeNotedAt: optional({
    ...moment('Change note published', {
      description: 'When this change note was first published (set by the CMS).',
    }),
    localized: true,
  }),
} satisfies Record<string, Field>;

export type WorkflowFieldName = keyof typeof workflowFields;

const workflowNames = Object.keys(workflowFields) as WorkflowFieldName[];

/** One version's workflow values: every field, with its empty value where it has none. */
export type WorkflowValues = Record<WorkflowFieldName, unknown>;

/** The workflow values one version holds, as the seed format keeps them (fields without one left out). */
export type WorkflowSeedValues = Partial<Record<WorkflowFieldName, unknown>>;

/** Per locale, the workflow values of an entry's published version and of its draft, as the CMS holds them. */
export type WorkflowVersions = Partial<Record<Locale, { published?: WorkflowSeedValues; draft?: WorkflowSeedValues }>>;

/**
 * One locale's workflow in a seed entry: the values of its published version (of its draft, if it
 * was never published), and under `draft` each value its draft holds differently (null: none).
 */
export type WorkflowSeed = WorkflowSeedValues & { draft?: WorkflowSeedValues };

const valuesOf = (value: (field: Field) => z.ZodType) =>
  Object.fromEntries(workflowNames.map((name) => [name, value(workflowFields[name])]));

/** One locale of the `workflow` key: its values, and `draft` where its draft's differ. */
const localeWorkflow: z.ZodType = z.strictObject({
  ...valuesOf((field) => field.value.optional()),
  draft: z.strictObject(valuesOf((field) => field.value.nullable().optional())).optional(),
});

/** The `workflow` key of a seed entry: per locale, where any value is set. */
export const workflowSeedSchema = z
  .strictObject(Object.fromEntries(locales.map((locale) => [locale, localeWorkflow.optional()])))
  .optional();

/** A field's value when it has none: a flag's false, anything else's null (as the CMS holds it). */
const emptyOf = (name: WorkflowFieldName) => (workflowFields[name].attribute.type === 'boolean' ? false : null);

/**
 * The values one version of a locale takes from the seed's `workflow` (every field; empty where
 * the seed names none). `hasPublished`: the locale has a published version, which the top-level
 * values are; its draft's differ where `draft` says.
 */
export function workflowValues(
  seed: WorkflowSeed | undefined,
  status: 'published' | 'draft',
  hasPublished: boolean,
): WorkflowValues {
  const { draft = {}, ...top } = seed ?? {};
  const values = Object.fromEntries(workflowNames.map((name) => [name, top[name] ?? emptyOf(name)])) as WorkflowValues;
  if (status === 'draft' && hasPublished)
    for (const name of workflowNames) if (draft[name] !== undefined) values[name] = draft[name] ?? emptyOf(name);
  return values;
}

/** A value as the seed format keeps it, or undefined for none: a flag only when set, times as ISO. */
function seedValue(name: WorkflowFieldName, raw: unknown): unknown {
  const type = workflowFields[name].attribute.type;
  if (type === 'boolean') return raw === true ? true : undefined;
  if (type === 'datetime') {
    const time = raw instanceof Date ? raw.getTime() : typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
    return Number.isNaN(time) ? undefined : new Date(time).toISOString();
  }
  if (typeof raw === 'string') return raw.trim() === '' ? undefined : raw;
  return undefined;
}

/** The seed values of one version read from the CMS (a row holding the workflow fields). */
export function workflowOfRow(row: Record<string, unknown>): WorkflowSeedValues {
  const out: WorkflowSeedValues = {};
  for (const name of workflowNames) {
    const value = seedValue(name, row[name]);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * The `workflow` key of an entry from its versions' values (as {@link workflowOfRow} reads them),
 * per locale; undefined when no version holds any.
 */
export function workflowSeedOf(versions: WorkflowVersions): Partial<Record<Locale, WorkflowSeed>> | undefined {
  const out: Partial<Record<Locale, WorkflowSeed>> = {};
  for (const locale of locales) {
    const { published, draft } = versions[locale] ?? {};
    const base = published ?? draft;
    if (!base) continue;
    const seed: WorkflowSeed = { ...base };
    if (published && draft) {
      const differs = workflowNames.filter((name) => published[name] !== draft[name]);
      if (differs.length > 0) seed.draft = Object.fromEntries(differs.map((name) => [name, draft[name] ?? null]));
    }
    if (Object.keys(seed).length > 0) out[locale] = seed;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A `workflow` key with its locales and fields in the model's order. */
export function canonicalWorkflow(
  workflow: Partial<Record<Locale, WorkflowSeed>>,
): Partial<Record<Locale, WorkflowSeed>> {
  const ordered = (values: WorkflowSeedValues) =>
    Object.fromEntries(workflowNames.filter((name) => values[name] !== undefined).map((name) => [name, values[name]]));
  const out: Partial<Record<Locale, WorkflowSeed>> = {};
  for (const locale of locales) {
    const seed = workflow[locale];
    if (!seed) continue;
    const { draft, ...top } = seed;
    out[locale] = { ...ordered(top), ...(draft ? { draft: ordered(draft) } : {}) };
  }
  return out;
}
