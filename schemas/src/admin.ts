/**
 * What the CMS admin's browser bundle reads of the model: the fields' names in each interface
 * language, as the content manager's message ids (`content-manager.content-types.<uid>.<field>`),
 * by which its edit view and its lists translate a field's label. Browser-safe (no Node modules).
 */
import { editionField, editionFieldName, workflowFields, type CollectionDef } from './collection.ts';
import type { Field } from './fields.ts';
import { fieldLabelsJa } from './labels.ts';
import type { Locale } from './locales.ts';
import { collections } from './model.ts';
import { contentTypeUid } from './strapi.ts';

/** Every plan field's name in `locale`, by the content manager's message id. */
export function adminFieldLabels(locale: Locale): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const collection of Object.values(collections) as CollectionDef[]) {
    const fields: Record<string, Field> = {
      [editionFieldName]: editionField,
      ...collection.fields,
      ...workflowFields,
    };
    for (const [name, field] of Object.entries(fields)) {
      const label = locale === 'ja' ? (fieldLabelsJa[field.label] ?? field.label) : field.label;
      messages[`content-manager.content-types.${contentTypeUid(collection)}.${name}`] = label;
    }
  }
  return messages;
}
