import type { Core } from '@strapi/strapi';
import { ensureSuperAdmin } from './plan/admin-user';
import { configureContentManager } from './plan/content-manager';
import { registerEditionRoute } from './plan/edition-route';
import { ensureEditorRole } from './plan/editor-role';
import { hideLocalizations, trimGraphqlSchema } from './plan/graphql';
import { ensureLocales } from './plan/locales';
import { refuseDraftRequests, restrictQueriesToPublished } from './plan/published-only';
import { importSeeds, isPlanEmpty } from './plan/seed';
import { ensureSiteTokens, removeDefaultTokens } from './plan/site-token';
import { registerSiteStatusRoute } from './plan/site-status';
import { validatePlanWrites } from './plan/validation';
import { ensureRebuildWebhook, rebuildWebhookSettings } from './plan/webhooks';
import { trackWorkflow } from './plan/workflow';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Settings that need no database are refused here, before the schema or any content is touched.
    rebuildWebhookSettings();
    hideLocalizations(strapi);
    trimGraphqlSchema(strapi);
    refuseDraftRequests(strapi);
    validatePlanWrites(strapi);
    trackWorkflow(strapi);
    registerEditionRoute(strapi);
    registerSiteStatusRoute(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // Before the server takes its first request: everyone but the editors reads published content only.
    restrictQueriesToPublished(strapi);
    await ensureLocales(strapi);
    await ensureSuperAdmin(strapi);
    await ensureEditorRole(strapi);
    await configureContentManager(strapi);
    await removeDefaultTokens(strapi);
    await ensureSiteTokens(strapi);
    await ensureRebuildWebhook(strapi);
    // A new database gets the plan's content at its first start (SEED_ON_START=false to skip).
    if (process.env.SEED_ON_START !== 'false' && (await isPlanEmpty(strapi))) {
      strapi.log.info('[plan] the database is empty: importing the seeds');
      await importSeeds(strapi);
    }
  },
};
