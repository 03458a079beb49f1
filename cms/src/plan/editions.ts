import type { Core } from '@strapi/strapi';
import {
  collections,
  editionField,
  entryFromVersions,
  entryVersions,
  locales,
  type CollectionDef,
  type CollectionKey,
  type EntryVersions,
} from '@tcci/schemas';
import { parseSeeds, type SeedsToWrite } from '@tcci/seeds';
import { planTypeByKey, planTypes } from './content-types';
import { collectEditions } from './export';
import { importEditions } from './seed';

/** Why an edition cannot be started; its message is one sentence for the editor or operator. */
export class EditionError extends Error {
  override name = 'EditionError';
}

export interface StartEditionOptions {
  /** The edition to copy (its fiscal year). */
  from: number;
  /** The new edition's fiscal year. */
  to: number;
  log?: (line: string) => void;
}

export interface StartEditionReport {
  from: number;
  to: number;
  /** Entries copied (each in every locale it has). */
  entries: number;
  /** Flags reset because they are relative to the year (新). */
  reset: number;
  /** The new edition's annual plan, for the admin to open. */
  annualPlan?: string;
}

type Entry = Record<string, unknown>;

/** The flags of a collection that a new edition resets (新). */
const resetFields = (collection: CollectionDef) =>
  Object.entries(collection.fields)
    .filter(([, field]) => field.resetInNewEdition)
    .map(([name]) => name);

/** An entry with its year-relative flags reset, in its published values and its draft alike. */
function resetFlags(collection: CollectionDef, entry: Entry): { entry: Entry; reset: number } {
  const names = resetFields(collection);
  let reset = 0;
  const out: Entry = { ...entry };
  const draft = out.draft && typeof out.draft === 'object' ? { ...(out.draft as Entry) } : undefined;
  for (const name of names) {
    const values = [out[name], draft?.[name]].flatMap((value): unknown[] =>
      value && typeof value === 'object' ? Object.values(value as Record<string, unknown>) : [value],
    );
    if (values.includes(true)) reset += 1;
    if (out[name] !== undefined) out[name] = false;
    if (draft) delete draft[name];
  }
  if (draft && Object.keys(draft).length > 0) out.draft = draft;
  else delete out.draft;
  return { entry: out, reset };
}

/** An entry as a draft in every locale it has: its latest text, nothing published. */
function asDraft(collection: CollectionDef, entry: Entry): Entry {
  const versions = entryVersions(collection, entry);
  const drafts: EntryVersions = {};
  for (const locale of locales) {
    const version = versions[locale];
    if (version) drafts[locale] = { draft: version.draft ?? version.published };
  }
  return entryFromVersions(collection, drafts);
}

/** The collections (display names) that hold entries of an edition. */
async function holding(strapi: Core.Strapi, edition: number): Promise<string[]> {
  const found: string[] = [];
  for (const { uid, collection } of planTypes)
    if ((await strapi.db.query(uid).count({ where: { edition } })) > 0) found.push(collection.displayName);
  return found;
}

/**
 * Starts next year's plan from an edition: copies every entry of `from` into a new edition `to`,
 * in every locale, with the relations linked inside the new edition, the 新 flags reset (new is
 * relative to the year) and the editors' notes kept. The new edition's annual plan is a draft, so
 * nothing of it is public until an editor publishes that; inside it, every entry keeps the
 * publication state it had, so publishing the annual plan publishes the year as it stands.
 *
 * Refuses, changing nothing, a year that is not a fiscal year, an edition `from` that does not exist
 * and an edition `to` that holds anything already. The copy is written in one transaction, so a
 * failure half-way leaves the database as it was.
 */
export async function startEdition(strapi: Core.Strapi, options: StartEditionOptions): Promise<StartEditionReport> {
  const { from, to } = options;
  const log = options.log ?? ((line: string) => strapi.log.info(line));
  for (const [name, year] of [
    ['new', to],
    ['copied', from],
  ] as const) {
    const valid = editionField.entry.safeParse(year);
    if (!valid.success)
      throw new EditionError(
        `The ${name} edition must be a fiscal year (a whole number from 2000 to 2100), not "${String(year)}". Nothing was copied.`,
      );
  }
  if (from === to) throw new EditionError(`Fiscal ${to} cannot be started from itself. Nothing was copied.`);
  const existing = await holding(strapi, to);
  if (existing.length > 0)
    throw new EditionError(
      `Fiscal ${to} exists already (it holds entries of ${existing.join(', ')}): nothing was copied. ` +
        `Open its annual plan to go on with it, or choose another year.`,
    );
  const { editions } = await collectEditions(strapi, from);
  const source = editions.find((edition) => edition.edition === from);
  if (!source) throw new EditionError(`There is no edition of fiscal ${from} to copy. Nothing was copied.`);

  let reset = 0;
  let entries = 0;
  const copied: Partial<SeedsToWrite> = {};
  for (const [key, collection] of Object.entries(collections) as [CollectionKey, CollectionDef][]) {
    copied[key] = source.seeds[key].map((entry) => {
      const cleared = resetFlags(collection, entry);
      reset += cleared.reset;
      entries += 1;
      return key === 'annualPlan' ? asDraft(collection, cleared.entry) : cleared.entry;
    });
  }
  // The copy is checked as the seed files are, before anything is written.
  const seeds = parseSeeds(copied as SeedsToWrite, to);
  await importEditions(strapi, [{ edition: to, seeds }], { log });
  const plan = (await strapi.db
    .query(planTypeByKey('annualPlan')!.uid)
    .findOne({ where: { edition: to }, select: ['documentId'] })) as { documentId?: unknown } | null;
  const annualPlan = typeof plan?.documentId === 'string' ? plan.documentId : undefined;
  log(
    `Fiscal ${to} started from fiscal ${from}: ${entries} entries copied, ${reset} 新 flags reset; its annual plan is a draft until you publish it.`,
  );
  return { from, to, entries, reset, annualPlan };
}
