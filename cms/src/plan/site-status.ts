import type { Core } from '@strapi/strapi';
import {
  entryUrl,
  isLocale,
  defaultLocale,
  buildFailureKinds,
  type BuildFailureKind,
  type EntryLiveState,
  type SiteStatus,
} from '@tcci/schemas';
import { hasSlug, planTypeByKey, planTypeOf } from './content-types';
import { isoOr, member, stringOr } from './unknown';

/**
 * Where the CMS reads the site's builds: SITE_STATUS_URL, or the rebuild service's /status beside
 * the webhook it calls (REBUILD_WEBHOOK_URL's /webhook → /status); undefined when neither is set.
 */
export function siteStatusUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = env.SITE_STATUS_URL?.trim();
  if (given) return given;
  const webhook = env.REBUILD_WEBHOOK_URL?.trim();
  if (!webhook) return undefined;
  const url = new URL(webhook);
  url.pathname = url.pathname.replace(/\/webhook\/?$/u, '') + '/status';
  url.search = '';
  return url.href;
}

const failureOr = (value: unknown): BuildFailureKind | undefined =>
  (buildFailureKinds as readonly unknown[]).includes(value) ? (value as BuildFailureKind) : undefined;

/** The rebuild service's /status of the public site, as the admin is told it (known fields only). */
export function readRebuildStatus(body: unknown): Omit<SiteStatus, 'configured' | 'reachable' | 'siteUrl' | 'entry'> {
  const site = member(body, 'site');
  const last = member(site, 'lastResult');
  const result = stringOr(member(last, 'result'));
  const finishedAt = isoOr(member(last, 'finishedAt'));
  const current = member(site, 'current');
  const startedAt = isoOr(member(current, 'startedAt'));
  const builtAt = isoOr(member(current, 'builtAt'));
  const queued = member(site, 'queued');
  const mode = member(site, 'mode') === 'ci' ? 'ci' : 'local';
  const run = member(member(site, 'ci'), 'run');
  if (mode === 'ci' && run) return fromCiRun(run, typeof queued === 'number' ? queued : 0);
  return {
    mode,
    building: isoOr(member(member(site, 'running'), 'startedAt')),
    queued: typeof queued === 'number' ? queued : 0,
    last:
      (result === 'success' || result === 'failure') && finishedAt
        ? {
            result,
            finishedAt,
            ...(result === 'failure'
              ? {
                  failure: failureOr(member(last, 'failure')) ?? 'build-error',
                  message: stringOr(member(last, 'error'))?.slice(0, 500),
                }
              : {}),
          }
        : undefined,
    online: startedAt && builtAt ? { startedAt, finishedAt: builtAt } : undefined,
  };
}

/**
 * In CI mode, the site is what the CI's latest run built and deployed: its status stands for the
 * last build (a run that did not succeed is a failed build; the run's page says why).
 */
function fromCiRun(run: unknown, queued: number): Omit<SiteStatus, 'configured' | 'reachable' | 'siteUrl' | 'entry'> {
  const state = stringOr(member(run, 'status'));
  const conclusion = stringOr(member(run, 'conclusion'));
  const startedAt = isoOr(member(run, 'startedAt'));
  const updatedAt = isoOr(member(run, 'updatedAt'));
  const url = stringOr(member(run, 'url'));
  const completed = state === 'completed' && updatedAt !== undefined;
  const succeeded = completed && conclusion === 'success';
  return {
    mode: 'ci',
    ...(url ? { ciRun: url } : {}),
    queued,
    building: completed ? undefined : startedAt,
    last: completed
      ? {
          result: succeeded ? 'success' : 'failure',
          finishedAt: updatedAt,
          ...(succeeded
            ? {}
            : { failure: 'build-error' as const, message: `The CI run ended: ${conclusion ?? 'unknown'}.` }),
        }
      : undefined,
    online: succeeded && startedAt ? { startedAt, finishedAt: updatedAt } : undefined,
  };
}

/** Where one entry stands on the public site, given the site's builds. */
async function entryState(
  strapi: Core.Strapi,
  status: Omit<SiteStatus, 'entry'>,
  { uid, documentId, locale }: { uid: string; documentId: string; locale: string },
): Promise<SiteStatus['entry']> {
  const type = planTypeOf(uid);
  if (!type || !isLocale(locale)) return undefined;
  const published = await strapi.documents(type.uid).findOne({ documentId, locale, status: 'published' });
  if (!published) return { state: 'unpublished' };
  const edition = typeof published.edition === 'number' ? published.edition : undefined;
  const plan = planTypeByKey('annualPlan')!;
  const year = await strapi
    .documents(plan.uid)
    .findFirst({ locale, status: 'published', filters: { edition } as never, fields: ['edition'] });
  if (!year) return { state: 'edition-unpublished' };
  const publishedAt = Date.parse(String(published.publishedAt));
  // Live once a build that started after the publication has been put online (in CI mode: handed to CI).
  const builtSince = status.online !== undefined && Date.parse(status.online.startedAt) >= publishedAt;
  // In CI mode without the run's outcome (no CI run known), a dispatch since is all that is known.
  const state: EntryLiveState = builtSince
    ? status.mode === 'ci' && !status.ciRun
      ? 'handed-to-ci'
      : 'live'
    : status.building || status.queued > 0
      ? 'building'
      : status.last?.result === 'failure' && Date.parse(status.last.finishedAt) >= publishedAt
        ? 'failed'
        : 'waiting';
  if (!builtSince || !status.siteUrl) return { state };
  const slug = hasSlug(type.uid) ? stringOr(member(published, 'slug')) : undefined;
  const base = new URL(status.siteUrl).pathname;
  return { state, url: new URL(entryUrl(type.key, locale, slug, { base, edition }), status.siteUrl).href };
}

/**
 * `GET /plan/site-status` (admin API, signed-in editors): the site's last build — when, success or
 * failure and why — from the rebuild service's /status, and with `?uid&documentId&locale`, where
 * that entry stands and its public page when it is live. SITE_URL is the public site's address.
 * The answer holds nothing the rebuild service's public /status does not (its messages are redacted).
 */
export function registerSiteStatusRoute(strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env): void {
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      {
        method: 'GET',
        path: '/plan/site-status',
        info: { type: 'admin' },
        handler: async (ctx) => {
          const url = siteStatusUrl(env);
          const siteUrl = env.SITE_URL?.trim() || undefined;
          let status: Omit<SiteStatus, 'entry'> = { configured: Boolean(url), reachable: false, queued: 0, siteUrl };
          if (url) {
            try {
              const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
              if (response.ok) status = { ...status, ...readRebuildStatus(await response.json()), reachable: true };
            } catch {
              // Unreachable: the admin says so.
            }
          }
          const query = member(ctx, 'query');
          const uid = stringOr(member(query, 'uid'));
          const documentId = stringOr(member(query, 'documentId'));
          const locale = stringOr(member(query, 'locale')) ?? defaultLocale;
          const entry =
            uid && documentId && status.reachable
              ? await entryState(strapi, status, { uid, documentId, locale })
              : undefined;
          ctx.body = { data: { ...status, ...(entry ? { entry } : {}) } satisfies SiteStatus };
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  });
}
