import { editionFieldName, workflowFields, type CollectionDef } from './collection.ts';

const camel = (kebab: string) => kebab.replace(/-([a-z])/gu, (_, c: string) => c.toUpperCase());

/**
 * The GraphQL query field Strapi generates for a collection: its plural (`branchClusters`,
 * `annualPlans`; every collection is a collection type, with an entry per edition).
 */
export function graphqlFieldName(collection: CollectionDef): string {
  return camel(collection.pluralName);
}

/**
 * The fields to select for an entry: its edition and its public fields; item lists and relations as
 * their text and slugs.
 */
export function graphqlSelection(collection: CollectionDef): string {
  const fields = Object.entries(collection.fields)
    .filter(([, field]) => !field.private)
    .map(([name, field]) => {
      if (field.attribute.type === 'itemList') return `${name} { text }`;
      if (field.attribute.type === 'relation') return `${name} { slug }`;
      return name;
    });
  return [editionFieldName, ...fields].join(' ');
}

/**
 * How a collection's entries are sorted when read: by edition, then by `order`, else by fiscal year,
 * then by slug and last by documentId. Initiatives of different columns share order numbers: without the tie-breakers
 * the CMS returns them in its row order, which a publish changes, and a paged read could repeat or
 * skip an entry at a page's edge.
 */
export function graphqlSort(collection: CollectionDef): string[] {
  const keys = ['order', 'fiscalYear', 'slug'].filter((name) => name in collection.fields);
  return [editionFieldName, ...keys, 'documentId'].map((name) => `${name}:asc`);
}

const sortKey = (entry: unknown, name: 'order' | 'fiscalYear' | 'slug') => {
  const value = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)[name] : undefined;
  return typeof value === 'number' || typeof value === 'string' ? value : undefined;
};

/** Compares two entries as `graphqlSort` orders them: by order (or fiscal year), then by slug. */
export function compareEntries(a: unknown, b: unknown): number {
  const rank = (entry: unknown) => Number(sortKey(entry, 'order') ?? sortKey(entry, 'fiscalYear') ?? 0);
  const slug = (entry: unknown) => String(sortKey(entry, 'slug') ?? '');
  // By code point, as SQLite compares text, not by a locale's collation.
  return rank(a) - rank(b) || (slug(a) < slug(b) ? -1 : slug(a) > slug(b) ? 1 : 0);
}

/**
 * The query that reads one page of a collection in one locale, every edition's entries (variables:
 * `locale`, `page`, `pageSize`; result: `page.nodes` and `page.pageInfo`): published entries, or
 * with `drafts` the latest drafts.
 *
 * @example
 * const { page } = await client.request(graphqlQuery(collections.branch), { locale: 'en', page: 1, pageSize: 100 });
 */
export function graphqlQuery(collection: CollectionDef, options: { drafts?: boolean } = {}): string {
  const field = graphqlFieldName(collection);
  const selection = graphqlSelection(collection);
  // Drafts only for the editors' preview (the CMS refuses them to every other token).
  const status = options.drafts ? ', status: DRAFT' : '';
  return (
    `query ${field}($locale: I18NLocaleCode!, $page: Int!, $pageSize: Int!) { ` +
    `page: ${field}_connection(locale: $locale${status}, pagination: { page: $page, pageSize: $pageSize }, sort: ${JSON.stringify(graphqlSort(collection))}) ` +
    `{ nodes { ${selection} updatedAt ${Object.keys(workflowFields).join(' ')} } pageInfo { page pageSize pageCount total } } }`
  );
}

/**
 * Turns an entry as GraphQL returns it into the shape of the model's entry schema: item lists
 * become lists of strings, relations become slugs. The result is still to be parsed with
 * `entrySchemas[key]`.
 */
export function fromGraphql(collection: CollectionDef, node: Record<string, unknown>): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  if (editionFieldName in node) entry[editionFieldName] = node[editionFieldName];
  for (const [name, field] of Object.entries(collection.fields)) {
    if (field.private || !(name in node)) continue;
    const value = node[name];
    const attribute = field.attribute;
    if (attribute.type === 'itemList') {
      entry[name] = Array.isArray(value) ? value.map((item: { text?: unknown }) => item?.text) : value;
    } else if (attribute.type === 'relation' && attribute.cardinality === 'many') {
      entry[name] = Array.isArray(value) ? value.map((item: { slug?: unknown }) => item?.slug) : value;
    } else if (attribute.type === 'relation') {
      entry[name] = value && typeof value === 'object' ? (value as { slug?: unknown }).slug : value;
    } else {
      entry[name] = value;
    }
  }
  return entry;
}
