import type { Core } from '@strapi/strapi';
import { editionField, editionFieldName, workflowFields, type CollectionDef, type Field } from '@tcci/schemas';
import { fieldHint } from '@tcci/schemas/labels';
import { planTypes } from './content-types';
import { contentManagerContentTypes } from './strapi-services';

/** The column that names an entry in lists and relation pickers. */
function mainFieldOf(collection: CollectionDef): string {
  for (const name of ['name', 'title', 'text', 'summary', 'heading']) if (name in collection.fields) return name;
  return 'id';
}

/**
 * The columns an editor sees in a list: the edition (the list holds every year's entries; its
 * filter narrows it to one), what the entry is, then what tells entries apart.
 */
function listColumnsOf(collection: CollectionDef): string[] {
  const wanted = ['order', 'fiscalYear', mainFieldOf(collection), 'column', 'category', 'isNew', 'slug', 'area'];
  const columns = [editionFieldName, ...[...new Set(wanted)].filter((name) => name in collection.fields)];
  // Beside what names the entry: whether its translation is behind its Japanese (the list's filters
  // narrow to those; the Japanese list leaves the column out).
  columns.splice(columns.indexOf(mainFieldOf(collection)) + 1, 0, 'englishNeedsReview');
  return columns;
}

/**
 * Sets the content manager's views of every plan content type: labels and descriptions from the
 * model, useful list columns instead of ids, entries sorted by their order. Applied at every start,
 * so the views are defined here rather than by hand in the admin.
 */
export async function configureContentManager(strapi: Core.Strapi): Promise<void> {
  const service = contentManagerContentTypes(strapi);
  for (const { collection, uid } of planTypes) {
    const contentType = service.findContentType(uid);
    if (!contentType) throw new Error(`The content manager does not know the content type ${uid}.`);
    const current = await service.findConfiguration(contentType);
    const metadatas = { ...current.metadatas };
    const fields: [string, Field][] = [
      [editionFieldName, editionField],
      ...Object.entries(collection.fields),
      ...Object.entries(workflowFields),
    ];
    // The times the CMS records itself.
    const readOnly = new Set(['japaneseRevisedAt', 'changeNotedAt']);
    for (const [name, field] of fields) {
      const existing = metadatas[name] ?? { edit: {}, list: {} };
      metadatas[name] = {
        ...existing,
        edit: {
          ...existing.edit,
          label: field.label,
          // In Japanese and English (Strapi keeps one description per field, whatever the editor's
          // interface language); every one says whether the field is per language, since that is
          // what editors most often need to know. The label is translated by the admin (app.tsx).
          description: fieldHint(field),
          ...(readOnly.has(name) ? { editable: false } : {}),
        },
        list: { ...existing.list, label: field.label },
      };
    }
    const mainField = mainFieldOf(collection);
    // Lists by their order within an edition; one entry per edition (an annual plan), the newest first.
    const [sortField, sortOrder] =
      'order' in collection.fields
        ? ['order', 'ASC']
        : 'fiscalYear' in collection.fields
          ? ['fiscalYear', 'ASC']
          : [editionFieldName, collection.kind === 'single' ? 'DESC' : 'ASC'];
    await service.updateConfiguration(contentType, {
      ...current,
      settings: { ...current.settings, mainField, defaultSortBy: sortField, defaultSortOrder: sortOrder, pageSize: 50 },
      metadatas,
      layouts: { ...current.layouts, list: listColumnsOf(collection) },
    });
  }
}
