import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { graphqlQueryNames } from '@tcci/schemas';
import { planTypes } from './content-types';
import { previewTokenName } from './site-token';

/**
 * Refuses any query that asks for drafts: the content API serves published content only, except to
 * the preview token.
 */
const publishedOnly = async (next, parent, args, context, info) => {
  const asksForDrafts =
    args?.status !== undefined && args.status !== null && String(args.status).toLowerCase() !== 'published';
  if (asksForDrafts && context?.state?.auth?.credentials?.name !== previewTokenName) {
    throw new errors.ForbiddenError('Only published content is served.');
  }
  return next(parent, args, context, info);
};

/** Puts the published-only guard on every query of every plan content type. */
export function guardGraphqlQueries(strapi: Core.Strapi): void {
  const resolversConfig: Record<string, { middlewares: unknown[] }> = {};
  for (const { collection } of planTypes) {
    for (const name of graphqlQueryNames(collection)) {
      resolversConfig[`Query.${name}`] = { middlewares: [publishedOnly] };
    }
  }
  strapi
    .plugin('graphql')
    .service('extension')
    .use(() => ({ resolversConfig }));
}
