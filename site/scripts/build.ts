// pnpm build: builds the static site into site/dist from the CMS's published content.
//   CMS_URL + STRAPI_TOKEN  read that CMS (production, CI).
//   CMS_URL alone           read that CMS with the local token of this build's database (the key the
//                           CMS writes to cms/.tmp/tokens/<hash of its database>/, see @tcci/cms/process).
//   neither                 use the local CMS: one already answering on CMS_PORT (default 1337), or else
//                           start the embedded one (seeded on first run), build, and stop it.
// The site is built into a fresh folder and moved into site/dist only when the build succeeded, so a
// failed build leaves site/dist as it was.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  cmsHealthy,
  CmsStartError,
  defaultCmsPort,
  localDatabase,
  localTokenFile,
  portFrom,
  readTokenFile,
  startCms,
  type RunningCms,
} from '@tcci/cms/process';
import { build } from 'astro';
import { planSourceFor } from '../src/lib/plan-source.ts';
import { withPdf } from '../src/lib/pdf-build.ts';
import { renderPlanPdfs } from './pdf.ts';
import { siteUrl } from '../src/lib/site-url.ts';

const siteDir = path.resolve(import.meta.dirname, '..');
const distDir = path.resolve(siteDir, process.env.SITE_OUT_DIR || 'dist');
const workDir = path.join(siteDir, '.tmp');

/** An error whose message is the one sentence the person running the build needs. */
class BuildError extends Error {}

/** Where the content comes from; `tokenFile` when the token is the local CMS's, `cms` when this build started it. */
interface Source {
  url: string;
  token: string;
  tokenFile?: string;
  cms?: RunningCms;
}

const shown = (file: string) => {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
};

/** What a local user does when the local CMS at `url` has no token for, or refuses the token of, this database. */
const localAdvice = (url: string) =>
  `The CMS answering on ${url} runs on another database than ${localDatabase()} (DATABASE_FILENAME / DATABASE_URL), ` +
  'or was started before its token was renewed: stop it and run pnpm build again (it starts the local CMS on this ' +
  'database, which renews the token), or build with the same database settings as that CMS.';

/** The local CMS's token for this build's database: the key in the file that database's CMS writes. */
function localToken(url: string): { token: string; tokenFile: string } {
  const tokenFile = localTokenFile('site');
  const token = readTokenFile(tokenFile);
  if (!token) throw new BuildError(`The local CMS wrote no API token to ${shown(tokenFile)}. ${localAdvice(url)}`);
  return { token, tokenFile };
}

/** Starts the embedded CMS on `port` and waits (at most three minutes) until it answers. */
async function startLocalCms(port: number): Promise<RunningCms> {
  console.log(`Starting the local CMS on http://127.0.0.1:${port} …`);
  try {
    return await startCms({
      port,
      env: { ...process.env, NODE_ENV: 'development' },
      prepare: true,
      name: 'The local CMS',
    });
  } catch (error) {
    if (error instanceof CmsStartError) throw new BuildError(error.message);
    throw error;
  }
}

/** Where the content comes from, and the CMS process to stop afterwards, if this build started one. */
async function resolveSource(): Promise<Source> {
  const { CMS_URL: url, STRAPI_TOKEN: token } = process.env;
  if (url && token) return { url, token };
  if (url && !token) {
    if (await cmsHealthy(url)) return { url, ...localToken(url) };
    throw new BuildError(`The CMS at ${url} cannot be reached.`);
  }
  if (token) throw new BuildError('STRAPI_TOKEN is set but CMS_URL is not: set both, or neither to use the local CMS.');
  let port: number;
  try {
    port = portFrom('CMS_PORT', defaultCmsPort);
  } catch (error) {
    throw new BuildError((error as Error).message);
  }
  const local = `http://127.0.0.1:${port}`;
  if (await cmsHealthy(local)) return { url: local, ...localToken(local) };
  const cms = await startLocalCms(port);
  try {
    return { url: local, ...localToken(local), cms };
  } catch (error) {
    await cms.stop();
    throw error;
  }
}

/**
 * The sentence to print for a failed build: the source's own message where there is one, and for a
 * token of the local CMS that is refused, what a local user does about it.
 */
function explain(error: unknown, source: Source | undefined): string {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const message = e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e);
    const name = e instanceof Error ? e.name : '';
    if (source?.tokenFile && name === 'PlanSourceError' && /refused the API token/u.test(message))
      return `The local CMS at ${source.url} refused the API token in ${shown(source.tokenFile)}. ${localAdvice(source.url)}`;
    if (e instanceof BuildError || name === 'PlanSourceError' || name === 'SiteUrlError') return message;
    const match = /(The CMS [^\n]*?\.)(?:\n|$)/u.exec(message);
    if (match?.[1]) return match[1];
  }
  return `The site build failed: ${error instanceof Error ? error.message : String(error)}`;
}

async function main(): Promise<number> {
  const started = Date.now();
  const outDir = path.join(workDir, `build-${process.pid}-${started}`);
  let source: Source | undefined;
  try {
    // Before a CMS is started for nothing (astro.config.ts refuses it too, for `astro build` itself).
    planSourceFor('build');
    const site = siteUrl();
    if (site.loopback)
      console.log(
        `SITE_URL is not set: the canonical, hreflang and sitemap links use the loopback address ${site.url}, as a local build does. Set SITE_URL to the public address for a site others read.`,
      );
    source = await resolveSource();
    process.env.CMS_URL = source.url;
    process.env.STRAPI_TOKEN = source.token;
    mkdirSync(workDir, { recursive: true });
    // A cache of its own per build: a preview build (drafts) and a public build may run on one
    // machine. Astro may still write to it after build() settles, so it goes when the process ends.
    const cacheDir = `${outDir}-cache`;
    process.once('exit', () => rmSync(cacheDir, { recursive: true, force: true }));
    const logLevel = (process.env.SITE_LOG_LEVEL || 'info') as 'debug' | 'info' | 'warn' | 'error' | 'silent';
    await build({ root: siteDir, outDir, cacheDir, logLevel });
    // The whole plan as PDF, into the new site before it goes live (SITE_PDF=1).
    if (withPdf()) console.log(`Rendered ${(await renderPlanPdfs(outDir)).length} PDF file(s) of the whole plan.`);
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
    console.error(`\n${explain(error, source)}`);
    return 1;
  } finally {
    await source?.cms?.stop();
  }
}

process.exitCode = await main();
