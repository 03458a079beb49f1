import type { CollectionDef } from './collection.ts';
import { editionField, editionFieldName, workflowFields } from './collection.ts';
import { slugPattern, type Attribute, type Field } from './fields.ts';
import { collections } from './model.ts';

const slugRegex = slugPattern.source;

/** The Strapi component that holds one item of an item list (`focusItems`, `projects`). */
export const itemComponent = {
  uid: 'plan.item',
  schema: {
    collectionName: 'components_plan_items',
    info: { displayName: 'Item', description: 'One item of a list.' },
    options: {},
    attributes: { text: { type: 'text', required: true } },
  },
} as const;

/** Strapi's uid of a collection's content type, e.g. `api::branch-cluster.branch-cluster`. */
export function contentTypeUid(collection: CollectionDef): string {
  return `api::${collection.singularName}.${collection.singularName}`;
}

function findCollection(key: string): CollectionDef {
  const found = Object.values(collections).find((c) => c.key === key);
  if (!found) throw new Error(`The content model has no collection "${key}".`);
  return found;
}

function attributeFor(field: Field, name: string): Record<string, unknown> {
  const attribute: Attribute = field.attribute;
  const i18n = { pluginOptions: { i18n: { localized: field.localized } } };
  const common = { ...(field.required ? { required: true } : {}), ...(field.private ? { private: true } : {}) };
  switch (attribute.type) {
    case 'string':
    case 'text':
    case 'boolean':
    case 'datetime':
      return {
        type: attribute.type,
        ...common,
        ...('default' in attribute ? { default: attribute.default } : {}),
        ...i18n,
      };
    case 'uid':
      // A slug is unique within its edition, not across editions (the CMS checks it; see
      // cms/src/plan/validation.ts): Strapi's own uid type would refuse the same slug in two editions.
      return { type: 'string', regex: slugRegex, ...common, ...i18n };
    case 'integer':
    case 'decimal': {
      const { type, ...limits } = attribute;
      const defined = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
      return { type, ...common, ...defined, ...i18n };
    }
    case 'enumeration':
      return { type: 'enumeration', enum: [...attribute.enum], ...common, ...i18n };
    case 'itemList':
      return { type: 'component', repeatable: true, component: itemComponent.uid, ...common, ...i18n };
    case 'relation': {
      const target = contentTypeUid(findCollection(attribute.target));
      if (attribute.cardinality === 'one') {
        return {
          type: 'relation',
          relation: 'manyToOne',
          target,
          ...(attribute.inverse ? { inversedBy: attribute.inverse } : {}),
        };
      }
      if (attribute.inverse) {
        // The target's single link is the owning side (manyToOne … inversedBy); this side maps it.
        return { type: 'relation', relation: 'oneToMany', target, mappedBy: attribute.inverse };
      }
      return { type: 'relation', relation: 'manyToMany', target };
    }
    default: {
      const unknown: never = attribute;
      throw new Error(`Field "${name}" has an attribute type the generator does not know: ${JSON.stringify(unknown)}`);
    }
  }
}

/** The inverse side of two-way relations declared on other collections (e.g. `branch.cluster`). */
function inverseAttributes(collection: CollectionDef): Record<string, Record<string, unknown>> {
  const result: Record<string, Record<string, unknown>> = {};
  for (const other of Object.values(collections) as CollectionDef[]) {
    for (const [name, field] of Object.entries(other.fields)) {
      const attribute = field.attribute;
      if (attribute.type !== 'relation' || attribute.target !== collection.key || !attribute.inverse) continue;
      result[attribute.inverse] =
        attribute.cardinality === 'many'
          ? { type: 'relation', relation: 'manyToOne', target: contentTypeUid(other), inversedBy: name }
          : { type: 'relation', relation: 'oneToMany', target: contentTypeUid(other), mappedBy: name };
    }
  }
  return result;
}

/**
 * The `schema.json` of a collection's Strapi content type: localised (ja, en), draft & publish on,
 * each attribute localised or shared as the model says, and the edition's year first.
 */
export function toStrapiSchema(collection: CollectionDef) {
  const attributes: Record<string, Record<string, unknown>> = {};
  attributes[editionFieldName] = attributeFor(editionField, editionFieldName);
  for (const [name, field] of Object.entries(collection.fields)) attributes[name] = attributeFor(field, name);
  Object.assign(attributes, inverseAttributes(collection));
  for (const [name, field] of Object.entries(workflowFields)) attributes[name] = attributeFor(field, name);
  return {
    // Every collection is a collection type, a single one included: it holds one entry per edition.
    kind: 'collectionType',
    collectionName: collection.pluralName.replaceAll('-', '_'),
    info: {
      singularName: collection.singularName,
      pluralName: collection.pluralName,
      displayName: collection.displayName,
      description: collection.description,
    },
    options: { draftAndPublish: true },
    pluginOptions: { i18n: { localized: true } },
    attributes,
  };
}
