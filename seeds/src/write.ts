import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { collections, locales, type CollectionDef, type CollectionKey, type Field } from '@tcci/schemas';
import { Document, isMap, isPair, isScalar, isSeq, parse, parseDocument, type Node } from 'yaml';
import { loadSeeds } from './index.ts';

type Entry = Record<string, unknown>;

/** Every collection's entries, in the seed format, as `writeSeeds` takes them. */
export type SeedsToWrite = Record<CollectionKey, Entry[]>;

/** One seed file `writeSeeds` wrote (or found already as it would have written it). */
export interface WrittenFile {
  file: string;
  bytes: number;
  changed: boolean;
}

/** Thrown when the seeds could not be written; the target folder is as it was. */
export class SeedWriteError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SeedWriteError';
  }
}

/** A value as it sorts: a shared value written per locale sorts by its first locale's. */
function sortValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return locales.map((l) => (value as Entry)[l]).find((v) => v !== undefined);
}

const compareBy: Record<string, (collection: CollectionDef, value: unknown) => number | string> = {
  // Initiatives: the focus column first, then the COVID-19 response, as the plan prints them.
  column: (collection, value) => {
    const attribute = collection.fields.column?.attribute;
    return attribute?.type === 'enumeration' ? attribute.enum.indexOf(value as string) : 0;
  },
  order: (_, value) => (typeof value === 'number' ? value : Number.POSITIVE_INFINITY),
  fiscalYear: (_, value) => (typeof value === 'number' ? value : Number.POSITIVE_INFINITY),
  slug: (_, value) => (typeof value === 'string' ? value : ''),
};

/** The entries in the order the seed files keep: by column, order, fiscal year, then slug. */
export function sortSeedEntries(collection: CollectionDef, entries: readonly Entry[]): Entry[] {
  const keys = Object.keys(compareBy).filter((name) => name in collection.fields);
  return entries.toSorted((a, b) => {
    for (const key of keys) {
      const [x, y] = [compareBy[key]!(collection, sortValue(a[key])), compareBy[key]!(collection, sortValue(b[key]))];
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  });
}

function byLocale(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Entry;
  return Object.fromEntries(locales.filter((l) => record[l] !== undefined).map((l) => [l, record[l]]));
}

function canonicalValue(field: Field, value: unknown): unknown {
  if (value === null) return value;
  // A shared value is a scalar or a list of slugs, or (where the locales differ) an object by locale.
  if (!field.localized) return byLocale(value);
  return Array.isArray(value) ? value.map(byLocale) : byLocale(value);
}

/** An entry with its keys in the model's order (fields, then `status`, then `draft`), locales in theirs. */
export function canonicalEntry(collection: CollectionDef, entry: Entry): Entry {
  const out: Entry = {};
  const fields = Object.entries(collection.fields);
  for (const [name, field] of fields) if (entry[name] !== undefined) out[name] = canonicalValue(field, entry[name]);
  if (entry.status !== undefined) out.status = byLocale(entry.status);
  const draft = entry.draft as Entry | undefined;
  if (draft !== undefined) {
    out.draft = Object.fromEntries(
      fields
        .filter(([name]) => draft[name] !== undefined)
        .map(([name, field]) => [name, canonicalValue(field, draft[name])]),
    );
  }
  return out;
}

/** The leading comment block of a seed file (comments and blank lines before the content). */
function headerOf(text: string): string {
  const lines = text.split('\n');
  const end = lines.findIndex((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  return end <= 0 ? '' : `${lines.slice(0, end).join('\n')}\n`;
}

/**
 * Copies the presentation of `from` (an existing file's node) onto `to` (the node about to be
 * written): the quoting of each string and the flow or block style of each list, matched by key
 * and position, so that an export changes only the lines whose content changed.
 */
function copyStyle(from: unknown, to: unknown): void {
  if (isScalar(from) && isScalar(to)) {
    if (typeof from.value === 'string' && typeof to.value === 'string' && from.type) to.type = from.type;
  } else if (isSeq(from) && isSeq(to)) {
    to.flow = from.flow;
    to.items.forEach((item, i) => copyStyle(from.items[i], item));
  } else if (isMap(from) && isMap(to)) {
    for (const pair of to.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      const match = from.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      if (match) copyStyle(match.value, pair.value);
    }
  }
}

/** The slug of an entry node, to match the entries of an existing file with the new ones. */
function slugOf(node: unknown): unknown {
  return isMap(node) ? node.get('slug') : undefined;
}

/** Marks the lists of slugs (relations) as flow lists, `[a, b]`, as the seed files write them. */
function flowRelations(collection: CollectionDef, entry: unknown): void {
  if (!isMap(entry)) return;
  for (const [name, field] of Object.entries(collection.fields)) {
    if (field.attribute.type !== 'relation') continue;
    for (const holder of [entry, entry.get('draft')]) {
      const value = isMap(holder) ? (holder.get(name, true) as Node | undefined) : undefined;
      // A list of slugs, or one per locale.
      const lists = isMap(value) ? value.items.map((pair) => pair.value) : [value];
      for (const list of lists) if (isSeq(list)) list.flow = true;
    }
  }
}

/**
 * The text of one seed file: the entries (sorted, keys in the model's order) as YAML in the seed
 * files' style. Given the text of the file it replaces, keeps its leading comments and the quoting
 * of every value it still holds.
 */
export function formatSeedFile(collection: CollectionDef, entries: readonly Entry[], existing?: string): string {
  const sorted = sortSeedEntries(collection, entries).map((entry) => canonicalEntry(collection, entry));
  const single = collection.kind === 'single';
  if (single && sorted.length !== 1)
    throw new SeedWriteError(`${collection.seedFile} must hold exactly one entry, not ${sorted.length}.`);
  const doc = new Document(single ? sorted[0] : sorted);
  const entryNodes = single ? [doc.contents] : isSeq(doc.contents) ? doc.contents.items : [];
  for (const node of entryNodes) flowRelations(collection, node);

  let header = collection.description ? `# ${collection.displayName}: ${collection.description}\n` : '';
  if (existing !== undefined) {
    header = headerOf(existing);
    const old = parseDocument(existing);
    if (old.errors.length === 0) {
      if (single) copyStyle(old.contents, doc.contents);
      else if (isSeq(old.contents)) {
        const bySlug = new Map(old.contents.items.map((node) => [slugOf(node), node]));
        for (const node of entryNodes) copyStyle(bySlug.get(slugOf(node)), node);
      }
    }
  }
  return header + doc.toString({ lineWidth: 0, singleQuote: true, flowCollectionPadding: false });
}

const isFile = (file: string) => existsSync(file) && statSync(file).isFile();

/**
 * Writes every collection's seed file into `dir`, atomically as a whole: the files are written into
 * a temporary folder inside `dir`, read back and validated with {@link loadSeeds}, and only then
 * moved over the old ones (files whose content is unchanged are left alone). If anything fails, the
 * files already moved are put back, so `dir` is left as it was, and a {@link SeedWriteError} says
 * why. Returns what was written.
 */
export function writeSeeds(seeds: SeedsToWrite, dir: string): WrittenFile[] {
  const target = path.resolve(dir);
  if (existsSync(target) && !statSync(target).isDirectory())
    throw new SeedWriteError(`${target} is not a folder: nothing was written.`);
  // The first folder this call creates on the way to `target`, if any: removed again on failure.
  let created: string | undefined;
  let work: string;
  try {
    created = mkdirSync(target, { recursive: true });
    work = mkdtempSync(path.join(target, '.seeds-export-'));
  } catch (error) {
    if (created) rmSync(created, { recursive: true, force: true });
    throw new SeedWriteError(`${target} cannot be written (${(error as Error).message}): nothing was written.`, {
      cause: error,
    });
  }

  const all = Object.entries(collections) as [CollectionKey, CollectionDef][];
  const files: (WrittenFile & { text: string })[] = [];
  const backup = path.join(work, 'replaced');
  const moved: { file: string; backedUp: boolean }[] = [];
  try {
    for (const [key, collection] of all) {
      const file = path.join(target, collection.seedFile);
      const existing = isFile(file) ? readFileSync(file, 'utf8') : undefined;
      const text = formatSeedFile(collection, seeds[key] ?? [], existing);
      const written = path.join(work, collection.seedFile);
      writeFileSync(written, text);
      // A replaced file keeps its permissions (a new one gets the process's default).
      if (existing !== undefined) chmodSync(written, statSync(file).mode & 0o7777);
      // The YAML must read back as exactly the entries it was written from.
      const expected = sortSeedEntries(collection, seeds[key] ?? []).map((entry) => canonicalEntry(collection, entry));
      const read: unknown = parse(text);
      if (!isDeepStrictEqual(collection.kind === 'single' ? [read] : read, expected))
        throw new SeedWriteError(`${collection.seedFile} does not read back as the content it was written from.`);
      files.push({ file: collection.seedFile, bytes: Buffer.byteLength(text), changed: text !== existing, text });
    }
    loadSeeds(work);

    mkdirSync(backup);
    for (const { file, changed } of files) {
      if (!changed) continue;
      const to = path.join(target, file);
      const backedUp = existsSync(to);
      if (backedUp) renameSync(to, path.join(backup, file));
      moved.push({ file, backedUp });
      renameSync(path.join(work, file), to);
    }
  } catch (error) {
    const undo: string[] = [];
    for (const { file, backedUp } of moved.toReversed()) {
      try {
        const to = path.join(target, file);
        if (backedUp) renameSync(path.join(backup, file), to);
        else rmSync(to, { force: true });
      } catch (undoError) {
        undo.push(`${file}: ${(undoError as Error).message}`);
      }
    }
    if (undo.length === 0) rmSync(work, { recursive: true, force: true });
    if (created && undo.length === 0) rmSync(created, { recursive: true, force: true });
    const why = error instanceof Error ? error.message : String(error);
    throw new SeedWriteError(
      undo.length === 0
        ? `The seeds were not written (${target} is as it was): ${why}`
        : `The seeds were written only in part: ${why}. Putting back the old files failed too (${undo.join('; ')}); they are in ${backup}.`,
      { cause: error },
    );
  }
  rmSync(work, { recursive: true, force: true });
  return files.map(({ file, bytes, changed }) => ({ file, bytes, changed }));
}
