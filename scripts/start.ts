// pnpm start: the whole stack on this machine, from a fresh checkout.
//   the CMS (CMS_PORT, default 1337; SQLite; seeded on first run)
//   a first build of the site, served on SITE_PORT (default 4321)
//   the editors' preview of drafts on PREVIEW_HOST:PREVIEW_PORT (default 127.0.0.1:4323), opened
//   through the admin's preview button only (links signed with PREVIEW_SECRET)
//   the rebuild service on REBUILD_PORT (default 4322), which the CMS calls when content changes
// Ctrl-C stops all of it.
import path from 'node:path';
import {
  defaultCmsPort,
  localTokenFile,
  portFrom,
  prepareCmsEnv,
  readTokenFile,
  startCms,
  type RunningCms,
} from '@tcci/cms/process';
import { startServices } from './rebuild/services.ts';

const root = path.resolve(import.meta.dirname, '..');

async function main() {
  const ports = {
    cms: portFrom('CMS_PORT', defaultCmsPort),
    site: portFrom('SITE_PORT', 4321),
    rebuild: portFrom('REBUILD_PORT', 4322),
    preview: portFrom('PREVIEW_PORT', 4323),
  };
  const host = '127.0.0.1';
  const previewHost = process.env.PREVIEW_HOST || host;
  // The address the preview button opens (on every interface, this machine's loopback one).
  const previewAddress = ['0.0.0.0', '::'].includes(previewHost) ? host : previewHost;
  const previewUrl =
    process.env.PREVIEW_URL ||
    `http://${previewAddress.includes(':') ? `[${previewAddress}]` : previewAddress}:${ports.preview}`;
  // The token files of this database (cms/.tmp/tokens/<its hash>/), unless named outright.
  const siteTokenFile = localTokenFile('site');
  const previewTokenFile = localTokenFile('preview');
  const workDir = path.resolve(root, process.env.REBUILD_DIR || 'site/.tmp');
  const { REBUILD_SECRET: secret, PREVIEW_SECRET: previewSecret } = prepareCmsEnv({
    shared: ['REBUILD_SECRET', 'PREVIEW_SECRET'],
  });

  let cms: RunningCms | undefined;
  let services: Awaited<ReturnType<typeof startServices>> | undefined;
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping …');
    await services?.close();
    await cms?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    console.log(`Starting the CMS on http://${host}:${ports.cms} …`);
    cms = await startCms({
      port: ports.cms,
      host,
      output: 'inherit',
      prepare: true,
      env: {
        ...process.env,
        SITE_TOKEN_FILE: siteTokenFile,
        PREVIEW_TOKEN_FILE: previewTokenFile,
        REBUILD_WEBHOOK_URL: `http://${host}:${ports.rebuild}/webhook`,
        // The public site's address, for the admin's links to live pages.
        SITE_URL: process.env.SITE_URL || `http://${host}:${ports.site}/`,
        REBUILD_SECRET: secret,
        PREVIEW_URL: previewUrl,
        PREVIEW_SECRET: previewSecret,
      },
    });
    const cmsUrl = cms.url;
    void cms.exited.then(({ code, signal }) => {
      if (stopping) return;
      console.error(`The CMS stopped (${code !== undefined ? `exit ${code}` : `signal ${signal}`}).`);
      void stop(1);
    });
    const siteToken = readTokenFile(siteTokenFile);
    if (!siteToken) throw new Error(`The CMS wrote no site token to ${siteTokenFile}.`);
    services = await startServices({
      cmsUrl,
      siteToken,
      previewToken: readTokenFile(previewTokenFile),
      previewSecret,
      secret,
      ports,
      host,
      previewHost,
      dirs: { site: path.join(workDir, 'live'), preview: path.join(workDir, 'preview') },
    });
    console.log('Building the site …');
    services.site.request('first start');
    services.preview?.request('first start');
    await services.site.idle();
    const status = services.site.status();
    if (status.lastResult?.result !== 'success') console.error(`The first build failed: ${status.lastError?.message}`);
    console.log(`
  The plan is running:
    CMS (admin)      ${cmsUrl}/admin   — log in with ADMIN_EMAIL / ADMIN_PASSWORD, or register the first admin there
    Site             ${services.urls.site}          — Japanese; English at ${services.urls.site}en/
    Preview          ${services.urls.preview}          — drafts, for editors: open it with an entry's preview button in the admin
    Rebuild service  ${services.urls.rebuild}status  — rebuilds the site whenever an editor publishes
  Ctrl-C stops everything.
`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
  }
}

void main();
