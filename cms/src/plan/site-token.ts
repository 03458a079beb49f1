import { mkdirSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

export const siteTokenName = 'Site build (read-only)';

/** Where the local site build finds the token: SITE_TOKEN_FILE, or cms/.tmp/site-token. */
export function siteTokenFile(appDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(appDir, env.SITE_TOKEN_FILE || '.tmp/site-token');
}

/**
 * Makes sure a read-only API token for the site build exists and its key is in the token file.
 * Local runs only (or wherever SITE_TOKEN_FILE is set): in production the site gets STRAPI_TOKEN.
 */
export async function ensureSiteToken(strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env.NODE_ENV === 'production' && !env.SITE_TOKEN_FILE) return;
  const file = siteTokenFile(strapi.dirs.app.root, env);
  const tokens = strapi.service('admin::api-token-content-api');
  const existing = await tokens.getByName(siteTokenName);
  if (existing && existsSync(file)) return;
  const { accessKey } = existing
    ? await tokens.regenerate(existing.id)
    : await tokens.create({
        name: siteTokenName,
        description: 'Lets the static site read published plan content over GraphQL. Cannot write or read drafts.',
        type: 'read-only',
        lifespan: null,
      });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${accessKey}\n`, { mode: 0o600 });
  strapi.log.info(`[plan] wrote the site's read-only API token to ${path.relative(process.cwd(), file) || file}`);
}
