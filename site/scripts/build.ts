// pnpm build: builds the static site into site/dist from the CMS's published content.
//   CMS_URL + STRAPI_TOKEN  read that CMS (production, CI).
//   neither                 use the local CMS: one already answering on CMS_PORT (default 1337), or else
//                           start the embedded one (seeded on first run), build, and stop it.
// The site is built into a fresh folder and moved into site/dist only when the build succeeded, so a
// failed build leaves site/dist as it was.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'astro';

const siteDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cmsDir = path.resolve(siteDir, '..', 'cms');
const distDir = path.resolve(siteDir, process.env.SITE_OUT_DIR || 'dist');
const workDir = path.join(siteDir, '.tmp');

/** An error whose message is the one sentence the person running the build needs. */
class BuildError extends Error {}

async function healthy(url) {
  try {
    const response = await fetch(new URL('/_health', url), { signal: AbortSignal.timeout(2000) });
    return response.status === 204;
  } catch {
    return false;
  }
}

function localToken() {
  const file = path.join(cmsDir, '.tmp', 'site-token');
  if (!existsSync(file)) {
    throw new BuildError(
      `The local CMS wrote no API token to ${path.relative(process.cwd(), file)}: set STRAPI_TOKEN.`,
    );
  }
  return readFileSync(file, 'utf8').trim();
}

/** Starts the embedded CMS on `port` and waits (at most three minutes) until it answers. */
async function startLocalCms(port) {
  const url = `http://127.0.0.1:${port}`;
  execFileSync(process.execPath, [path.join(cmsDir, 'scripts/env.mjs')], { cwd: cmsDir, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(cmsDir, 'scripts/ensure-build.mjs')], { cwd: cmsDir, stdio: 'inherit' });
  console.log(`Starting the local CMS on ${url} …`);
  const child = spawn(process.execPath, [path.join(cmsDir, 'node_modules/@strapi/strapi/bin/strapi.js'), 'start'], {
    cwd: cmsDir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new BuildError(`The local CMS stopped at start (exit ${child.exitCode}):\n${output.slice(-3000)}`);
    }
    if (await healthy(url)) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  child.kill('SIGKILL');
  throw new BuildError(`The local CMS did not answer on ${url} within three minutes.`);
}

async function stop(child) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Where the content comes from, and the CMS process to stop afterwards, if this build started one. */
async function resolveSource() {
  const { CMS_URL: url, STRAPI_TOKEN: token } = process.env;
  if (url && token) return { url, token };
  if (url && !token) {
    if (await healthy(url)) return { url, token: localToken() };
    throw new BuildError(`The CMS at ${url} cannot be reached.`);
  }
  if (token) throw new BuildError('STRAPI_TOKEN is set but CMS_URL is not: set both, or neither to use the local CMS.');
  const port = Number(process.env.CMS_PORT || 1337);
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new BuildError(`CMS_PORT is not a port number: "${process.env.CMS_PORT}".`);
  const local = `http://127.0.0.1:${port}`;
  if (await healthy(local)) return { url: local, token: localToken() };
  const { child } = await startLocalCms(port);
  return { url: local, token: localToken(), child };
}

/** The sentence to print for a failed build: the source's own message where there is one. */
function explain(error) {
  for (let e = error; e; e = e.cause) {
    if (e instanceof BuildError || e?.name === 'PlanSourceError') return e.message;
    const match = /(The CMS [^\n]*?\.)(?:\n|$)/u.exec(e?.message ?? '');
    if (match) return match[1];
  }
  return `The site build failed: ${error?.message ?? error}`;
}

async function main() {
  const started = Date.now();
  const outDir = path.join(workDir, `build-${process.pid}-${started}`);
  let source;
  try {
    source = await resolveSource();
    process.env.CMS_URL = source.url;
    process.env.STRAPI_TOKEN = source.token;
    mkdirSync(workDir, { recursive: true });
    // A cache of its own per build: a preview build (drafts) and a public build may run on one
    // machine. Astro may still write to it after build() settles, so it goes when the process ends.
    const cacheDir = `${outDir}-cache`;
    process.once('exit', () => rmSync(cacheDir, { recursive: true, force: true }));
    await build({ root: siteDir, outDir, cacheDir, logLevel: process.env.SITE_LOG_LEVEL || 'info' });
    // Move the finished site into place; the old one is removed only once the new one is there.
    const old = path.join(workDir, `old-${process.pid}-${started}`);
    if (existsSync(distDir)) renameSync(distDir, old);
    renameSync(outDir, distDir);
    rmSync(old, { recursive: true, force: true });
    console.log(
      `Built ${path.relative(process.cwd(), distDir) || distDir} from ${source.url} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    return 0;
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    console.error(`\n${explain(error)}`);
    return 1;
  } finally {
    await stop(source?.child);
  }
}

process.exitCode = await main();
