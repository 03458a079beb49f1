import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { locales } from '@tcci/schemas';
import { planTypeByKey, planUids } from './content-types';
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
 * Published means the edition too: an entry is served only in the locales where the annual plan of
 * its edition is published. A draft edition (next year's plan in the making) is invisible, however
 * many of its entries are published. The editions public in each locale are read once per request,
 * by the Document Service middleware below, before the request's first query; a query that runs in a
 * request without them matches no entry of any edition (it fails closed).
 *
 * A Document Service middleware in front of it refuses, with a clear 403, the requests that ask for
 * drafts outright (`status=draft`, `publicationFilter`, `hasPublishedVersion`), so a caller learns
 * why instead of getting an empty answer.
 */

/** Strapi's query builder (from its database package, which the CMS reaches only through Strapi). */
type QueryBuilder = ReturnType<Core.Strapi['db']['entityManager']['createQueryBuilder']>;

const published: Where = { publishedAt: { $notNull: true } };
const logical = new Set(['$and', '$or', '$not']);

const annualPlanUid = planTypeByKey('annualPlan')!.uid;

/** Per request being served: the editions public in each locale. */
const publicEditions = new WeakMap<object, Map<string, number[]>>();

/**
 * The editions whose annual plan is published, per locale, read below the restriction (an annual
 * plan's own rows decide; nothing else is read).
 */
async function readPublicEditions(strapi: Core.Strapi): Promise<Map<string, number[]>> {
  const meta = strapi.db.metadata.get(annualPlanUid);
  const column = (name: string) => {
    const attribute = meta.attributes[name];
    return attribute && 'columnName' in attribute && typeof attribute.columnName === 'string'
      ? attribute.columnName
      : name;
  };
  const rows: unknown[] = await strapi.db
    .connection(meta.tableName)
    .select({ edition: column('edition'), locale: column('locale') })
    .whereNotNull(column('publishedAt'));
  const byLocale = new Map<string, number[]>();
  for (const row of rows) {
    const locale = member(row, 'locale');
    const edition = Number(member(row, 'edition'));
    if (typeof locale !== 'string' || !Number.isInteger(edition)) continue;
    byLocale.set(locale, [...(byLocale.get(locale) ?? []), edition]);
  }
  return byLocale;
}

/**
 * The condition a row of an edition's entries must meet to be served: its edition public in its
 * locale. Without the public editions of the request (none read yet), no row meets it.
 */
function inPublicEdition(strapi: Core.Strapi): Where {
  const ctx = strapi.requestContext.get();
  const editions = ctx ? publicEditions.get(ctx) : undefined;
  if (!editions) return { id: { $in: [] } };
  return {
    $or: locales.map((locale) => ({ locale, edition: { $in: editions.get(locale) ?? [] } })),
  };
}

/** What a row of a plan type must meet to be served: published, and (but for an annual plan) of a public edition. */
function servable(strapi: Core.Strapi, uid: string): Where[] {
  return uid === annualPlanUid ? [published] : [published, inPublicEdition(strapi)];
}

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
      out[key] = planUids.has(attribute.target)
        ? { $and: [conditions, ...servable(strapi, attribute.target)] }
        : conditions;
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
      state.where = [...state.where.map((where) => restrictConditions(strapi, uid, where)), ...servable(strapi, uid)];
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
 * database layer would still answer with published content only.) And reads, once per request, the
 * editions that are public, for the database layer's restriction.
 */
export function refuseDraftRequests(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (planUids.has(context.uid) && readActions.has(context.action) && !mayReadDrafts(strapi)) {
      const ctx = strapi.requestContext.get();
      if (ctx && !publicEditions.has(ctx)) publicEditions.set(ctx, await readPublicEditions(strapi));
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
