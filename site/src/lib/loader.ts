import type { Loader } from 'astro/loaders';
import type { CollectionKey } from '@tcci/schemas';
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
 * GraphQL and parsed with the model's schema. Entries are stored as `<locale>/<slug>`.
 */
export function planLoader(key: CollectionKey, request: () => Request = () => requestFromEnv()): Loader {
  return {
    name: `plan-${key}`,
    async load({ store, logger }) {
      const records = await fetchCollection(key, request(), { drafts: isPreview() });
      store.clear();
      for (const record of records) {
        const slug = 'slug' in record.entry ? String(record.entry.slug) : 'entry';
        store.set({ id: `${record.locale}/${slug}`, data: { ...record } as Record<string, unknown> });
        if (record.untranslated.length > 0) {
          logger.warn(`not yet translated (${record.locale}): ${key} "${slug}": ${record.untranslated.join(', ')}`);
        }
      }
      logger.info(`${records.length} entries`);
    },
  };
}
