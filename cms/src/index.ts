import type { Core } from '@strapi/strapi';
import { ensureSuperAdmin } from './plan/admin-user';
import { configureContentManager } from './plan/content-manager';
import { ensureEditorRole } from './plan/editor-role';
import { guardGraphqlQueries } from './plan/graphql';
import { ensureLocales } from './plan/locales';
import { importSeeds, isPlanEmpty } from './plan/seed';
import { ensureSiteTokens } from './plan/site-token';
import { ensureRebuildWebhook } from './plan/webhooks';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    guardGraphqlQueries(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureLocales(strapi);
    await ensureSuperAdmin(strapi);
    await ensureEditorRole(strapi);
    await configureContentManager(strapi);
    await ensureSiteTokens(strapi);
    await ensureRebuildWebhook(strapi);
    // A new database gets the plan's content at its first start (SEED_ON_START=false to skip).
    if (process.env.SEED_ON_START !== 'false' && (await isPlanEmpty(strapi))) {
      strapi.log.info('[plan] the database is empty: importing the seeds');
      await importSeeds(strapi);
    }
  },
};
