import type { Loader } from 'astro/loaders';
import type { CollectionKey } from '@tcci/schemas';
import { planSource } from './plan-source.ts';
import { seedCollection } from './seed-source.ts';
import { cmsRequest, fetchCollection, PlanSourceError, type Request } from './source.ts';

/** The CMS the build reads: CMS_URL and STRAPI_TOKEN (set by scripts/build.ts when it starts a local CMS). */
export function requestFromEnv(env: Record<string, string | undefined> = process.env): Request {
  const url = env.CMS_URL;
  const token = env.STRAPI_TOKEN;
  if (!url || !token) {
    throw new PlanSourceError(
      'Set CMS_URL and STRAPI_TOKEN to build from a CMS, or run `pnpm build`, which starts the local one.',
    );
  }
  return cmsRequest(url, token);
}

/** A preview build (SITE_PREVIEW=1) renders the latest drafts, for editors, with a preview token. */
export function isPreview(env: Record<string, string | undefined> = process.env): boolean {
  return env.SITE_PREVIEW === '1';
}

/**
 * An Astro content loader for one collection of the plan: every entry in every locale, read over
 * GraphQL and parsed with the model's schema, every edition's. Entries are stored as
 * `<locale>/<edition>/<slug>` (a single type's as `<locale>/<edition>/entry`).
 */
export function planLoader(key: CollectionKey, request: () => Request = () => requestFromEnv()): Loader {
  return {
    name: `plan-${key}`,
    async load({ store, logger }) {
      const options = { drafts: isPreview() };
      // PLAN_SOURCE=seeds is for `astro check` and unit tests: astro.config.ts refuses it for a build.
      const records =
        planSource() === 'seeds' ? seedCollection(key, options) : await fetchCollection(key, request(), options);
      store.clear();
      for (const record of records) {
        const slug = 'slug' in record.entry ? String(record.entry.slug) : 'entry';
        store.set({ id: `${record.locale}/${record.entry.edition}/${slug}`, data: { ...record } });
        if (record.untranslated.length > 0) {
          logger.warn(
            `not yet translated (${record.locale}, fiscal ${record.entry.edition}): ${key} "${slug}": ${record.untranslated.join(', ')}`,
          );
        }
        // The translations the CMS marks as behind their Japanese: the editors' list to review.
        if (record.reviewSince) {
          logger.warn(
            `translation needs review (${record.locale}, fiscal ${record.entry.edition}): ${key} "${slug}": the Japanese changed on ${record.reviewSince}`,
          );
        }
      }
      logger.info(`${records.length} entries`);
    },
  };
}
