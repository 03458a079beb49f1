import type { Core, UID } from '@strapi/strapi';
import { locales, type CollectionDef, type Locale } from '@tcci/schemas';
import { loadSeeds, seedDir } from '@tcci/seeds';
import { planTypes } from './content-types';

export interface SeedOptions {
  /** The folder of seed files (default: the seeds package, or SEEDS_DIR). */
  dir?: string;
  /** Delete every plan entry first, so the content becomes exactly the seeds. */
  reset?: boolean;
  log?: (line: string) => void;
}

export interface SeedReport {
  collection: string;
  entries: number;
  /** Locale versions created (an entry new in both locales counts 2). */
  created: number;
  /** Locale versions that were there already and were left as they are. */
  kept: number;
}

type Entry = Record<string, unknown>;
type Links = Map<string, Map<string, string>>;

/** The data of one locale version of an entry, as the Document Service takes it. */
function localeData(collection: CollectionDef, entry: Entry, locale: Locale, links: Links): Entry {
  const data: Entry = {};
  for (const [name, field] of Object.entries(collection.fields)) {
    const value = entry[name];
    if (value === undefined) continue;
    const attribute = field.attribute;
    if (attribute.type === 'relation') {
      const targets = links.get(attribute.target);
      const slugs = Array.isArray(value) ? (value as string[]) : [value as string];
      data[name] = { set: slugs.map((slug) => ({ documentId: targets?.get(slug), locale })) };
    } else if (attribute.type === 'itemList') {
      data[name] = (value as Record<Locale, string>[]).map((item) => ({ text: item[locale] }));
    } else {
      data[name] = field.localized ? (value as Record<Locale, string>)[locale] : value;
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

async function deleteAll(strapi: Core.Strapi, uid: UID.ContentType): Promise<number> {
  const documents = strapi.documents(uid);
  const ids = new Set<string>();
  for (const locale of locales) {
    for (const doc of await documents.findMany({
      locale,
      status: 'draft',
      fields: ['documentId'] as never,
      limit: -1,
    } as never)) {
      ids.add((doc as { documentId: string }).documentId);
    }
  }
  for (const documentId of ids) await documents.delete({ documentId, locale: '*' } as never);
  return ids.size;
}

/**
 * Loads the seeds into Strapi through the Document Service: both locales, published, relations
 * linked. The seeds are validated first, so invalid seeds write nothing; the writes run in one
 * transaction, so a failure half-way leaves the database as it was.
 *
 * Idempotent: an entry (found by slug) or locale version that exists already is kept as it is, so
 * a second run creates nothing and editors' changes survive. `reset` replaces all plan content
 * with the seeds.
 */
export async function importSeeds(strapi: Core.Strapi, options: SeedOptions = {}): Promise<SeedReport[]> {
  const log = options.log ?? ((line: string) => strapi.log.info(line));
  const dir = options.dir ?? process.env.SEEDS_DIR ?? seedDir;
  const seeds = loadSeeds(dir) as unknown as Record<string, Entry[]>;
  const reports: SeedReport[] = [];

  await strapi.db.transaction(async () => {
    if (options.reset) {
      for (const { collection, uid } of [...planTypes].reverse()) {
        const removed = await deleteAll(strapi, uid);
        if (removed > 0) log(`${collection.displayName}: removed ${removed}`);
      }
    }
    const links: Links = new Map();
    for (const { collection, uid } of planTypes) {
      const documents = strapi.documents(uid);
      const entries = seeds[collection.key] ?? [];
      const slugs = new Map<string, string>();
      const report: SeedReport = { collection: collection.displayName, entries: entries.length, created: 0, kept: 0 };
      for (const entry of entries) {
        const slug = entry.slug as string | undefined;
        let documentId: string | undefined;
        for (const locale of locales) {
          const existing = await documents.findFirst({
            locale,
            status: 'draft',
            ...(slug ? { filters: { slug } } : {}),
          } as never);
          documentId ??= (existing as { documentId?: string } | null)?.documentId;
          if (existing) {
            report.kept += 1;
            continue;
          }
          const data = localeData(collection, entry, locale, links);
          const written = documentId
            ? await documents.update({ documentId, locale, data, status: 'published' } as never)
            : await documents.create({ locale, data, status: 'published' } as never);
          documentId = (written as { documentId: string }).documentId;
          report.created += 1;
        }
        if (slug && documentId) slugs.set(slug, documentId);
      }
      links.set(collection.key, slugs);
      reports.push(report);
      log(
        `${collection.displayName}: ${report.entries} entries — ${report.created} created, ${report.kept} kept (ja + en)`,
      );
    }
  });
  return reports;
}
