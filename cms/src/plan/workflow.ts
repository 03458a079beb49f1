import type { Core } from '@strapi/strapi';
import { defaultLocale, isLocale, locales, localizedFieldNames, type CollectionDef } from '@tcci/schemas';
import { planTypeOf, type PlanUid } from './content-types';
import { isRecord, member, records, stringOr, type Row } from './unknown';

/** A field's value as it compares: item lists as their texts, text as it is. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return records(value).map((item) => stringOr(item.text) ?? '');
  return value ?? null;
}

/** Whether `data` changes a localised field of `current` (a field `data` does not hold is unchanged). */
function changesText(collection: CollectionDef, data: Row, current: Row | null): boolean {
  return localizedFieldNames(collection).some(
    (name) => name in data && JSON.stringify(comparable(data[name])) !== JSON.stringify(comparable(current?.[name])),
  );
}

const itemLists = (collection: CollectionDef) =>
  Object.fromEntries(
    Object.entries(collection.fields)
      .filter(([, field]) => field.attribute.type === 'itemList')
      .map(([name]) => [name, true]),
  );

/** The rows of one document: its draft or published versions, in one locale or all. */
const rowsOf = (documentId: string, status: 'draft' | 'published', locale?: string) => ({
  documentId,
  publishedAt: status === 'draft' ? null : { $notNull: true },
  ...(locale ? { locale } : {}),
});

/** The locales a publish names (`'*'` or a list: every locale). */
function publishedLocales(locale: unknown): string[] {
  if (typeof locale === 'string' && isLocale(locale)) return [locale];
  if (locale === undefined || locale === null) return [defaultLocale];
  return [...locales];
}

/**
 * Keeps the editors' workflow fields (schemas' `workflowFields`) on the Document Service, whoever
 * writes (the admin, the seed import):
 *
 * - **Translations in step.** Saving the Japanese with a changed text, while an English version
 *   exists, marks the entry "English needs review" with the time (both are shared fields: Strapi's
 *   i18n copies them to the English draft). Saving the English with a change clears the mark (so
 *   does clearing it by hand, to confirm the English is still right); publishing it as it is does not. Publishing the Japanese carries its mark to the
 *   published versions, where the site reads it for the English page's notice; publishing the English
 *   once reviewed clears it there. A mark reaches the public only with the Japanese change it is about.
 * - **Change notes.** When a locale is published with a change note it did not have when last
 *   published, the note is dated (`changeNotedAt`); a republish keeps the date.
 */
export function trackWorkflow(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const type = planTypeOf(context.uid);
    if (!type) return next();
    const { uid, collection } = type;
    const params: Row = context.params ?? {};
    const documentId = stringOr(params.documentId);
    const data = isRecord(params.data) ? params.data : undefined;
    if (context.action === 'update' && documentId && data) {
      const locale = stringOr(params.locale) ?? defaultLocale;
      const current: Row | null = await strapi
        .documents(uid)
        .findOne({ documentId, locale, status: 'draft', populate: itemLists(collection) as never });
      if (changesText(collection, data, current)) {
        if (locale !== defaultLocale) {
          // A translation edited is a translation reviewed.
          data.englishNeedsReview = false;
        } else if (await strapi.db.query(uid).findOne({ where: rowsOf(documentId, 'draft', 'en'), select: ['id'] })) {
          data.englishNeedsReview = true;
          data.japaneseRevisedAt = new Date().toISOString();
        }
      }
      // Otherwise the mark stays as given: as it was, or cleared by hand to confirm the English.
      return next();
    }
    if (context.action !== 'publish' || !documentId) return next();
    const published = publishedLocales(params.locale);
    const before = await notesOf(strapi, uid, documentId, published);
    const result = await next();
    await afterPublish(strapi, uid, documentId, published, before);
    return result;
  });
}

type Notes = Map<string, { note?: string; notedAt?: string }>;

async function notesOf(strapi: Core.Strapi, uid: PlanUid, documentId: string, locales: string[]): Promise<Notes> {
  const rows: unknown[] = await strapi.db.query(uid).findMany({
    where: { ...rowsOf(documentId, 'published'), locale: { $in: locales } },
    select: ['locale', 'changeNote', 'changeNotedAt'],
  });
  return new Map(
    rows.map((row) => [
      String(member(row, 'locale')),
      { note: stringOr(member(row, 'changeNote')), notedAt: dateOr(member(row, 'changeNotedAt')) },
    ]),
  );
}

const dateOr = (value: unknown): string | undefined =>
  value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : undefined;

async function afterPublish(
  strapi: Core.Strapi,
  uid: PlanUid,
  documentId: string,
  published: string[],
  before: Notes,
): Promise<void> {
  const rows = strapi.db.query(uid);
  for (const locale of published) {
    const draft: unknown = await rows.findOne({
      where: rowsOf(documentId, 'draft', locale),
      select: ['englishNeedsReview', 'japaneseRevisedAt', 'changeNote'],
    });
    if (!draft) continue;
    const needsReview = member(draft, 'englishNeedsReview') === true;
    if (locale === defaultLocale) {
      await rows.updateMany({
        where: rowsOf(documentId, 'published'),
        data: { englishNeedsReview: needsReview, japaneseRevisedAt: member(draft, 'japaneseRevisedAt') ?? null },
      });
    } else if (!needsReview) {
      await rows.updateMany({ where: rowsOf(documentId, 'published'), data: { englishNeedsReview: false } });
    }
    const note = stringOr(member(draft, 'changeNote'))?.trim();
    const previous = before.get(locale);
    const notedAt = !note ? null : note === previous?.note?.trim() && previous.notedAt ? previous.notedAt : new Date();
    await rows.updateMany({ where: rowsOf(documentId, 'published', locale), data: { changeNotedAt: notedAt } });
  }
}
