import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { defaultLocale, entrySchemas, isLocale, type CollectionDef } from '@tcci/schemas';
import { planTypeByKey, planTypeOf, planTypes, type PlanType, type PlanUid } from './content-types';
import { isRecord, member, records, stringOr, type Row } from './unknown';

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

interface Problem {
  field: string;
  message: string;
}

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
function toEntry(collection: CollectionDef, doc: Row): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(collection.fields)) {
    const value = doc[name];
    if (value === null || value === undefined) continue;
    const attribute = field.attribute;
    // Relations given as Strapi's write operations ({ set: … }) are not links yet: left out.
    if (attribute.type === 'itemList')
      entry[name] = Array.isArray(value) ? value.map((item) => member(item, 'text')) : value;
    else if (attribute.type === 'relation' && attribute.cardinality === 'many') {
      if (Array.isArray(value)) entry[name] = value.map((target) => member(target, 'slug'));
    } else if (attribute.type === 'relation') {
      if (isRecord(value) && 'slug' in value) entry[name] = value.slug;
    } else entry[name] = value;
  }
  return entry;
}

function problemsOf({ key }: PlanType, entry: Record<string, unknown>): Problem[] {
  const result = entrySchemas[key].safeParse(entry);
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
function checkSave(collection: CollectionDef, data: Row, locale: string): void {
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
  const draft: Row | null = await strapi.documents(uid).findOne({
    documentId,
    locale,
    status: 'draft',
    populate: populateFor(collection),
  });
  if (!draft) return;
  const problems = problemsOf(type, toEntry(collection, draft));
  for (const [name, field] of Object.entries(collection.fields)) {
    const attribute = field.attribute;
    const value = draft[name];
    if (attribute.type !== 'relation' || isBlank(value)) continue;
    const target = planTypeByKey(attribute.target);
    if (!target) continue;
    for (const linked of Array.isArray(value) ? records(value) : isRecord(value) ? [value] : []) {
      const linkedId = stringOr(linked.documentId);
      const published =
        linkedId && (await strapi.documents(target.uid).findOne({ documentId: linkedId, locale, status: 'published' }));
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
      const referrers: Row[] = await strapi.documents(other.uid).findMany({
        status: 'published',
        locale: locales ?? '*',
        filters: { [name]: { documentId } },
        populate: populateFor(other.collection),
        limit: -1,
      });
      for (const referrer of referrers) {
        const entry = toEntry(other.collection, referrer);
        const links = referrer[name];
        entry[name] = Array.isArray(links)
          ? records(links)
              .filter((target) => target.documentId !== documentId)
              .map((target) => target.slug)
          : undefined;
        const broken = problemsOf(other, entry).filter((problem) => problem.field === name);
        if (broken.length > 0) {
          const locale = typeof referrer.locale === 'string' ? referrer.locale : '';
          const named = stringOr(referrer.slug) ?? String(referrer.documentId);
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
    const type = planTypeOf(context.uid);
    if (!type) return next();
    // The parameters of every action of every content type: read as what they may hold.
    const params: Row = context.params ?? {};
    const documentId = stringOr(params.documentId);
    const data = isRecord(params.data) ? params.data : undefined;
    const { collection } = type;
    switch (context.action) {
      case 'create':
      case 'update': {
        const locale = typeof params.locale === 'string' ? params.locale : defaultLocale;
        if (data) checkSave(collection, data, locale);
        if (params.status === 'published') {
          // A write that publishes at once (e.g. the seed import) must be publishable as it stands.
          const entry = toEntry(collection, data ?? {});
          const problems = problemsOf(type, entry).filter(
            (p) => collection.fields[p.field]?.attribute.type !== 'relation',
          );
          if (problems.length > 0) refuse(collection, locale, 'Cannot publish', problems);
        }
        break;
      }
      case 'publish': {
        if (!documentId) break;
        const locales = localesOf(params.locale) ?? [...new Set(await draftLocales(strapi, type.uid, documentId))];
        for (const locale of locales) await checkPublish(strapi, type, documentId, locale);
        break;
      }
      case 'unpublish':
      case 'delete': {
        if (documentId) await checkTakeDown(strapi, type, documentId, localesOf(params.locale), context.action);
        break;
      }
      default:
        break;
    }
    return next();
  });
}

async function draftLocales(strapi: Core.Strapi, uid: PlanUid, documentId: string): Promise<string[]> {
  const versions = await strapi.documents(uid).findMany({
    filters: { documentId },
    locale: '*',
    status: 'draft',
    fields: ['locale'],
  });
  return versions.map((version) => version.locale ?? defaultLocale);
}
