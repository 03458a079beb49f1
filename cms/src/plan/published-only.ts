import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { planUids } from './content-types';
import { isPreviewRequest } from './site-token';

/**
 * Published only, for everyone but the editors.
 *
 * Every database query on a plan content type made while serving a request is restricted to
 * published rows — at the top level, in every populated relation (including `localizations`, which
 * Strapi joins on the document id and so reaches drafts), and inside every filter on a relation —
 * unless the request comes from the admin (editors, signed in) or carries the preview token. The
 * restriction sits in the database layer, below REST, GraphQL and the Document Service, so no route,
 * path spelling, query shape or argument can get around it. Code that runs outside a request
 * (bootstrap, the seed import, the export) is not restricted.
 *
 * A Document Service middleware in front of it refuses, with a clear 403, the requests that ask for
 * drafts outright (`status=draft`, `publicationFilter`, `hasPublishedVersion`), so a caller learns
 * why instead of getting an empty answer.
 */

type RequestContext = Parameters<typeof isPreviewRequest>[0] & {
  state?: { auth?: { strategy?: { name?: string } } };
};

type Where = Record<string, unknown>;

const published: Where = { publishedAt: { $notNull: true } };
const logical = new Set(['$and', '$or', '$not']);

/** Whether the request being served (if any) may read plan content that is not published. */
export function mayReadDrafts(strapi: Core.Strapi): boolean {
  const ctx = strapi.requestContext.get() as RequestContext | undefined;
  if (!ctx) return true;
  if (ctx.state?.auth?.strategy?.name === 'admin') return true;
  return isPreviewRequest(ctx);
}

const isPlainObject = (value: unknown): value is Where =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

interface Attribute {
  type: string;
  target?: string;
  component?: string;
}

/**
 * Rewrites a `where` so that every condition on a relation to a plan type only matches published
 * targets. `{ area: { title: { $startsWith: 'x' } } }` becomes
 * `{ area: { $and: [{ title: … }, { publishedAt: { $notNull: true } }] } }`.
 */
export function restrictWhere(strapi: Core.Strapi, uid: string, where: unknown): unknown {
  if (Array.isArray(where)) return where.map((item) => restrictWhere(strapi, uid, item));
  if (!isPlainObject(where)) return where;
  const attributes = (strapi.db.metadata.get(uid)?.attributes ?? {}) as Record<string, Attribute>;
  const out: Where = {};
  for (const [key, value] of Object.entries(where)) {
    const attribute = attributes[key];
    if (logical.has(key)) {
      out[key] = restrictWhere(strapi, uid, value);
    } else if (attribute?.type === 'relation' && attribute.target) {
      // A bare value or bare operators on a relation compare the target's id.
      const conditions =
        isPlainObject(value) && Object.keys(value).some((k) => !k.startsWith('$') || logical.has(k))
          ? restrictWhere(strapi, attribute.target, value)
          : { id: value };
      out[key] = planUids.has(attribute.target) ? { $and: [conditions, published] } : conditions;
    } else if (attribute?.type === 'component' && attribute.component && isPlainObject(value)) {
      out[key] = restrictWhere(strapi, attribute.component, value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

interface QueryBuilder {
  state: { where: unknown[]; filters: unknown; processed: boolean };
  // Function-typed properties, not methods: restrict() replaces them and calls the originals on `this`.
  processState: (this: QueryBuilder) => void;
  clone: (this: QueryBuilder) => QueryBuilder;
}

/** Restricts one query builder of a plan content type to published rows, when it is processed. */
function restrict(strapi: Core.Strapi, uid: string, qb: QueryBuilder): QueryBuilder {
  const processState = qb.processState;
  const clone = qb.clone;
  qb.processState = function (this: QueryBuilder) {
    if (!this.state.processed) {
      const { state } = this;
      state.where = [...state.where.map((where) => restrictWhere(strapi, uid, where)), published];
      const filters = state.filters;
      if (typeof filters === 'function') {
        state.filters = (...args: unknown[]) =>
          restrictWhere(strapi, uid, (filters as (...a: unknown[]) => unknown)(...args));
      } else if (filters !== null && filters !== undefined) {
        state.filters = restrictWhere(strapi, uid, filters);
      }
    }
    return processState.call(this);
  };
  qb.clone = function (this: QueryBuilder) {
    return restrict(strapi, uid, clone.call(this));
  };
  return qb;
}

/** Installs the restriction in the database layer: every query builder of a plan type goes through it. */
export function restrictQueriesToPublished(strapi: Core.Strapi): void {
  const entityManager = strapi.db.entityManager as unknown as { createQueryBuilder(uid: string): QueryBuilder };
  const create = entityManager.createQueryBuilder.bind(entityManager);
  entityManager.createQueryBuilder = (uid: string) => {
    const qb = create(uid);
    return planUids.has(uid) && !mayReadDrafts(strapi) ? restrict(strapi, uid, qb) : qb;
  };
}

const readActions = new Set(['findMany', 'findFirst', 'findOne', 'count']);

/**
 * Refuses, with a 403 that says why, a request that asks for drafts outright. (Without this the
 * database layer would still answer with published content only.)
 */
export function refuseDraftRequests(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (planUids.has(context.uid) && readActions.has(context.action) && !mayReadDrafts(strapi)) {
      const params = (context.params ?? {}) as Record<string, unknown>;
      const asks = ['publicationFilter', 'hasPublishedVersion'].filter((name) => params[name] !== undefined);
      if (params.status !== undefined && params.status !== 'published') asks.unshift('status');
      if (asks.length > 0)
        throw new errors.ForbiddenError(`Only published content is served (refused: ${asks.join(', ')}).`);
      params.status = 'published';
    }
    return next();
  });
}
