// What a rebuild does: build the site locally into a release folder, or hand the work to CI.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const siteBuildScript = path.resolve(here, '../../site/scripts/build.mjs');
/** Sets the umask of a build to 077 before it runs (files 0600, folders 0700). */
const privateUmask = pathToFileURL(path.join(here, 'private-umask.mjs')).href;
const serviceSecrets = ['REBUILD_SECRET', 'PREVIEW_SECRET', 'PREVIEW_TOKEN', 'GITHUB_TOKEN'];

/** Runs builds one at a time, whoever asks: the public site's and the preview's never overlap. */
export function serialized() {
  let tail = Promise.resolve();
  return (task) =>
    (...args) => {
      const run = tail.then(() => task(...args));
      tail = run.catch(() => {});
      return run;
    };
}

/**
 * Builds the site with `pnpm build`'s script into the release folder; rejects with the build's own
 * one-sentence reason when it fails. Running builds are killed by `stopAll()`. What a build writes
 * is readable by the owner only (umask 077).
 * @param {object} options
 * @param {string} options.cmsUrl the CMS the build reads
 * @param {string} options.token its API token
 * @param {boolean} [options.preview] a preview build (drafts)
 * @param {string[]} [options.frameAncestors] origins that may frame the preview (the CMS admin)
 * @param {number} [options.timeoutMs] how long a build may take
 * @param {(line: string) => void} [options.log] where progress goes
 * @param {string} [options.script] the build script (tests use their own)
 */
export function localSiteBuilder({
  cmsUrl,
  token,
  preview = false,
  frameAncestors = [],
  timeoutMs = 600_000,
  log = () => {},
  script = siteBuildScript,
}) {
  const children = new Set();
  const build = (releaseDir) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', privateUmask, script], {
        // Astro resolves some modules from the working directory: build from the site's folder.
        cwd: path.dirname(path.dirname(siteBuildScript)),
        env: {
          // The build needs none of the service's own secrets.
          ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !serviceSecrets.includes(name))),
          CMS_URL: cmsUrl,
          STRAPI_TOKEN: token,
          SITE_OUT_DIR: releaseDir,
          SITE_LOG_LEVEL: 'warn',
          SITE_PREVIEW: preview ? '1' : '',
          SITE_FRAME_ANCESTORS: preview ? frameAncestors.join(' ') : '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.add(child);
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        children.delete(child);
        for (const line of output.split('\n').filter((l) => /not yet translated/u.test(l)))
          log(`[rebuild] ${line.trim()}`);
        if (code === 0) return resolve();
        const lines = output
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        reject(
          new Error(
            signal
              ? `The site build was stopped (${signal}).`
              : (lines.at(-1) ?? `The site build exited with ${code}.`),
          ),
        );
      });
    });
  build.stopAll = () => {
    for (const child of children) child.kill('SIGTERM');
  };
  return build;
}

/**
 * Hands the rebuild to CI: a repository_dispatch of type `cms-publish` on GITHUB_REPOSITORY, which
 * runs .github/workflows/publish.yml.
 */
export function githubDispatcher({ repository, token, apiUrl = 'https://api.github.com' }) {
  if (!repository || !/^[\w.-]+\/[\w.-]+$/u.test(repository))
    throw new Error(`GITHUB_REPOSITORY must be "owner/name", not "${repository ?? ''}".`);
  if (!token) throw new Error('REBUILD_MODE=github needs GITHUB_TOKEN.');
  return async (_releaseDir, { id, reasons }) => {
    const response = await fetch(`${apiUrl}/repos/${repository}/dispatches`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ event_type: 'cms-publish', client_payload: { id, reasons: reasons.slice(0, 10) } }),
      signal: AbortSignal.timeout(30_000),
    });
    if (response.status !== 204) {
      throw new Error(
        `GitHub refused the dispatch (HTTP ${response.status}): ${(await response.text()).slice(0, 200)}`,
      );
    }
  };
}
