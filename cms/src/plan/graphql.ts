import type { Core } from '@strapi/strapi';
import { planTypes } from './content-types';
import { graphqlExtension } from './strapi-services';

/**
 * Takes out of the GraphQL schema what the site never asks for and what would reach other versions
 * of an entry: `localizations` (Strapi joins it on the document id, across drafts and locales). The
 * database layer already serves published rows only (plan/published-only.ts); this is a second wall.
 */
export function trimGraphqlSchema(strapi: Core.Strapi): void {
  const extension = graphqlExtension(strapi);
  for (const { uid } of planTypes) {
    extension.shadowCRUD(uid).field('localizations').disable();
  }
}

/**
 * Keeps `localizations` out of the content API (REST and GraphQL): a private attribute cannot be
 * populated, filtered or sorted on by any API token. The admin still sees it.
 */
export function hideLocalizations(strapi: Core.Strapi): void {
  for (const { uid } of planTypes) {
    const attribute = strapi.contentTypes[uid]?.attributes?.localizations;
    if (attribute) attribute.private = true;
  }
}
