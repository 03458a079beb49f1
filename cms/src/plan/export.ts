import type { Core } from '@strapi/strapi';
import {
  entryFromVersions,
  locales,
  SeedVersionsError,
  type CollectionDef,
  type CollectionKey,
  type EntryVersions,
  type TargetAvailable,
  type VersionValues,
} from '@tcci/schemas';
import { seedDir, writeSeeds, type SeedsToWrite, type WrittenFile } from '@tcci/seeds';
import { planTypes } from './content-types';
import { member, records, type Row } from './unknown';

export interface ExportOptions {
  /** The folder to write the seed files into (default: SEEDS_DIR, or the seeds package). */
  dir?: string;
  log?: (line: string) => void;
}

export interface ExportReport {
  dir: string;
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

const describe = (collection: CollectionDef, versions: EntryVersions) => {
  const slug = locales
    .flatMap((l) => [versions[l]?.published?.slug, versions[l]?.draft?.slug])
    .find((value) => typeof value === 'string');
  return `seeds/${collection.seedFile}: ${collection.kind === 'single' ? 'the entry' : `entry ${slug ? `"${slug}"` : '(no slug)'}`}`;
};

/**
 * Writes the CMS's content back into seed files: every entry, published and draft, in every
 * locale, with the editors' notes, in the seed format that `importSeeds` restores exactly.
 * Reads through the Document Service; writes with `writeSeeds` (all files or none, validated first).
 * Throws, having written nothing, if the content does not fit the format, naming every entry and
 * field that does not.
 */
export async function exportSeeds(strapi: Core.Strapi, options: ExportOptions = {}): Promise<ExportReport> {
  const log = options.log ?? ((line: string) => strapi.log.info(line));
  const dir = options.dir ?? process.env.SEEDS_DIR ?? seedDir;

  // Per collection: every document's versions, and where each slug exists (for links across locales).
  const documents = new Map<CollectionKey, Map<string, EntryVersions>>();
  const exists = new Map<string, Map<string, Set<string>>>();
  await strapi.db.transaction(async () => {
    for (const { key, collection, uid } of planTypes) {
      const byDocument = new Map<string, EntryVersions>();
      const slugs = new Map<string, Set<string>>();
      for (const locale of locales) {
        for (const status of statuses) {
          const rows = await strapi.documents(uid).findMany({
            locale,
            status,
            populate: populateOf(collection),
            limit: -1,
          });
          for (const row of rows) {
            const documentId = row.documentId;
            const versions = byDocument.get(documentId) ?? {};
            const values = valuesOf(collection, row);
            versions[locale] = { ...versions[locale], [status]: values };
            byDocument.set(documentId, versions);
            if (typeof values.slug === 'string') {
              const where = slugs.get(values.slug) ?? new Set<string>();
              slugs.set(values.slug, where.add(`${locale}/${status}`));
            }
          }
        }
      }
      documents.set(key, byDocument);
      exists.set(key, slugs);
    }
  });

  const available: TargetAvailable = (target, slug, locale, status: Status) =>
    exists.get(target)?.get(slug)?.has(`${locale}/${status}`) ?? false;
  const problems: string[] = [];
  const seeds: Partial<SeedsToWrite> = {};
  let edited = 0;
  let draftOnly = 0;
  for (const { key, collection } of planTypes) {
    const entries: Record<string, unknown>[] = [];
    for (const versions of documents.get(key)!.values()) {
      try {
        const entry = entryFromVersions(collection, versions, available);
        if (entry.draft) edited += 1;
        if (!locales.some((l) => versions[l]?.published)) draftOnly += 1;
        entries.push(entry);
      } catch (error) {
        const reasons = error instanceof SeedVersionsError ? error.problems : [String(error)];
        for (const reason of reasons) problems.push(`${describe(collection, versions)}: ${reason}`);
      }
    }
    if (collection.kind === 'single' && entries.length !== 1)
      problems.push(`seeds/${collection.seedFile}: the CMS holds no ${collection.displayName} (a single entry)`);
    seeds[key] = entries;
  }
  if (problems.length > 0) {
    throw new Error(
      `The CMS's content does not fit the seed format (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.join('\n')}`,
    );
  }

  if (!isComplete(seeds)) throw new Error('The export left out a collection of the model.');
  const files = writeSeeds(seeds, dir);
  const entries = Object.values(seeds).reduce((sum, list) => sum + list.length, 0);
  for (const { key, collection } of planTypes) {
    const file = files.find((f) => f.file === collection.seedFile)!;
    log(
      `${collection.seedFile}: ${seeds[key].length} entries, ${file.bytes} bytes${file.changed ? '' : ' (unchanged)'}`,
    );
  }
  return { dir, files, entries, edited, draftOnly };
}
