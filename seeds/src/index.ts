import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  collections,
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
export { canonicalEntry, formatSeedFile, sortSeedEntries, SeedWriteError, writeSeeds } from './write.ts';
export type { SeedsToWrite, WrittenFile } from './write.ts';

/** The folder that holds the seed files (this package's root). */
export const seedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every collection's seed entries; a single type's file holds exactly one. */
export type Seeds = { [K in CollectionKey]: SeedEntry<K>[] };

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

function readFile(dir: string, collection: CollectionDef, problems: SeedProblem[]): unknown[] | undefined {
  const file = `seeds/${collection.seedFile}`;
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
  seeds: Partial<Record<CollectionKey, { slug?: string }[]>>,
  slugs: Partial<Record<CollectionKey, Set<string>>>,
  problems: SeedProblem[],
): void {
  const slugsOf = (key: string) => slugs[key as CollectionKey] ?? new Set<string>();
  for (const [key, collection] of Object.entries(collections) as [CollectionKey, CollectionDef][]) {
    const entries = seeds[key];
    if (!entries) continue;
    const file = `seeds/${collection.seedFile}`;
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
            message: `links "${link}", which is not a slug in seeds/${collections[attribute.target as CollectionKey].seedFile}`,
          });
        for (const link of links) {
          if (!targets.has(link)) {
            problems.push({
              ...where,
              message: `links "${link}", which is not a slug in seeds/${collections[attribute.target as CollectionKey].seedFile}`,
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

/**
 * Reads and validates every seed file: each entry against its collection's schema, slugs and
 * orders unique, every relation pointing at an existing entry. Throws a {@link SeedValidationError}
 * naming every problem (file, entry and field); returns the typed seeds only when there are none.
 *
 * @example
 * const seeds = loadSeeds();            // the project's seeds
 * seeds.branch.length;                  // 23
 */
export function loadSeeds(dir: string = seedDir): Seeds {
  const problems: SeedProblem[] = [];
  const seeds: Partial<Record<CollectionKey, unknown[]>> = {};
  const slugs: Partial<Record<CollectionKey, Set<string>>> = {};
  for (const [key, collection] of Object.entries(collections) as [CollectionKey, CollectionDef][]) {
    const raw = readFile(dir, collection, problems);
    if (!raw) continue;
    slugs[key] = slugsIn(raw);
    const file = `seeds/${collection.seedFile}`;
    const schema: z.ZodType = seedSchemas[key];
    const parsed: unknown[] = [];
    raw.forEach((entry, index) => {
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
    if (collection.kind === 'collection') checkUnique(file, parsed as { slug?: string }[], problems);
    seeds[key] = parsed;
  }
  checkRelations(seeds as Partial<Record<CollectionKey, { slug?: string }[]>>, slugs, problems);
  if (problems.length > 0) throw new SeedValidationError(problems);
  return seeds as Seeds;
}
