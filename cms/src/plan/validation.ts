import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  collections,
  defaultLocale,
  editionField,
  editionFieldName,
  entrySchemas,
  type CollectionDef,
} from '@tcci/schemas';
import { planTypeByKey, planTypeOf, planTypes, type PlanType, type PlanUid } from './content-types';
import { isRecord, localesOf, member, records, stringOr, type Row } from './unknown';

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
 * - Editions: every entry names its edition (the fiscal year), whose annual plan must exist; a
 *   slug is unique within its edition, a single type has one entry per edition, links stay inside
 *   the edition, and an annual plan cannot be deleted, or change its year, while its edition holds
 *   entries.
 */

interface Problem {
  field: string;
  message: string;
}

/** A row's edition (PostgreSQL may return numbers as strings). */
const yearOf = (value: unknown): number | undefined =>
  value === null || value === undefined || value === '' ? undefined : Number(value);

const isBlank = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** What to populate to read an entry as the site sees it: relations (their slugs) and item lists. */
function populateFor(collection: CollectionDef): Record<string, unknown> {
  const populate: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(collection.fields)) {
    if (field.attribute.type === 'relation') populate[name] = { fields: ['slug', 'documentId', editionFieldName] };
    if (field.attribute.type === 'itemList') populate[name] = true;
  }
  return populate;
}

/** One locale version of an entry in the shape of the site's entry schema (relations as slugs). */
function toEntry(collection: CollectionDef, doc: Row): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  const edition = yearOf(doc.edition);
  if (edition !== undefined) entry.edition = edition;
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
    const label = field === editionFieldName ? editionField.label : collection.fields[field]?.label;
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
      else if (linked.edition !== draft.edition)
        problems.push({
          field: name,
          message: `links "${String(linked.slug)}" of fiscal ${String(linked.edition)}, not of this entry's edition (fiscal ${String(draft.edition)}): link the entry of the same year`,
        });
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

const annualPlan = planTypeByKey(collections.annualPlan.key)!;

/** The edition and the slug a document holds now (any locale, any status), if it exists. */
async function currentOf(strapi: Core.Strapi, type: PlanType, documentId: string | undefined) {
  if (!documentId) return undefined;
  const row: unknown = await strapi.db.query(type.uid).findOne({ where: { documentId } });
  return isRecord(row) ? { edition: yearOf(row.edition), slug: stringOr(row.slug) } : undefined;
}

/** How many entries of an edition the other collections hold (in the given locales, or all). */
async function entriesOfEdition(strapi: Core.Strapi, edition: number, locales?: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const type of planTypes) {
    if (type.uid === annualPlan.uid) continue;
    const where = { edition, ...(locales ? { locale: { $in: locales } } : {}) };
    const count = await strapi.db.query(type.uid).count({ where });
    if (count > 0) found.push(`${type.collection.displayName}`);
  }
  return found;
}

/**
 * The edition rules of a save: the entry names an edition whose annual plan exists, is the only
 * entry of a single type in it, and has a slug no other entry of the edition has.
 */
async function checkEdition(
  strapi: Core.Strapi,
  type: PlanType,
  documentId: string | undefined,
  data: Row,
  locale: string,
): Promise<void> {
  const { collection } = type;
  const current = await currentOf(strapi, type, documentId);
  const given = yearOf(data.edition);
  const edition = given ?? current?.edition;
  const refuseEdition = (message: string) =>
    refuse(collection, locale, 'Cannot save', [{ field: editionFieldName, message }]);
  if (edition === undefined) refuseEdition('is missing: give the fiscal year of the plan this entry belongs to');
  const valid = editionField.entry.safeParse(edition);
  if (!valid.success) refuseEdition(valid.error.issues[0]?.message ?? 'is not a fiscal year');
  if (type.uid !== annualPlan.uid) {
    const plan = await strapi.db.query(annualPlan.uid).count({ where: { edition } });
    if (plan === 0)
      refuseEdition(
        `is ${edition}, and fiscal ${edition} has no annual plan: create the annual plan of fiscal ${edition} first`,
      );
  } else if (current?.edition !== undefined && given !== undefined && given !== current.edition) {
    const held = await entriesOfEdition(strapi, current.edition);
    if (held.length > 0)
      refuseEdition(
        `cannot change from ${current.edition} to ${given} while fiscal ${current.edition} holds entries (${held.join(', ')})`,
      );
  }
  const others = { edition, ...(documentId ? { documentId: { $ne: documentId } } : {}) };
  if (collection.kind === 'single') {
    if ((await strapi.db.query(type.uid).count({ where: others })) > 0)
      refuseEdition(`is ${edition}, and fiscal ${edition} has its ${collection.displayName} already (one per edition)`);
    return;
  }
  const slug = stringOr(data.slug) ?? current?.slug;
  if (slug && (await strapi.db.query(type.uid).count({ where: { ...others, slug } })) > 0)
    refuse(collection, locale, 'Cannot save', [
      {
        field: 'slug',
        message: `"${slug}" is taken by another ${collection.displayName} of fiscal ${edition} (a slug is unique within its edition)`,
      },
    ]);
}

/** An annual plan cannot be deleted while its edition holds entries (they would belong to no edition). */
async function checkEditionDelete(strapi: Core.Strapi, documentId: string, locales: string[] | undefined) {
  const current = await currentOf(strapi, annualPlan, documentId);
  if (current?.edition === undefined) return;
  const held = await entriesOfEdition(strapi, current.edition, locales);
  if (held.length > 0)
    throw new errors.ValidationError(
      `Cannot delete the annual plan of fiscal ${current.edition}: its edition still holds entries (${held.join(', ')}). Delete them first.`,
    );
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
        await checkEdition(strapi, type, documentId, data ?? {}, locale);
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
        if (documentId && context.action === 'delete' && type.uid === annualPlan.uid)
          await checkEditionDelete(strapi, documentId, localesOf(params.locale));
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
