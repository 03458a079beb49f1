import { mkdirSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

export const siteTokenName = 'Site build (read-only)';

/** The token that may read drafts, for the editors' preview; the only exception to "published only". */
export const previewTokenName = 'Site preview (drafts)';

interface TokenSpec {
  name: string;
  description: string;
  /** The environment variable naming the file the key is written to, and its default. */
  fileVariable: 'SITE_TOKEN_FILE' | 'PREVIEW_TOKEN_FILE';
  defaultFile: string;
}

const tokens: TokenSpec[] = [
  {
    name: siteTokenName,
    description: 'Lets the static site read published plan content over GraphQL. Cannot write or read drafts.',
    fileVariable: 'SITE_TOKEN_FILE',
    defaultFile: '.tmp/site-token',
  },
  {
    name: previewTokenName,
    description: "Lets the editors' preview read drafts over GraphQL. Cannot write. Never give it to the public site.",
    fileVariable: 'PREVIEW_TOKEN_FILE',
    defaultFile: '.tmp/preview-token',
  },
];

/**
 * Makes sure the read-only API tokens of the site build and of the preview exist and their keys are
 * in their files. Local runs only (or wherever the file variables are set): in production the site
 * build gets STRAPI_TOKEN and the preview PREVIEW_TOKEN, created in the admin.
 */
export async function ensureSiteTokens(strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const service = strapi.service('admin::api-token-content-api');
  for (const spec of tokens) {
    if (env.NODE_ENV === 'production' && !env[spec.fileVariable]) continue;
    const file = path.resolve(strapi.dirs.app.root, env[spec.fileVariable] || spec.defaultFile);
    const existing = await service.getByName(spec.name);
    if (existing && existsSync(file)) continue;
    const { accessKey } = existing
      ? await service.regenerate(existing.id)
      : await service.create({ name: spec.name, description: spec.description, type: 'read-only', lifespan: null });
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${accessKey}\n`, { mode: 0o600 });
    strapi.log.info(`[plan] wrote the API token "${spec.name}" to ${path.relative(process.cwd(), file) || file}`);
  }
}
