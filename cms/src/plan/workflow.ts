import type { Core } from '@strapi/strapi';
import { defaultLocale, locales, localizedFieldNames, type CollectionDef } from '@tcci/schemas';
import { planTypeOf, versionRows, type PlanUid } from './content-types';
import { isoOr, isRecord, localesOf, member, records, stringOr, type Row } from './unknown';

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

/**
 * Keeps the editors' workflow fields (schemas' `workflowFields`) on the Document Service, whoever
 * writes (the admin, the seed import):
 *
 * - **Translations in step.** Saving the Japanese with a changed text marks every translation's
 *   draft "English needs review" with the time (written to those rows directly, so their status in
 *   the admin does not change). Saving a translation with a changed text clears its mark (so does
 *   clearing it by hand, to confirm it is still right); publishing it as it is does not. Publishing
 *   the Japanese carries the translations' marks to their published versions, where the site reads
 *   them for the notice on a translated page; a published translation shows a mark only once the
 *   Japanese change it is about is published too.
 * - **Change notes.** When a locale is published with a change note it did not have when last
 *   published, the note is dated (`changeNotedAt`, on the published version and the draft); a
 *   republish keeps the date.
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
      const changed = changesText(collection, data, current);
      if (locale !== defaultLocale) {
        // A translation edited is a translation reviewed; otherwise its mark stays as given (as it
        // was, or cleared by hand to confirm it).
        if (changed) data.englishNeedsReview = false;
        return next();
      }
      // The Japanese carries no mark of its own.
      delete data.englishNeedsReview;
      delete data.japaneseRevisedAt;
      const result = await next();
      if (changed)
        await strapi.db.query(uid).updateMany({
          where: { ...versionRows(documentId, 'draft'), locale: { $ne: defaultLocale } },
          data: { englishNeedsReview: true, japaneseRevisedAt: new Date() },
        });
      return result;
    }
    if (context.action !== 'publish' || !documentId) return next();
    const published = localesOf(params.locale) ?? [...locales];
    const before = await notesOf(strapi, uid, documentId, published);
    const result = await next();
    await afterPublish(strapi, uid, documentId, published, before);
    return result;
  });
}

type Notes = Map<string, { note?: string; notedAt?: string }>;

async function notesOf(strapi: Core.Strapi, uid: PlanUid, documentId: string, locales: string[]): Promise<Notes> {
  const rows: unknown[] = await strapi.db.query(uid).findMany({
    where: { ...versionRows(documentId, 'published'), locale: { $in: locales } },
    select: ['locale', 'changeNote', 'changeNotedAt'],
  });
  return new Map(
    rows.map((row) => [
      String(member(row, 'locale')),
      { note: stringOr(member(row, 'changeNote')), notedAt: isoOr(member(row, 'changeNotedAt')) },
    ]),
  );
}

/** The review marks of a document's translations' drafts, and when its Japanese was last published. */
async function reviewState(strapi: Core.Strapi, uid: PlanUid, documentId: string) {
  const rows = strapi.db.query(uid);
  const drafts: unknown[] = await rows.findMany({
    where: { ...versionRows(documentId, 'draft'), locale: { $ne: defaultLocale } },
    select: ['locale', 'englishNeedsReview', 'japaneseRevisedAt'],
  });
  const japanese: unknown = await rows.findOne({
    where: versionRows(documentId, 'published', defaultLocale),
    select: ['publishedAt'],
  });
  const japanesePublished = isoOr(member(japanese, 'publishedAt'));
  return drafts.map((draft) => {
    const since = isoOr(member(draft, 'japaneseRevisedAt'));
    // Public only once the Japanese change it is about is.
    const due =
      member(draft, 'englishNeedsReview') === true &&
      since !== undefined &&
      japanesePublished !== undefined &&
      Date.parse(japanesePublished) >= Date.parse(since);
    return { locale: String(member(draft, 'locale')), due, since };
  });
}

async function afterPublish(
  strapi: Core.Strapi,
  uid: PlanUid,
  documentId: string,
  published: string[],
  before: Notes,
): Promise<void> {
  const rows = strapi.db.query(uid);
  // The translations' published marks, as their drafts' stand now that this locale is published.
  for (const { locale, due, since } of await reviewState(strapi, uid, documentId)) {
    if (!published.includes(locale) && !published.includes(defaultLocale)) continue;
    await rows.updateMany({
      where: versionRows(documentId, 'published', locale),
      data: { englishNeedsReview: due, japaneseRevisedAt: due ? since : null },
    });
  }
  for (const locale of published) {
    const draft: unknown = await rows.findOne({
      where: versionRows(documentId, 'draft', locale),
      select: ['changeNote'],
    });
    if (!draft) continue;
    const note = stringOr(member(draft, 'changeNote'))?.trim();
    const previous = before.get(locale);
    const notedAt = !note ? null : note === previous?.note?.trim() && previous.notedAt ? previous.notedAt : new Date();
    // The draft shows the editors the date too (written to the row directly: it is no edit).
    await rows.updateMany({ where: { documentId, locale }, data: { changeNotedAt: notedAt } });
  }
}
