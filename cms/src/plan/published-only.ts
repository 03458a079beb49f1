import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { planUids } from './content-types';
import { isPreviewRequest } from './site-token';
import { isRecord, member, type Row } from './unknown';

type Where = Row;

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

/** Strapi's query builder (from its database package, which the CMS reaches only through Strapi). */
type QueryBuilder = ReturnType<Core.Strapi['db']['entityManager']['createQueryBuilder']>;

const published: Where = { publishedAt: { $notNull: true } };
const logical = new Set(['$and', '$or', '$not']);

/** Whether the request being served (if any) may read plan content that is not published. */
export function mayReadDrafts(strapi: Core.Strapi): boolean {
  const ctx = strapi.requestContext.get();
  if (!ctx) return true;
  // Koa types `ctx.state` as `any`: what Strapi's authentication put there is read as unknown.
  const auth = member(ctx.state, 'auth');
  if (member(member(auth, 'strategy'), 'name') === 'admin') return true;
  return isPreviewRequest(strapi, {
    tokenId: member(member(auth, 'credentials'), 'id'),
    authorization: ctx.request?.header?.authorization,
  });
}

/**
 * Rewrites a `where` so that every condition on a relation to a plan type only matches published
 * targets. `{ area: { title: { $startsWith: 'x' } } }` becomes
 * `{ area: { $and: [{ title: … }, { publishedAt: { $notNull: true } }] } }`.
 */
export function restrictWhere(strapi: Core.Strapi, uid: string, where: unknown): unknown {
  if (Array.isArray(where)) return where.map((item) => restrictWhere(strapi, uid, item));
  return isRecord(where) ? restrictConditions(strapi, uid, where) : where;
}

function restrictConditions(strapi: Core.Strapi, uid: string, where: Where): Where {
  // Strapi's metadata holds every model it loaded; a uid it does not know has no relations to restrict.
  const attributes = strapi.db.metadata.get(uid)?.attributes ?? {};
  const out: Where = {};
  for (const [key, value] of Object.entries(where)) {
    const attribute = attributes[key];
    if (logical.has(key)) {
      out[key] = restrictWhere(strapi, uid, value);
    } else if (attribute?.type === 'relation' && 'target' in attribute && attribute.target) {
      // Components are relations here too (to their own tables), and so are restricted inside.
      // A bare value or bare operators on a relation compare the target's id.
      const conditions =
        isRecord(value) && Object.keys(value).some((k) => !k.startsWith('$') || logical.has(k))
          ? restrictConditions(strapi, attribute.target, value)
          : { id: value };
      out[key] = planUids.has(attribute.target) ? { $and: [conditions, published] } : conditions;
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** A `filters` given as a function of the query's context (Strapi calls it with its own arguments). */
const isFiltersFunction = (filters: unknown): filters is (...args: unknown[]) => unknown =>
  typeof filters === 'function';

/** Restricts one query builder of a plan content type to published rows, when it is processed. */
function restrict(strapi: Core.Strapi, uid: string, qb: QueryBuilder): QueryBuilder {
  const processState = qb.processState.bind(qb);
  const clone = qb.clone.bind(qb);
  qb.processState = () => {
    const { state } = qb;
    if (!state.processed) {
      state.where = [...state.where.map((where) => restrictConditions(strapi, uid, where)), published];
      // Strapi's query state types `filters` as `any`: an object, a function returning one, or nothing.
      const filters: unknown = state.filters;
      if (isFiltersFunction(filters)) {
        state.filters = (...args: unknown[]) => restrictWhere(strapi, uid, filters(...args));
      } else if (filters !== null && filters !== undefined) {
        state.filters = restrictWhere(strapi, uid, filters);
      }
    }
    processState();
  };
  qb.clone = () => restrict(strapi, uid, clone());
  return qb;
}

/** Installs the restriction in the database layer: every query builder of a plan type goes through it. */
export function restrictQueriesToPublished(strapi: Core.Strapi): void {
  const entityManager = strapi.db.entityManager;
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
      const params: Record<string, unknown> = context.params ?? {};
      const asks = ['publicationFilter', 'hasPublishedVersion'].filter((name) => params[name] !== undefined);
      if (params.status !== undefined && params.status !== 'published') asks.unshift('status');
      if (asks.length > 0)
        throw new errors.ForbiddenError(`Only published content is served (refused: ${asks.join(', ')}).`);
      params.status = 'published';
    }
    return next();
  });
}
