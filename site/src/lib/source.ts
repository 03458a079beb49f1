import {
  collections,
  defaultLocale,
  entrySchemas,
  fromGraphql,
  graphqlQuery,
  localizedFieldNames,
  locales,
  workflowFields,
  type ChangeKind,
  type CollectionDef,
  type CollectionKey,
  type Entry,
  type Locale,
} from '@tcci/schemas';
import { ClientError, GraphQLClient } from 'graphql-request';
import { PlanSourceError } from './plan-source.ts';

export { PlanSourceError };

/** Sends one GraphQL query and returns its `data`. */
export type Request = (query: string, variables: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** The largest page Strapi serves (its GraphQL maxLimit). */
export const pageSize = 100;

/**
 * A request function for the CMS at `url`, authenticated with `token`, that turns every failure
 * into a {@link PlanSourceError} saying which: unreachable, token refused, or an error answer.
 */
export function cmsRequest(url: string, token: string, timeoutMs = 30_000): Request {
  const endpoint = new URL('/graphql', url).toString();
  const client = new GraphQLClient(endpoint, {
    headers: { authorization: `Bearer ${token}` },
    fetch: async (input, init) => {
      // A read, so safe to send again when the connection it reused was closed under it (the CMS
      // ends idle keep-alive connections after 5 s; a build busy for longer may not notice in time).
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
        } catch (error) {
          const code = (error as { cause?: { code?: string } }).cause?.code;
          if (attempt >= 3 || (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET')) throw error;
        }
      }
    },
  });
  return async (query, variables) => {
    try {
      return await client.request<Record<string, unknown>>(query, variables);
    } catch (error) {
      if (error instanceof ClientError) {
        const status = error.response.status;
        if (status === 401 || status === 403) {
          throw new PlanSourceError(`The CMS at ${url} refused the API token (HTTP ${status}): check STRAPI_TOKEN.`);
        }
        const message = error.response.errors?.[0]?.message ?? `HTTP ${status}`;
        if (/forbidden/iu.test(message)) {
          throw new PlanSourceError(`The CMS at ${url} refused the API token (${message}): check STRAPI_TOKEN.`);
        }
        throw new PlanSourceError(`The CMS at ${url} answered with an error: ${message}.`);
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new PlanSourceError(`The CMS at ${url} cannot be reached (${reason}).`);
    }
  };
}

/** How to read the CMS: published content (the public site) or the latest drafts (the editors' preview). */
export interface ReadOptions {
  drafts?: boolean;
}

/** Reads every node of a collection in one locale, every edition's, following the pagination to its last page. */
export async function fetchNodes(
  collection: CollectionDef,
  locale: Locale,
  request: Request,
  options: ReadOptions = {},
): Promise<Record<string, unknown>[]> {
  const query = graphqlQuery(collection, options);
  const nodes: Record<string, unknown>[] = [];
  for (let page = 1; ; page += 1) {
    const data = (await request(query, { locale, page, pageSize })) as {
      page?: { nodes?: Record<string, unknown>[]; pageInfo?: { pageCount?: number; total?: number } };
    };
    const result = data.page;
    if (!result?.nodes || !result.pageInfo) {
      throw new PlanSourceError(`The CMS answered without the ${collection.key} collection (is this the plan's CMS?).`);
    }
    nodes.push(...result.nodes);
    if (page >= (result.pageInfo.pageCount ?? 0)) {
      if (result.pageInfo.total !== undefined && nodes.length < result.pageInfo.total) {
        throw new PlanSourceError(
          `The CMS reported ${result.pageInfo.total} ${collection.key} entries but served ${nodes.length}.`,
        );
      }
      return nodes;
    }
    if (page >= 1000) throw new PlanSourceError(`The ${collection.key} collection did not end after 1000 pages.`);
  }
}

/** One entry of the plan in one locale, with the fields that fell back to Japanese. */
export interface PlanRecord<K extends CollectionKey = CollectionKey> {
  key: K;
  locale: Locale;
  entry: Entry<K>;
  /** Localised fields shown in the default language because this locale has no text for them. */
  untranslated: string[];
  /**
   * When the CMS last saved what this record shows (ISO 8601): the entry in this locale, or the
   * default locale's where its text stands in. None where the source keeps no dates (the seeds).
   */
  updatedAt?: string;
  /**
   * A translation's: when the Japanese changed since this translation was last edited (the CMS's
   * "English needs review" mark, published with the Japanese change). None while it is in step.
   */
  reviewSince?: string;
  /** The change note an editor published with this locale's entry, if any, and when it was first published. */
  change?: { note: string; kind: ChangeKind; at: string };
}

const workflowFieldNames = Object.keys(workflowFields);

/** The editors' workflow fields of a node (schemas' workflowFields), as a record holds them. */
function workflowOf(
  node: Record<string, unknown> | undefined,
  translation: boolean,
): Pick<PlanRecord, 'reviewSince' | 'change'> {
  if (!node) return {};
  const out: Pick<PlanRecord, 'reviewSince' | 'change'> = {};
  const since = node.japaneseRevisedAt;
  if (translation && node.englishNeedsReview === true && typeof since === 'string') out.reviewSince = since;
  const { changeNote: note, changeNotedAt: at, changeKind: kind } = node;
  if (typeof note === 'string' && note.trim() && typeof at === 'string')
    out.change = { note: note.trim(), kind: kind === 'minor' ? 'minor' : 'major', at };
  return out;
}

const isBlank = (value: unknown) =>
  value === null ||
  value === undefined ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

function parseEntry<K extends CollectionKey>(key: K, locale: Locale, raw: Record<string, unknown>): Entry<K> {
  const result = entrySchemas[key].safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const slug = typeof raw.slug === 'string' ? ` "${raw.slug}"` : '';
  throw new PlanSourceError(
    `The CMS sent invalid data: ${key}${slug} (${locale}), field "${issue.path.join('.') || '(entry)'}": ${issue.message}.`,
  );
}

/**
 * The records of a collection from its entries in each locale (as plain values: `fromGraphql`'s
 * shape), each parsed with the model's schema. Where a translation is missing (no entry in that
 * locale, or an empty field), the default locale's text stands in and the field is listed in
 * `untranslated`.
 */
export function planRecords<K extends CollectionKey>(
  key: K,
  entriesIn: (locale: Locale) => Record<string, unknown>[],
): PlanRecord<K>[] {
  const collection: CollectionDef = collections[key];
  // An entry is known by its edition and slug (a single type's by its edition alone).
  const identity = (raw: Record<string, unknown>) =>
    `${String(raw.edition)}/${typeof raw.slug === 'string' ? raw.slug : '(single)'}`;
  const localized = localizedFieldNames(collection);
  const updatedAt = (...raws: (Record<string, unknown> | undefined)[]) => {
    const times = raws.map((raw) => raw?.updatedAt).filter((time): time is string => typeof time === 'string');
    return times.length > 0 ? { updatedAt: times.sort().at(-1)! } : {};
  };
  const base = entriesIn(defaultLocale);
  const records: PlanRecord<K>[] = base.map((raw) => ({
    key,
    locale: defaultLocale,
    entry: parseEntry(key, defaultLocale, raw),
    untranslated: [],
    ...updatedAt(raw),
    ...workflowOf(raw, false),
  }));
  for (const locale of locales.filter((l) => l !== defaultLocale)) {
    const translated = new Map(entriesIn(locale).map((raw) => [identity(raw), raw] as const));
    for (const original of base) {
      const own = translated.get(identity(original));
      const raw = { ...(own ?? original) };
      const untranslated: string[] = [];
      for (const name of localized) {
        if (isBlank(raw[name]) && !isBlank(original[name])) {
          raw[name] = original[name];
          untranslated.push(name);
        } else if (!translated.has(identity(original)) && !isBlank(original[name])) {
          untranslated.push(name);
        }
      }
      records.push({
        key,
        locale,
        entry: parseEntry(key, locale, raw),
        untranslated,
        ...updatedAt(own, untranslated.length > 0 ? original : undefined),
        ...workflowOf(own, true),
      });
    }
  }
  return records;
}

/** Reads a collection in every locale from the CMS: see {@link planRecords}. */
export async function fetchCollection<K extends CollectionKey>(
  key: K,
  request: Request,
  options: ReadOptions = {},
): Promise<PlanRecord<K>[]> {
  const collection: CollectionDef = collections[key];
  const byLocale = new Map<Locale, Record<string, unknown>[]>();
  for (const locale of locales) {
    const nodes = await fetchNodes(collection, locale, request, options);
    byLocale.set(
      locale,
      nodes.map((node) => ({
        ...fromGraphql(collection, node),
        ...Object.fromEntries(workflowFieldNames.map((name) => [name, node[name]])),
        updatedAt: node.updatedAt,
      })),
    );
  }
  return planRecords(key, (locale) => byLocale.get(locale) ?? []);
}
