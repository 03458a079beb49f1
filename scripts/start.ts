// pnpm start: the whole stack on this machine, from a fresh checkout.
//   the CMS (CMS_PORT, default 1337; SQLite; seeded on first run)
//   a first build of the site, served on SITE_PORT (default 4321)
//   the editors' preview of drafts on PREVIEW_HOST:PREVIEW_PORT (default 127.0.0.1:4323), opened
//   through the admin's preview button only (links signed with PREVIEW_SECRET)
//   the rebuild service on REBUILD_PORT (default 4322), which the CMS calls when content changes
// Ctrl-C stops all of it.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServices } from './rebuild/services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cmsDir = path.join(root, 'cms');
const envFile = path.join(cmsDir, '.env');

function port(name, fallback) {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value <= 0 || value > 65535)
    throw new Error(`${name} is not a port number: "${process.env[name]}".`);
  return value;
}

/**
 * A shared secret (REBUILD_SECRET, PREVIEW_SECRET) from the environment, or from cms/.env, where a
 * new one is generated once.
 */
function sharedSecret(name) {
  if (process.env[name]) return process.env[name];
  const line = existsSync(envFile) ? readFileSync(envFile, 'utf8').match(new RegExp(`^${name}=(.+)$`, 'mu')) : null;
  if (line) return line[1].trim();
  const secret = randomBytes(32).toString('hex');
  appendFileSync(envFile, `${name}=${secret}\n`, { mode: 0o600 });
  return secret;
}

const readToken = (file) => (existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined);

async function waitForHealth(url, child, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`The CMS stopped at start (exit ${child.exitCode}); its log is above.`);
    const ok = await fetch(`${url}/_health`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.status === 204)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`The CMS did not answer on ${url} within ${deadlineMs / 1000} s.`);
}

async function main() {
  const ports = {
    cms: port('CMS_PORT', 1337),
    site: port('SITE_PORT', 4321),
    rebuild: port('REBUILD_PORT', 4322),
    preview: port('PREVIEW_PORT', 4323),
  };
  const host = '127.0.0.1';
  const previewHost = process.env.PREVIEW_HOST || host;
  // The address the preview button opens (on every interface, this machine's loopback one).
  const previewAddress = ['0.0.0.0', '::'].includes(previewHost) ? host : previewHost;
  const previewUrl =
    process.env.PREVIEW_URL ||
    `http://${previewAddress.includes(':') ? `[${previewAddress}]` : previewAddress}:${ports.preview}`;
  const cmsUrl = `http://${host}:${ports.cms}`;
  const siteTokenFile = path.resolve(cmsDir, process.env.SITE_TOKEN_FILE || '.tmp/site-token');
  const previewTokenFile = path.resolve(cmsDir, process.env.PREVIEW_TOKEN_FILE || '.tmp/preview-token');
  const workDir = path.resolve(root, process.env.REBUILD_DIR || 'site/.tmp');

  execFileSync(process.execPath, [path.join(cmsDir, 'scripts/env.mjs')], { cwd: cmsDir, stdio: 'inherit' });
  const secret = sharedSecret('REBUILD_SECRET');
  const previewSecret = sharedSecret('PREVIEW_SECRET');
  execFileSync(process.execPath, [path.join(cmsDir, 'scripts/ensure-build.mjs')], { cwd: cmsDir, stdio: 'inherit' });

  console.log(`Starting the CMS on ${cmsUrl} …`);
  const cms = spawn(process.execPath, [path.join(cmsDir, 'node_modules/@strapi/strapi/bin/strapi.js'), 'start'], {
    cwd: cmsDir,
    env: {
      ...process.env,
      HOST: host,
      PORT: String(ports.cms),
      SITE_TOKEN_FILE: siteTokenFile,
      PREVIEW_TOKEN_FILE: previewTokenFile,
      REBUILD_WEBHOOK_URL: `http://${host}:${ports.rebuild}/webhook`,
      REBUILD_SECRET: secret,
      PREVIEW_URL: previewUrl,
      PREVIEW_SECRET: previewSecret,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });

  let services;
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping …');
    await services?.close();
    if (cms.exitCode === null) {
      const exited = new Promise((resolve) => cms.once('exit', resolve));
      cms.kill('SIGTERM');
      const timer = setTimeout(() => cms.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    process.exit(code);
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  cms.once('exit', (code) => {
    if (!stopping) {
      console.error(`The CMS stopped (exit ${code}).`);
      stop(1);
    }
  });

  try {
    await waitForHealth(cmsUrl, cms, 180_000);
    const siteToken = readToken(siteTokenFile);
    if (!siteToken) throw new Error(`The CMS wrote no site token to ${siteTokenFile}.`);
    services = await startServices({
      cmsUrl,
      siteToken,
      previewToken: readToken(previewTokenFile),
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

main();
