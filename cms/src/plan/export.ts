import type { Core } from '@strapi/strapi';
import {
  entryFromVersions,
  locales,
  SeedVersionsError,
  workflowOfRow,
  workflowSeedOf,
  type CollectionDef,
  type CollectionKey,
  type EntryVersions,
  type TargetAvailable,
  type VersionValues,
  type WorkflowVersions,
} from '@tcci/schemas';
import { seedDir, writeEditions, type EditionToWrite, type SeedsToWrite, type WrittenFile } from '@tcci/seeds';
import { planTypes } from './content-types';
import { member, records, type Row } from './unknown';

export interface ExportOptions {
  /** The folder to write the seeds into, a folder per edition (default: SEEDS_DIR, or the seeds package). */
  dir?: string;
  log?: (line: string) => void;
}

export interface ExportReport {
  dir: string;
  /** The editions written, by fiscal year. */
  editions: number[];
  files: WrittenFile[];
  /** Entries written, and among them those with a draft that differs from what is published, or only a draft. */
  entries: number;
  edited: number;
  draftOnly: number;
}

const statuses = ['published', 'draft'] as const;
type Status = (typeof statuses)[number];

/** What to populate to read every field: the items of lists, the slugs of linked entries. */
function populateOf(collection: CollectionDef): Record<string, unknown> {
  const populate: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(collection.fields)) {
    if (field.attribute.type === 'itemList') populate[name] = { fields: ['text'] };
    else if (field.attribute.type === 'relation') populate[name] = { fields: ['slug'] };
  }
  return populate;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** One version of an entry as Strapi returns it, as the plain values of the seed format. */
function valuesOf(collection: CollectionDef, row: Row): VersionValues {
  const values: VersionValues = {};
  for (const [name, field] of Object.entries(collection.fields)) {
    const raw = row[name];
    const attribute = field.attribute;
    let value: unknown;
    if (attribute.type === 'itemList') {
      // An item left empty in a draft holds nothing the seeds could carry.
      value = records(raw)
        .map((item) => text(item.text))
        .filter(Boolean);
    } else if (attribute.type === 'relation') {
      const targets: unknown[] = Array.isArray(raw) ? raw : raw ? [raw] : [];
      const slugs = targets.map((target) => member(target, 'slug'));
      value = attribute.cardinality === 'many' ? slugs.filter(Boolean) : slugs[0];
    } else if (attribute.type === 'string' || attribute.type === 'text' || attribute.type === 'uid') {
      value = text(raw);
    } else if (attribute.type === 'decimal' || attribute.type === 'integer') {
      // PostgreSQL returns decimals as strings.
      value = raw === null || raw === undefined || raw === '' ? undefined : Number(raw);
    } else {
      value = raw ?? undefined;
    }
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** Whether every collection of the model has its entries (planTypes lists them all). */
const isComplete = (seeds: Partial<SeedsToWrite>): seeds is SeedsToWrite =>
  planTypes.every(({ key }) => seeds[key] !== undefined);

const describe = (collection: CollectionDef, edition: number | undefined, versions: EntryVersions) => {
  const slug = locales
    .flatMap((l) => [versions[l]?.published?.slug, versions[l]?.draft?.slug])
    .find((value) => typeof value === 'string');
  return `seeds/${edition ?? '(no edition)'}/${collection.seedFile}: ${collection.kind === 'single' ? 'the entry' : `entry ${slug ? `"${slug}"` : '(no slug)'}`}`;
};

/** One document of the CMS: the edition its versions name, and its versions. */
interface CmsDocument {
  /** Every edition its versions name (one, unless the CMS's data disagrees with itself). */
  editions: Set<number | undefined>;
  versions: EntryVersions;
  /** Its versions' workflow values (review marks, change notes), as the seed format keeps them. */
  workflow: WorkflowVersions;
}

const editionOf = (row: Row): number | undefined => {
  const value = row.edition;
  return value === null || value === undefined || value === '' ? undefined : Number(value);
};

/** The CMS's content as seeds, every edition's, and the counts the export reports. */
export interface CollectedEditions {
  editions: EditionToWrite[];
  edited: number;
  draftOnly: number;
}

/**
 * Reads every edition of the CMS (or `only` that one) in the seed format (see {@link exportSeeds});
 * throws, naming every entry and field, if the content does not fit it.
 */
export async function collectEditions(strapi: Core.Strapi, only?: number): Promise<CollectedEditions> {
  // Per collection: every document's versions, and where each slug exists in each edition (for
  // links across locales: `edition/collection` → slug → `locale/status`).
  const documents = new Map<CollectionKey, Map<string, CmsDocument>>();
  const exists = new Map<string, Map<string, Set<string>>>();
  const years = new Set<number>();
  await strapi.db.transaction(async () => {
    for (const { key, collection, uid } of planTypes) {
      const byDocument = new Map<string, CmsDocument>();
      for (const locale of locales) {
        for (const status of statuses) {
          const rows = await strapi.documents(uid).findMany({
            locale,
            status,
            populate: populateOf(collection),
            ...(only === undefined ? {} : { filters: { edition: only } }),
            limit: -1,
          });
          for (const row of rows) {
            const documentId = row.documentId;
            const document = byDocument.get(documentId) ?? { editions: new Set(), versions: {}, workflow: {} };
            const values = valuesOf(collection, row);
            document.workflow[locale] = { ...document.workflow[locale], [status]: workflowOfRow(row) };
            const edition = editionOf(row);
            document.editions.add(edition);
            document.versions[locale] = { ...document.versions[locale], [status]: values };
            byDocument.set(documentId, document);
            if (edition !== undefined) years.add(edition);
            if (typeof values.slug === 'string') {
              const slugs = exists.get(`${edition}/${key}`) ?? new Map<string, Set<string>>();
              const where = slugs.get(values.slug) ?? new Set<string>();
              slugs.set(values.slug, where.add(`${locale}/${status}`));
              exists.set(`${edition}/${key}`, slugs);
            }
          }
        }
      }
      documents.set(key, byDocument);
    }
  });

  const problems: string[] = [];
  const editions: EditionToWrite[] = [];
  let edited = 0;
  let draftOnly = 0;
  for (const year of [...years].sort((a, b) => a - b)) {
    const available: TargetAvailable = (target, slug, locale, status: Status) =>
      exists.get(`${year}/${target}`)?.get(slug)?.has(`${locale}/${status}`) ?? false;
    const seeds: Partial<SeedsToWrite> = {};
    for (const { key, collection } of planTypes) {
      const entries: Record<string, unknown>[] = [];
      for (const { editions: named, versions, workflow } of documents.get(key)!.values()) {
        if (!named.has(year) || named.size > 1) continue;
        try {
          const entry = entryFromVersions(collection, versions, available);
          const workflowSeed = workflowSeedOf(workflow);
          if (workflowSeed) entry.workflow = workflowSeed;
          if (entry.draft) edited += 1;
          if (!locales.some((l) => versions[l]?.published)) draftOnly += 1;
          entries.push(entry);
        } catch (error) {
          const reasons = error instanceof SeedVersionsError ? error.problems : [String(error)];
          for (const reason of reasons) problems.push(`${describe(collection, year, versions)}: ${reason}`);
        }
      }
      if (collection.kind === 'single' && entries.length !== 1)
        problems.push(
          entries.length === 0
            ? `seeds/${year}/${collection.seedFile}: the CMS holds no ${collection.displayName} for fiscal ${year} (one entry per edition)`
            : `seeds/${year}/${collection.seedFile}: the CMS holds ${entries.length} entries of ${collection.displayName} for fiscal ${year}, not one`,
        );
      seeds[key] = entries;
    }
    if (isComplete(seeds)) editions.push({ edition: year, seeds });
  }
  // A document whose versions name no edition, or several, fits in no edition's folder.
  for (const { key, collection } of planTypes)
    for (const { editions: named, versions } of documents.get(key)!.values()) {
      const known = [...named].filter((year) => year !== undefined);
      if (named.has(undefined))
        problems.push(`${describe(collection, undefined, versions)}: a version names no edition (fiscal year)`);
      else if (known.length > 1)
        problems.push(
          `${describe(collection, known[0], versions)}: its versions name different editions (${known.join(', ')}); make them agree`,
        );
    }
  if (years.size === 0) problems.push('The CMS holds no edition: there is nothing to export.');
  if (problems.length > 0) {
    throw new Error(
      `The CMS's content does not fit the seed format (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.join('\n')}`,
    );
  }

  return { editions, edited, draftOnly };
}

/**
 * Writes the CMS's content back into seed files: every edition into its folder, every entry,
 * published and draft, in every locale, with the editors' notes, review marks and change notes, in the seed format that
 * `importSeeds` restores exactly. Reads through the Document Service; writes with `writeEditions`
 * (all files or none, validated first).
 * Throws, having written nothing, if the content does not fit the format, naming every entry and
 * field that does not.
 */
export async function exportSeeds(strapi: Core.Strapi, options: ExportOptions = {}): Promise<ExportReport> {
  const log = options.log ?? ((line: string) => strapi.log.info(line));
  const dir = options.dir ?? process.env.SEEDS_DIR ?? seedDir;
  const { editions, edited, draftOnly } = await collectEditions(strapi);

  const files = writeEditions(editions, dir);
  let entries = 0;
  for (const { edition, seeds } of editions)
    for (const { key, collection } of planTypes) {
      entries += seeds[key].length;
      const file = files.find((f) => f.file === `${edition}/${collection.seedFile}`)!;
      log(`${file.file}: ${seeds[key].length} entries, ${file.bytes} bytes${file.changed ? '' : ' (unchanged)'}`);
    }
  for (const file of files.filter((f) => f.removed)) log(`${file.file}: removed (its edition is no longer in the CMS)`);
  return { dir, editions: editions.map(({ edition }) => edition), files, entries, edited, draftOnly };
}
