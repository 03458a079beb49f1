import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { defaultLocale, entrySchemas, isLocale, type CollectionDef, type CollectionKey } from '@tcci/schemas';
import { planTypes, type PlanType } from './content-types';

/**
 * The CMS refuses what the site cannot publish, with the site's own rules: the entry schemas of
 * `@tcci/schemas` (the same ones the site's build parses with). So a build fails only for reasons
 * outside the content.
 *
 * - Saving: every value given must be valid (e.g. no whitespace-only text); a draft may still be
 *   incomplete, as Strapi allows.
 * - Publishing a locale: the whole entry must be valid in that locale, and every entry it links to
 *   must be published in that locale.
 * - Unpublishing or deleting: refused while a published entry needs the link to it (e.g. a
 *   challenge's vision area).
 */

type Doc = Record<string, unknown> & { documentId?: string };

interface Problem {
  field: string;
  message: string;
}

const typeOf = new Map<string, PlanType>(planTypes.map((type) => [type.uid, type]));
const keyOf = (collection: CollectionDef) => collection.key as CollectionKey;

const isBlank = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** What to populate to read an entry as the site sees it: relations (their slugs) and item lists. */
function populateFor(collection: CollectionDef): Record<string, unknown> {
  const populate: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(collection.fields)) {
    if (field.attribute.type === 'relation') populate[name] = { fields: ['slug', 'documentId'] };
    if (field.attribute.type === 'itemList') populate[name] = true;
  }
  return populate;
}

/** One locale version of an entry in the shape of the site's entry schema (relations as slugs). */
function toEntry(collection: CollectionDef, doc: Doc): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(collection.fields)) {
    const value = doc[name];
    if (value === null || value === undefined) continue;
    const attribute = field.attribute;
    // Relations given as Strapi's write operations ({ set: … }) are not links yet: left out.
    if (attribute.type === 'itemList')
      entry[name] = Array.isArray(value) ? value.map((item: { text?: unknown }) => item?.text) : value;
    else if (attribute.type === 'relation' && attribute.cardinality === 'many') {
      if (Array.isArray(value)) entry[name] = value.map((target: Doc) => target?.slug);
    } else if (attribute.type === 'relation') {
      if ('slug' in (value as Doc)) entry[name] = (value as Doc).slug;
    } else entry[name] = value;
  }
  return entry;
}

function problemsOf(collection: CollectionDef, entry: Record<string, unknown>): Problem[] {
  const result = entrySchemas[keyOf(collection)].safeParse(entry);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    field: String(issue.path[0] ?? ''),
    message: issue.input === undefined ? 'is missing' : issue.message,
  }));
}

/** Refuses with the field named (label and name) and the locale, as the admin shows it. */
function refuse(collection: CollectionDef, locale: string, action: string, problems: Problem[]): never {
  const describe = ({ field, message }: Problem) => {
    const label = collection.fields[field]?.label;
    return `${label ? `"${label}" (${field})` : field} ${message}`;
  };
  throw new errors.ValidationError(
    `${action} ${collection.displayName} (${locale}): ${problems.map(describe).join('; ')}.`,
    {
      errors: problems.map(({ field, message }) => ({ path: [field], message, name: 'ValidationError' })),
    },
  );
}

/** Checks the values a save gives (not the ones it leaves out). */
function checkSave(collection: CollectionDef, data: Doc, locale: string): void {
  const problems: Problem[] = [];
  for (const [name, field] of Object.entries(collection.fields)) {
    const value = data[name];
    const attribute = field.attribute;
    if (isBlank(value) || attribute.type === 'relation') continue;
    const given = attribute.type === 'itemList' ? toEntry(collection, { [name]: value })[name] : value;
    const result = field.entry.safeParse(given);
    if (!result.success) problems.push({ field: name, message: result.error.issues[0]?.message ?? 'is not valid' });
  }
  if (problems.length > 0) refuse(collection, locale, 'Cannot save', problems);
}

function localesOf(locale: unknown): string[] | undefined {
  if (locale === undefined || locale === null) return [defaultLocale];
  if (locale === '*') return undefined;
  const list = Array.isArray(locale) ? locale : [locale];
  return list.filter((value): value is string => typeof value === 'string' && isLocale(value));
}

/** Checks that a locale version can be published: valid as a whole, and every link to a published entry. */
async function checkPublish(strapi: Core.Strapi, type: PlanType, documentId: string, locale: string): Promise<void> {
  const { collection, uid } = type;
  const draft = (await strapi.documents(uid).findOne({
    documentId,
    locale,
    status: 'draft',
    populate: populateFor(collection),
  } as never)) as Doc | null;
  if (!draft) return;
  const problems = problemsOf(collection, toEntry(collection, draft));
  for (const [name, field] of Object.entries(collection.fields)) {
    const attribute = field.attribute;
    if (attribute.type !== 'relation' || isBlank(draft[name])) continue;
    const target = planTypes.find((t) => t.collection.key === attribute.target);
    if (!target) continue;
    for (const linked of ([] as Doc[]).concat(draft[name] as Doc | Doc[])) {
      const published = await strapi
        .documents(target.uid)
        .findOne({ documentId: linked.documentId!, locale, status: 'published' } as never);
      if (!published)
        problems.push({ field: name, message: `links "${String(linked.slug)}", which is not published in ${locale}` });
    }
  }
  if (problems.length > 0) refuse(collection, locale, 'Cannot publish', problems);
}

/**
 * Checks that no published entry needs a link to this one: taking the entry away (unpublishing or
 * deleting it) must leave every published entry that links to it valid.
 */
async function checkTakeDown(
  strapi: Core.Strapi,
  type: PlanType,
  documentId: string,
  locales: string[] | undefined,
  action: string,
) {
  const { collection } = type;
  for (const other of planTypes) {
    for (const [name, field] of Object.entries(other.collection.fields)) {
      const attribute = field.attribute;
      if (attribute.type !== 'relation' || attribute.target !== collection.key) continue;
      const referrers = (await strapi.documents(other.uid).findMany({
        status: 'published',
        locale: locales ?? '*',
        filters: { [name]: { documentId } },
        populate: populateFor(other.collection),
        limit: -1,
      } as never)) as Doc[];
      for (const referrer of referrers) {
        const entry = toEntry(other.collection, referrer);
        const links = referrer[name];
        entry[name] = Array.isArray(links)
          ? (links as Doc[]).filter((target) => target.documentId !== documentId).map((target) => target.slug)
          : undefined;
        const broken = problemsOf(other.collection, entry).filter((problem) => problem.field === name);
        if (broken.length > 0) {
          const locale = typeof referrer.locale === 'string' ? referrer.locale : '';
          const named = typeof referrer.slug === 'string' ? referrer.slug : referrer.documentId;
          throw new errors.ValidationError(
            `Cannot ${action} this ${collection.displayName} (${locale}): the published ${other.collection.displayName} "${named}" links to it in "${field.label}" (${name}). Change that link first.`,
          );
        }
      }
    }
  }
}

/** Installs the checks on the Document Service: every write of plan content passes through them. */
export function validatePlanWrites(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const type = typeOf.get(context.uid);
    if (!type) return next();
    const params = (context.params ?? {}) as { documentId?: string; locale?: unknown; data?: Doc; status?: string };
    const { collection } = type;
    switch (context.action) {
      case 'create':
      case 'update': {
        const locale = typeof params.locale === 'string' ? params.locale : defaultLocale;
        if (params.data) checkSave(collection, params.data, locale);
        if (params.status === 'published') {
          // A write that publishes at once (e.g. the seed import) must be publishable as it stands.
          const entry = toEntry(collection, params.data ?? {});
          const problems = problemsOf(collection, entry).filter(
            (p) => collection.fields[p.field]?.attribute.type !== 'relation',
          );
          if (problems.length > 0) refuse(collection, locale, 'Cannot publish', problems);
        }
        break;
      }
      case 'publish': {
        if (!params.documentId) break;
        const locales = localesOf(params.locale) ?? [
          ...new Set(await draftLocales(strapi, type.uid, params.documentId)),
        ];
        for (const locale of locales) await checkPublish(strapi, type, params.documentId, locale);
        break;
      }
      case 'unpublish':
      case 'delete': {
        if (params.documentId)
          await checkTakeDown(strapi, type, params.documentId, localesOf(params.locale), context.action);
        break;
      }
      default:
        break;
    }
    return next();
  });
}

async function draftLocales(strapi: Core.Strapi, uid: UID.ContentType, documentId: string): Promise<string[]> {
  const versions = (await strapi.documents(uid).findMany({
    filters: { documentId },
    locale: '*',
    status: 'draft',
    fields: ['locale'],
  } as never)) as { locale?: string }[];
  return versions.map((version) => version.locale ?? defaultLocale);
}
