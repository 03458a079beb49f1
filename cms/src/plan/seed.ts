import type { Core } from '@strapi/strapi';
import {
  entryVersions,
  locales,
  sharedFieldsPerLocale,
  type CollectionDef,
  type EntryVersions,
  type Locale,
  type SeedState,
  type VersionValues,
  workflowValues,
} from '@tcci/schemas';
import { loadEditions, seedDir, type EditionSeeds } from '@tcci/seeds';
import { isDeepStrictEqual } from 'node:util';
import { hasSlug, planTypes, versionRows, type PlanUid } from './content-types';
import { member } from './unknown';

export interface SeedOptions {
  /** The folder of seeds, a folder per edition in it (default: SEEDS_DIR, or the seeds package). */
  dir?: string;
  /** Delete every plan entry first, so the content becomes exactly the seeds. */
  reset?: boolean;
  log?: (line: string) => void;
}

export interface SeedReport {
  /** The edition's fiscal year. */
  edition: number;
  collection: string;
  entries: number;
  /** Locale versions created (an entry new in both locales counts 2). */
  created: number;
  /** Locale versions that were there already and were left as they are. */
  kept: number;
}

type Entry = Record<string, unknown>;
/** An entry of a seed file, as the seeds' loader has validated it. */
type SeedEntry = Entry & SeedState;
/** Per collection, per slug: the document and the locales it has, for linking. */
type Links = Map<string, Map<string, { documentId: string; locales: Set<Locale> }>>;

/**
 * The data of one locale version of an entry, as the Document Service takes it. With `clear`, fields
 * without a value are cleared (for a draft written over a copy of the published version).
 */
function localeData(
  collection: CollectionDef,
  edition: number,
  values: VersionValues,
  locale: Locale,
  links: Links,
  clear = false,
) {
  const data: Entry & { edition: number } = { edition };
  for (const [name, field] of Object.entries(collection.fields)) {
    const value = values[name];
    const attribute = field.attribute;
    if (attribute.type === 'relation') {
      const targets = links.get(attribute.target);
      const slugs: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
      // A version links the targets that exist in its locale (a missing translation cannot be linked).
      const set = slugs.flatMap((slug) => {
        const target = typeof slug === 'string' ? targets?.get(slug) : undefined;
        return target?.locales.has(locale) ? [{ documentId: target.documentId, locale }] : [];
      });
      data[name] = { set };
    } else if (attribute.type === 'itemList') {
      const items: unknown[] = Array.isArray(value) ? value : [];
      data[name] = items.map((text) => ({ text }));
    } else if (value !== undefined) {
      data[name] = value;
    } else if (clear) {
      data[name] = null;
    }
  }
  return data;
}

/** True when no plan content type holds a single entry: a new database. */
export async function isPlanEmpty(strapi: Core.Strapi): Promise<boolean> {
  for (const { uid } of planTypes) {
    if ((await strapi.db.query(uid).count()) > 0) return false;
  }
  return true;
}

async function deleteAll(strapi: Core.Strapi, uid: PlanUid): Promise<number> {
  const documents = strapi.documents(uid);
  const ids = new Set<string>();
  for (const locale of locales) {
    for (const doc of await documents.findMany({ locale, status: 'draft', fields: ['documentId'], limit: -1 })) {
      ids.add(doc.documentId);
    }
  }
  for (const documentId of ids) await documents.delete({ documentId, locale: '*' });
  return ids.size;
}

/** The draft of an entry of an edition in a locale: found by its slug, or, for a single type, the edition's one entry. */
async function findDraft(strapi: Core.Strapi, uid: PlanUid, edition: number, locale: Locale, slug: string | undefined) {
  return slug && hasSlug(uid)
    ? strapi.documents(uid).findFirst({ locale, status: 'draft', filters: { edition, slug } })
    : strapi.documents(uid).findFirst({ locale, status: 'draft', filters: { edition } });
}

/**
 * Strapi copies a shared field into the other locales' versions of the same status on a write (links
 * excepted: they are set per locale). Where the seeds hold a shared field per locale, this gives each
 * of the entry's versions written in `written` locales its own value, below the Document Service so
 * that nothing copies it again; and dates the drafts it touched that are their published version no
 * later than it, so that the content manager does not call them modified.
 */
async function keepPerLocaleValues(
  strapi: Core.Strapi,
  uid: PlanUid,
  collection: CollectionDef,
  entry: SeedEntry,
  versions: EntryVersions,
  documentId: string,
  written: Locale[],
): Promise<void> {
  const fields = sharedFieldsPerLocale(collection, entry).filter(
    (name) => collection.fields[name]!.attribute.type !== 'relation',
  );
  if (fields.length === 0) return;
  const rows = strapi.db.query(uid);
  for (const locale of written) {
    for (const status of ['published', 'draft'] as const) {
      const values = versions[locale]![status];
      if (values)
        await rows.updateMany({
          where: versionRows(documentId, status, locale),
          data: Object.fromEntries(fields.map((name) => [name, values[name] ?? null])),
        });
    }
  }
  for (const locale of written) {
    const { published, draft } = versions[locale]!;
    if (!published || !isDeepStrictEqual(published, draft)) continue;
    // Strapi's query layer returns rows untyped.
    const version: unknown = await rows.findOne({
      where: versionRows(documentId, 'published', locale),
      select: ['updatedAt'],
    });
    const updatedAt = member(version, 'updatedAt');
    if (updatedAt) await rows.updateMany({ where: versionRows(documentId, 'draft', locale), data: { updatedAt } });
  }
}

/**
 * Gives the versions written in `written` locales the editors' workflow values the seeds record
 * (`workflow`: review marks, change notes and their dates; none where it names none), below the
 * Document Service, whose workflow hooks would otherwise take the import's writes for an editor's
 * (marking translations, dating notes anew). The rows' save times stay as they were.
 */
async function restoreWorkflow(
  strapi: Core.Strapi,
  uid: PlanUid,
  entry: SeedEntry,
  versions: EntryVersions,
  documentId: string,
  written: Locale[],
): Promise<void> {
  const rows = strapi.db.query(uid);
  for (const locale of written) {
    const { published } = versions[locale]!;
    for (const status of ['published', 'draft'] as const) {
      if (!versions[locale]![status]) continue;
      await rows.updateMany({
        where: versionRows(documentId, status, locale),
        data: workflowValues(entry.workflow?.[locale], status, published !== undefined),
      });
    }
  }
}

/**
 * Loads the seeds into Strapi through the Document Service: every edition, every locale, relations
 * linked inside each edition, each version as the seeds record it — published, published with an
 * unpublished draft, or a draft only (`status` and `draft` in the seed format; without them,
 * everything published), with the editors' workflow the seeds record (`workflow`). The seeds are
 * validated first, so invalid seeds write nothing; the writes run in one transaction, so a failure
 * half-way leaves the database as it was.
 *
 * Idempotent: an entry (found by edition and slug) or locale version that exists already is kept as it is, so
 * a second run creates nothing and editors' changes survive. `reset` replaces all plan content
 * with the seeds.
 */
export async function importSeeds(strapi: Core.Strapi, options: SeedOptions = {}): Promise<SeedReport[]> {
  const dir = options.dir ?? process.env.SEEDS_DIR ?? seedDir;
  return importEditions(strapi, loadEditions(dir), options);
}

/**
 * Writes editions in the seed format (as `loadEditions` returns them, or as `collectEditions`
 * reads them from the CMS) through the Document Service, as {@link importSeeds} describes: in one
 * transaction, keeping what exists already, or after removing all plan content with `reset`.
 */
export async function importEditions(
  strapi: Core.Strapi,
  editions: readonly EditionSeeds[],
  options: Pick<SeedOptions, 'reset' | 'log'> = {},
): Promise<SeedReport[]> {
  const log = options.log ?? ((line: string) => strapi.log.info(line));
  const reports: SeedReport[] = [];

  await strapi.db.transaction(async () => {
    if (options.reset) {
      for (const { collection, uid } of [...planTypes].reverse()) {
        const removed = await deleteAll(strapi, uid);
        if (removed > 0) log(`${collection.displayName}: removed ${removed}`);
      }
    }
    for (const { edition, seeds } of editions) {
      // Links stay inside the edition: a slug names the entry of the same year.
      const links: Links = new Map();
      for (const { key, collection, uid } of planTypes) {
        const documents = strapi.documents(uid);
        const entries: SeedEntry[] = seeds[key];
        const slugs = new Map<string, { documentId: string; locales: Set<Locale> }>();
        const report: SeedReport = {
          edition,
          collection: collection.displayName,
          entries: entries.length,
          created: 0,
          kept: 0,
        };
        for (const entry of entries) {
          const slug = typeof entry.slug === 'string' ? entry.slug : undefined;
          const versions = entryVersions(collection, entry);
          const present = locales.filter((locale) => versions[locale]);
          let documentId: string | undefined;
          const missing: Locale[] = [];
          for (const locale of present) {
            const existing = await findDraft(strapi, uid, edition, locale, slug);
            documentId ??= existing?.documentId;
            if (existing) report.kept += 1;
            else missing.push(locale);
          }
          const write = async (locale: Locale, values: VersionValues, status?: 'published', clear = false) => {
            const data = localeData(collection, edition, values, locale, links, clear);
            const params = { locale, data, ...(status ? { status } : {}) };
            const written = documentId
              ? await documents.update({ documentId, ...params })
              : await documents.create(params);
            // Strapi's update answers null for a document it does not hold, which the lookup above rules out.
            if (!written)
              throw new Error(`${collection.displayName} ${documentId ?? ''}: Strapi did not write the entry.`);
            documentId = written.documentId;
          };
          // Published versions first, then drafts: Strapi copies shared fields to the other locales'
          // versions of the same status on every write, so the drafts' shared values must come last.
          for (const locale of missing.filter((l) => versions[l]!.published)) {
            await write(locale, versions[locale]!.published!, 'published');
            report.created += 1;
          }
          for (const locale of missing.filter((l) => !versions[l]!.published)) {
            await write(locale, versions[locale]!.draft!);
            report.created += 1;
          }
          for (const locale of missing) {
            const { published, draft } = versions[locale]!;
            if (published && !isDeepStrictEqual(published, draft)) await write(locale, draft!, undefined, true);
          }
          if (documentId) await restoreWorkflow(strapi, uid, entry, versions, documentId, missing);
          if (documentId) await keepPerLocaleValues(strapi, uid, collection, entry, versions, documentId, missing);
          if (slug && documentId) slugs.set(slug, { documentId, locales: new Set(present) });
        }
        links.set(collection.key, slugs);
        reports.push(report);
        log(
          `Fiscal ${edition} · ${collection.displayName}: ${report.entries} entries — ${report.created} created, ${report.kept} kept (ja + en)`,
        );
      }
    }
  });
  return reports;
}
