// pnpm --filter @tcci/scripts serve: the rebuild service and the static site, for a server whose CMS
// runs elsewhere. CMS_URL, STRAPI_TOKEN and REBUILD_SECRET are required, and SITE_URL (the site's
// public address) when it builds the site itself; PREVIEW_TOKEN and PREVIEW_SECRET add the preview on
// PREVIEW_HOST:PREVIEW_PORT (127.0.0.1:4323), opened only through the CMS's signed preview links.
// REBUILD_MODE=github relays each rebuild to CI (repository_dispatch) with GITHUB_REPOSITORY and
// GITHUB_TOKEN instead of building here.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServices } from './rebuild/services.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const mode = env.REBUILD_MODE === 'github' ? 'github' : 'local';
// Building the public site here, its links need its public address: the builds are hosted ones.
if (mode === 'local') env.SITE_HOSTED = 'true';
const missing = [
  'CMS_URL',
  'STRAPI_TOKEN',
  'REBUILD_SECRET',
  ...(mode === 'local' ? ['SITE_URL'] : []),
  ...(env.PREVIEW_TOKEN ? ['PREVIEW_SECRET'] : []),
].filter((name) => !env[name]);
if (missing.length > 0) {
  console.error(`Set ${missing.join(', ')}.`);
  process.exit(2);
}
/** A variable the check above found set. */
const required = (name: string) => env[name] ?? '';
const workDir = path.resolve(root, env.REBUILD_DIR || 'site/.tmp');
const services = await startServices({
  cmsUrl: required('CMS_URL'),
  siteToken: required('STRAPI_TOKEN'),
  previewToken: env.PREVIEW_TOKEN,
  previewSecret: env.PREVIEW_SECRET,
  adminUrl: env.CMS_PUBLIC_URL || env.CMS_URL,
  secret: required('REBUILD_SECRET'),
  host: env.HOST || '127.0.0.1',
  previewHost: env.PREVIEW_HOST || '127.0.0.1',
  ports: {
    site: Number(env.SITE_PORT || 4321),
    rebuild: Number(env.REBUILD_PORT || 4322),
    preview: Number(env.PREVIEW_PORT || 4323),
  },
  dirs: { site: path.join(workDir, 'live'), preview: path.join(workDir, 'preview') },
  mode,
  github: { repository: env.GITHUB_REPOSITORY, token: env.GITHUB_TOKEN, apiUrl: env.GITHUB_API_URL },
});
if (mode === 'local') services.site.request('start');
services.preview?.request('start');
console.log(
  `Rebuild service on ${services.urls.rebuild} (${mode})${services.urls.site ? `, site on ${services.urls.site}` : ''}${services.urls.preview ? `, preview on ${services.urls.preview}` : ''}.`,
);
const stop = async () => {
  await services.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
