import { collections, contentTypeUid, type CollectionDef } from '@tcci/schemas';
import type { UID } from '@strapi/strapi';

/** A collection of the plan and the uid of its Strapi content type. */
export interface PlanType {
  collection: CollectionDef;
  uid: UID.ContentType;
}

/** Every content type of the plan, in the model's order (relation targets before the entries that link to them). */
export const planTypes: PlanType[] = (Object.values(collections) as CollectionDef[]).map((collection) => ({
  collection,
  uid: contentTypeUid(collection) as UID.ContentType,
}));

export const planUids = new Set<string>(planTypes.map((t) => t.uid));
