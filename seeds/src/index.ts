import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  collections,
  editionField,
  locales,
  seedSchemas,
  statusOf,
  type CollectionDef,
  type CollectionKey,
  type SeedEntry,
  type SeedState,
} from '@tcci/schemas';
import { parseDocument } from 'yaml';
import type { z } from 'zod';

export { japaneseOutsideParentheses, normalizeForComparison } from './text.ts';
export { canonicalEntry, formatSeedFile, sortSeedEntries, SeedWriteError, writeEditions } from './write.ts';
export type { EditionToWrite, SeedsToWrite, WrittenFile } from './write.ts';

/** The folder that holds the seeds (this package's root): a folder per edition, `2021/` … */
export const seedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every collection's seed entries in one edition; a single type's file holds exactly one. */
export type Seeds = { [K in CollectionKey]: SeedEntry<K>[] };

/** One edition's seeds: the fiscal year its folder names, and its entries. */
export interface EditionSeeds {
  edition: number;
  seeds: Seeds;
}

/** An edition's folder is named by its fiscal year. */
const editionFolder = /^\d{4}$/u;

/** The folder of one edition's seed files: `seeds/2021/`, or `2021/` under another root. */
export function editionDir(edition: number, root: string = seedDir): string {
  return path.join(root, String(edition));
}

/** One problem in the seeds, located by file, entry and field. */
export interface SeedProblem {
  file: string;
  /** `entry 3 (slug "koto")`, or undefined for a problem with the whole file. */
  entry?: string;
  /** Dotted path of the field, e.g. `focusItems[2].en`. */
  field?: string;
  message: string;
}

/** Thrown when any seed file is missing, unreadable or invalid; lists every problem found. */
export class SeedValidationError extends Error {
  readonly problems: SeedProblem[];

  constructor(problems: SeedProblem[]) {
    const lines = problems.map(formatProblem);
    super(
      `The seeds are invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    );
    this.name = 'SeedValidationError';
    this.problems = problems;
  }
}

/** `seeds/branches.yaml: entry 3 (slug "koto"), field "name.en": must not be empty` */
export function formatProblem(problem: SeedProblem): string {
  const where = [problem.entry, problem.field && `field "${problem.field}"`].filter(Boolean).join(', ');
  return `${problem.file}: ${where ? `${where}: ` : ''}${problem.message}`;
}

function fieldPath(issuePath: readonly PropertyKey[]): string {
  return issuePath.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

function describeEntry(raw: unknown, index: number, single: boolean): string {
  if (single) return 'entry';
  const slug = raw && typeof raw === 'object' && 'slug' in raw ? raw.slug : undefined;
  return `entry ${index + 1}${typeof slug === 'string' ? ` (slug "${slug}")` : ''}`;
}

function readFile(
  dir: string,
  prefix: string,
  collection: CollectionDef,
  problems: SeedProblem[],
): unknown[] | undefined {
  const file = `${prefix}${collection.seedFile}`;
  let source: string;
  try {
    source = readFileSync(path.join(dir, collection.seedFile), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file is missing' : String(error);
    problems.push({ file, message: reason });
    return undefined;
  }
  const document = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    for (const error of document.errors)
      problems.push({ file, message: `not valid YAML: ${error.message.split('\n')[0]}` });
    return undefined;
  }
  const data: unknown = document.toJS();
  if (collection.kind === 'single') {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      problems.push({ file, message: 'must hold one entry (a mapping of fields)' });
      return undefined;
    }
    return [data];
  }
  if (!Array.isArray(data)) {
    problems.push({ file, message: 'must hold a list of entries' });
    return undefined;
  }
  const entries: unknown[] = data;
  return entries;
}

/** A shared value as uniqueness sees it: where it is written per locale, its first locale's. */
const primary = (value: unknown) =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? locales.map((l) => (value as Record<string, unknown>)[l]).find((v) => v !== undefined)
    : value;

/** Whether any locale of the entry is published (the default). */
const isPublished = (entry: unknown) => locales.some((locale) => statusOf(entry as SeedState, locale) === 'published');

function checkUnique(
  file: string,
  entries: ({ slug?: string; order?: unknown; column?: unknown } & SeedState)[],
  problems: SeedProblem[],
): void {
  const slugs = new Map<string, number>();
  const orders = new Map<string, number>();
  entries.forEach((entry, index) => {
    const entryName = describeEntry(entry, index, false);
    if (entry.slug !== undefined) {
      const first = slugs.get(entry.slug);
      if (first !== undefined)
        problems.push({ file, entry: entryName, field: 'slug', message: `repeats the slug of entry ${first + 1}` });
      else slugs.set(entry.slug, index);
    }
    // A draft that was never published may share its place with a published entry until it is.
    if (entry.order !== undefined && isPublished(entry)) {
      // Initiatives are ordered within their column; everything else within the collection.
      const scope = JSON.stringify([primary(entry.column) ?? null, primary(entry.order)]);
      const first = orders.get(scope);
      if (first !== undefined)
        problems.push({ file, entry: entryName, field: 'order', message: `repeats the order of entry ${first + 1}` });
      else orders.set(scope, index);
    }
  });
}

/** The slugs a file names, valid entries or not, so that one bad entry is reported once, not again by every link to it. */
function slugsIn(raw: unknown[]): Set<string> {
  return new Set(
    raw.flatMap((entry) =>
      entry && typeof entry === 'object' && 'slug' in entry && typeof entry.slug === 'string' ? [entry.slug] : [],
    ),
  );
}

function checkRelations(
  prefix: string,
  seeds: Partial<Record<CollectionKey, { slug?: string }[]>>,
  slugs: Partial<Record<CollectionKey, Set<string>>>,
  problems: SeedProblem[],
): void {
  const slugsOf = (key: string) => slugs[key as CollectionKey] ?? new Set<string>();
  for (const [key, collection] of Object.entries(collections) as [CollectionKey, CollectionDef][]) {
    const entries = seeds[key];
    if (!entries) continue;
    const file = `${prefix}${collection.seedFile}`;
    for (const [name, field] of Object.entries(collection.fields)) {
      const attribute = field.attribute;
      if (attribute.type !== 'relation') continue;
      const targets = slugsOf(attribute.target);
      const linkedBy = new Map<string, number>();
      entries.forEach((entry, index) => {
        // Links are a slug or a list of them, or (where the locales differ) one of those per locale.
        const linksOf = (value: unknown): string[] =>
          value === undefined || value === null
            ? []
            : Array.isArray(value)
              ? (value as string[])
              : typeof value === 'object'
                ? [...new Set(Object.values(value).flatMap(linksOf))]
                : [value as string];
        const value = (entry as Record<string, unknown>)[name];
        const links = linksOf(value);
        const where = { file, entry: describeEntry(entry, index, collection.kind === 'single'), field: name };
        // The drafts' links must lead somewhere too (a branch may move to another cluster in a draft).
        const drafted = (entry as SeedState).draft?.[name];
        for (const link of linksOf(drafted).filter((slug) => !targets.has(slug)))
          problems.push({
            ...where,
            field: `draft.${name}`,
            message: `links "${link}", which is not a slug in ${prefix}${collections[attribute.target as CollectionKey].seedFile}`,
          });
        for (const link of links) {
          if (!targets.has(link)) {
            problems.push({
              ...where,
              message: `links "${link}", which is not a slug in ${prefix}${collections[attribute.target as CollectionKey].seedFile}`,
            });
          } else if (attribute.inverse && attribute.cardinality === 'many' && isPublished(entry)) {
            // The other side holds one link only, so a target may belong to one published entry here.
            const first = linkedBy.get(link);
            if (first !== undefined)
              problems.push({ ...where, message: `links "${link}", which entry ${first + 1} links already` });
            else linkedBy.set(link, index);
          }
        }
      });
    }
  }
}

/** Reads and validates one folder of seed files, adding what is wrong to `problems`. */
function readSeeds(dir: string, prefix: string, problems: SeedProblem[]): Seeds {
  const raw: Partial<Record<CollectionKey, unknown[]>> = {};
  for (const [key, collection] of Object.entries(collections) as [CollectionKey, CollectionDef][])
    raw[key] = readFile(dir, prefix, collection, problems);
  return checkSeeds(raw, prefix, problems);
}

/** Validates every collection's entries as read from its file (absent: the file could not be read). */
function checkSeeds(raw: Partial<Record<CollectionKey, unknown[]>>, prefix: string, problems: SeedProblem[]): Seeds {
  const seeds: Partial<Record<CollectionKey, unknown[]>> = {};
  const slugs: Partial<Record<CollectionKey, Set<string>>> = {};
  for (const [key, collection] of Object.entries(collections) as [CollectionKey, CollectionDef][]) {
    const entries = raw[key];
    if (!entries) continue;
    slugs[key] = slugsIn(entries);
    const file = `${prefix}${collection.seedFile}`;
    const schema: z.ZodType = seedSchemas[key];
    const parsed: unknown[] = [];
    entries.forEach((entry, index) => {
      const result = schema.safeParse(entry, {
        error: (issue) => (issue.input === undefined ? 'is missing' : undefined),
      });
      if (result.success) {
        parsed.push(result.data);
        return;
      }
      for (const issue of result.error.issues) {
        const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
        problems.push({
          file,
          entry: describeEntry(entry, index, collection.kind === 'single'),
          field: fieldPath(unknownKeys.length ? [...issue.path, unknownKeys.join(', ')] : issue.path) || undefined,
          message: unknownKeys.length ? 'is not a field of this collection' : issue.message,
        });
      }
    });
    if (collection.kind === 'single' && entries.length !== 1)
      problems.push({ file, message: `must hold one entry, not ${entries.length}` });
    if (collection.kind === 'collection') checkUnique(file, parsed as { slug?: string }[], problems);
    seeds[key] = parsed;
  }
  checkRelations(prefix, seeds as Partial<Record<CollectionKey, { slug?: string }[]>>, slugs, problems);
  return seeds as Seeds;
}

/**
 * Validates one edition's entries held in memory (every collection's, in the seed format) as
 * {@link loadSeeds} validates its files; throws a {@link SeedValidationError} naming every problem.
 */
export function parseSeeds(raw: Record<CollectionKey, readonly unknown[]>, edition: number): Seeds {
  const problems: SeedProblem[] = [];
  const seeds = checkSeeds(
    Object.fromEntries(Object.entries(raw).map(([key, entries]) => [key, [...entries]])),
    `seeds/${edition}/`,
    problems,
  );
  if (problems.length > 0) throw new SeedValidationError(problems);
  return seeds;
}

/**
 * Reads and validates one edition's seed files (the files of one folder, such as `seeds/2021/`):
 * each entry against its collection's schema, slugs and orders unique, every relation pointing at an
 * existing entry of the edition. Throws a {@link SeedValidationError} naming every problem (file,
 * entry and field); returns the typed seeds only when there are none.
 *
 * @example
 * const seeds = loadSeeds(editionDir(2021)); // fiscal 2021's seeds
 * seeds.branch.length;                       // 23
 */
export function loadSeeds(dir: string, edition?: number): Seeds {
  const problems: SeedProblem[] = [];
  const seeds = readSeeds(dir, edition === undefined ? 'seeds/' : `seeds/${edition}/`, problems);
  if (problems.length > 0) throw new SeedValidationError(problems);
  return seeds;
}

const isFolder = (file: string) => existsSync(file) && statSync(file).isDirectory();

/**
 * Reads and validates every edition under `root` (default: this package's seeds): one folder per
 * fiscal year (`2021/`, `2022/` …), each holding a seed file per collection, checked as
 * {@link loadSeeds} checks one. Seed files left at the root (the layout before editions) are named as
 * a problem, not ignored. Returns the editions by year, or throws a {@link SeedValidationError}
 * naming every problem in every edition.
 *
 * @example
 * loadEditions().map((e) => e.edition); // [2021]
 */
export function loadEditions(root: string = seedDir): EditionSeeds[] {
  const problems: SeedProblem[] = [];
  if (!isFolder(root)) throw new SeedValidationError([{ file: root, message: 'is not a folder of seeds' }]);
  const names = readdirSync(root);
  const seedFiles = new Set(Object.values(collections).map((collection) => collection.seedFile));
  for (const name of names.filter((n) => seedFiles.has(n)).sort())
    problems.push({
      file: `seeds/${name}`,
      message: "is outside an edition's folder: move it into the folder of its fiscal year (seeds/<year>/)",
    });
  const years = names
    .filter((name) => editionFolder.test(name) && isFolder(path.join(root, name)))
    .map(Number)
    .sort((a, b) => a - b);
  const editions: EditionSeeds[] = [];
  for (const edition of years) {
    const folder = `seeds/${edition}/`;
    const range = editionField.value.safeParse(edition);
    if (!range.success) {
      problems.push({ file: folder, message: `names fiscal year ${edition}, which ${range.error.issues[0]?.message}` });
      continue;
    }
    editions.push({ edition, seeds: readSeeds(editionDir(edition, root), folder, problems) });
  }
  if (years.length === 0 && problems.length === 0)
    problems.push({ file: root, message: 'holds no edition: a folder per fiscal year (e.g. 2021/) is expected' });
  if (problems.length > 0) throw new SeedValidationError(problems);
  return editions;
}
