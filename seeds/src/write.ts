import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  canonicalWorkflow,
  collections,
  locales,
  type CollectionDef,
  type CollectionKey,
  type Field,
  type SeedState,
} from '@tcci/schemas';
import { Document, isMap, isPair, isScalar, isSeq, parse, parseDocument, type Node } from 'yaml';
import { loadEditions } from './index.ts';

type Entry = Record<string, unknown>;

/** Every collection's entries, in the seed format, as `writeSeeds` takes them. */
export type SeedsToWrite = Record<CollectionKey, Entry[]>;

/** One seed file `writeSeeds` wrote (or found already as it would have written it). */
export interface WrittenFile {
  /** Relative to the folder written: `2021/branches.yaml`. */
  file: string;
  bytes: number;
  changed: boolean;
  /** A seed file that was there and is no more (of an edition the write did not hold). */
  removed?: boolean;
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

/**
 * An entry with its keys in the model's order (fields, then `status`, `draft` and `workflow`),
 * locales in theirs.
 */
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
  const workflow = entry.workflow as SeedState['workflow'];
  if (workflow !== undefined) out.workflow = canonicalWorkflow(workflow);
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

/** One edition to write: its fiscal year (the folder's name) and its entries. */
export interface EditionToWrite {
  edition: number;
  seeds: SeedsToWrite;
}

/**
 * The seed files a folder of seeds holds now: those of every edition's folder, and any left at the
 * root from the layout before editions (paths relative to the folder).
 */
function seedFilesIn(target: string): string[] {
  if (!existsSync(target)) return [];
  const names = new Set(Object.values(collections).map((collection) => collection.seedFile));
  const found: string[] = [];
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.isFile() && names.has(entry.name)) found.push(entry.name);
    if (entry.isDirectory() && /^\d{4}$/u.test(entry.name))
      for (const name of readdirSync(path.join(target, entry.name)))
        if (names.has(name) && isFile(path.join(target, entry.name, name))) found.push(`${entry.name}/${name}`);
  }
  return found;
}

/**
 * Writes every edition's seed files into `dir` (a folder per fiscal year, `dir/2021/…`), atomically
 * as a whole: the files are written into a temporary folder inside `dir`, read back and validated
 * with {@link loadEditions}, and only then moved over the old ones (files whose content is unchanged
 * are left alone; the seed files of an edition not written, or left at the root from the layout
 * before editions, are removed). If anything fails, what was already moved is put back, so `dir` is
 * left as it was, and a {@link SeedWriteError} says why. Returns what was written and removed.
 */
export function writeEditions(editions: readonly EditionToWrite[], dir: string): WrittenFile[] {
  const target = path.resolve(dir);
  if (existsSync(target) && !statSync(target).isDirectory())
    throw new SeedWriteError(`${target} is not a folder: nothing was written.`);
  if (editions.length === 0) throw new SeedWriteError(`There is no edition to write: nothing was written.`);
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
  const files: WrittenFile[] = [];
  const backup = path.join(work, 'replaced');
  const moved: { file: string; backedUp: boolean; removed: boolean }[] = [];
  /** Folders this call made for new editions: removed again on failure. */
  const madeFolders: string[] = [];
  try {
    for (const { edition, seeds } of editions) {
      mkdirSync(path.join(work, String(edition)));
      for (const [key, collection] of all) {
        const file = `${edition}/${collection.seedFile}`;
        const existingPath = path.join(target, file);
        const existing = isFile(existingPath) ? readFileSync(existingPath, 'utf8') : undefined;
        const text = formatSeedFile(collection, seeds[key] ?? [], existing);
        const written = path.join(work, file);
        writeFileSync(written, text);
        // A replaced file keeps its permissions (a new one gets the process's default).
        if (existing !== undefined) chmodSync(written, statSync(existingPath).mode & 0o7777);
        // The YAML must read back as exactly the entries it was written from.
        const expected = sortSeedEntries(collection, seeds[key] ?? []).map((entry) =>
          canonicalEntry(collection, entry),
        );
        const read: unknown = parse(text);
        if (!isDeepStrictEqual(collection.kind === 'single' ? [read] : read, expected))
          throw new SeedWriteError(`${file} does not read back as the content it was written from.`);
        files.push({ file, bytes: Buffer.byteLength(text), changed: text !== existing });
      }
    }
    loadEditions(work);

    const writing = new Set(files.map(({ file }) => file));
    const stale = seedFilesIn(target).filter((file) => !writing.has(file));
    mkdirSync(backup);
    for (const file of stale) {
      mkdirSync(path.dirname(path.join(backup, file)), { recursive: true });
      renameSync(path.join(target, file), path.join(backup, file));
      moved.push({ file, backedUp: true, removed: true });
      files.push({ file, bytes: 0, changed: true, removed: true });
    }
    for (const { file, changed, removed } of files) {
      if (!changed || removed) continue;
      const to = path.join(target, file);
      const folder = path.dirname(to);
      if (!existsSync(folder)) {
        mkdirSync(folder);
        madeFolders.push(folder);
      }
      const backedUp = existsSync(to);
      if (backedUp) {
        mkdirSync(path.dirname(path.join(backup, file)), { recursive: true });
        renameSync(to, path.join(backup, file));
      }
      moved.push({ file, backedUp, removed: false });
      renameSync(path.join(work, file), to);
    }
  } catch (error) {
    const undo: string[] = [];
    for (const { file, backedUp, removed } of moved.toReversed()) {
      try {
        const to = path.join(target, file);
        if (!removed) rmSync(to, { force: true });
        if (backedUp) renameSync(path.join(backup, file), to);
      } catch (undoError) {
        undo.push(`${file}: ${(undoError as Error).message}`);
      }
    }
    for (const folder of madeFolders.toReversed()) rmSync(folder, { recursive: true, force: true });
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
  // An edition folder the write emptied is removed with it.
  for (const folder of new Set(files.filter((f) => f.removed).map((f) => path.dirname(path.join(target, f.file)))))
    if (folder !== target && readdirSync(folder).length === 0) rmSync(folder, { recursive: true });
  return files;
}
