import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * The content API serves published content only. Strapi lets any caller allowed to `find` ask for
 * drafts (REST `?status=draft`); this refuses such requests on the REST API. GraphQL is guarded in
 * the resolvers (see plan/graphql.ts).
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
  return async (ctx, next) => {
    if (ctx.path.startsWith(`${prefix}/`)) {
      const status = ctx.query?.status;
      if (status !== undefined && String(status).toLowerCase() !== 'published') {
        throw new errors.ForbiddenError('Only published content is served.');
      }
    }
    await next();
  };
};
