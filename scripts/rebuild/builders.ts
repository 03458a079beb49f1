// What a rebuild does: build the site locally into a release folder, or hand the work to CI.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileScript } from '@tcci/cms/process';
import type { BuildInfo, BuildSite } from './rebuilder.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const siteBuildScript = path.resolve(here, '../../site/scripts/build.ts');
/** Sets the umask of a build to 077 before it runs (files 0600, folders 0700). */
const privateUmask = path.join(here, 'private-umask.ts');
const serviceSecrets = ['REBUILD_SECRET', 'PREVIEW_SECRET', 'PREVIEW_TOKEN', 'GITHUB_TOKEN'];

/** Runs builds one at a time, whoever asks: the public site's and the preview's never overlap. */
export function serialized(): <A extends unknown[]>(
  task: (...args: A) => Promise<void>,
) => (...args: A) => Promise<void> {
  let tail: Promise<void> = Promise.resolve();
  return (task) =>
    (...args) => {
      const run = tail.then(() => task(...args));
      tail = run.catch(() => {});
      return run;
    };
}

export interface LocalSiteBuilderOptions {
  cmsUrl: string;
  token: string;
  /** A preview build: drafts, never indexed, framed by the CMS admin. */
  preview?: boolean;
  /** Origins that may frame the preview (the CMS admin). */
  frameAncestors?: readonly string[];
  /** The site's public address its links use (SITE_URL; default: the environment's). */
  siteUrl?: string | undefined;
  timeoutMs?: number;
  log?: (line: string) => void;
  /** The build script (tests use their own). */
  script?: string;
}

/** A build of the site into a release folder, whose running builds `stopAll()` kills. */
export type LocalSiteBuild = BuildSite & { stopAll(): void };

/**
 * Builds the site with `pnpm build`'s script into the release folder; rejects with the build's own
 * one-sentence reason when it fails. Running builds are killed by `stopAll()`. What a build writes
 * is readable by the owner only (umask 077).
 */
export function localSiteBuilder({
  cmsUrl,
  token,
  preview = false,
  frameAncestors = [],
  siteUrl,
  timeoutMs = 600_000,
  log = () => {},
  script = siteBuildScript,
}: LocalSiteBuilderOptions): LocalSiteBuild {
  const children = new Set<ChildProcess>();
  const build = async (releaseDir: string) => {
    // Compiled to plain JavaScript (compileScript): most of a build is loading Astro, which tsx would slow.
    const [umask, compiled] = await Promise.all([compileScript(privateUmask), compileScript(script)]);
    return new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', pathToFileURL(umask).href, compiled], {
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
          ...(siteUrl ? { SITE_URL: siteUrl } : {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.add(child);
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        children.delete(child);
        for (const line of output.split('\n').filter((l) => /not yet translated|translation needs review/u.test(l)))
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
  };
  return Object.assign(build, {
    stopAll() {
      for (const child of children) child.kill('SIGTERM');
    },
  });
}

export interface GithubDispatcherOptions {
  /** `owner/name` */
  repository?: string | undefined;
  token?: string | undefined;
  apiUrl?: string | undefined;
}

/**
 * Hands the rebuild to CI: a repository_dispatch of type `cms-publish` on GITHUB_REPOSITORY, which
 * runs .github/workflows/publish.yml.
 */
export function githubDispatcher({
  repository,
  token,
  apiUrl = 'https://api.github.com',
}: GithubDispatcherOptions): BuildSite {
  if (!repository || !/^[\w.-]+\/[\w.-]+$/u.test(repository))
    throw new Error(`GITHUB_REPOSITORY must be "owner/name", not "${repository ?? ''}".`);
  if (!token) throw new Error('REBUILD_MODE=github needs GITHUB_TOKEN.');
  return async (_releaseDir: string, { id, reasons }: BuildInfo) => {
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

/** The publish workflow's latest run on GitHub, as /status reports it in CI mode. */
export interface CiRun {
  status: string;
  /** How a completed run ended: `success`, `failure`, `cancelled` … */
  conclusion?: string;
  startedAt: string;
  updatedAt: string;
  url: string;
}

/**
 * Reads the latest run of the publish workflow (.github/workflows/publish.yml) on GITHUB_REPOSITORY:
 * in CI mode, the run is what builds and deploys the site, so it says whether the site is live.
 */
export function githubRunReader({
  repository,
  token,
  apiUrl = 'https://api.github.com',
}: GithubDispatcherOptions): () => Promise<CiRun | undefined> {
  return async () => {
    const response = await fetch(`${apiUrl}/repos/${repository}/actions/workflows/publish.yml/runs?per_page=1`, {
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
      },
      // /status waits for it: a few seconds at most.
      signal: AbortSignal.timeout(4000),
    });
    if (!response.ok) throw new Error(`GitHub answered HTTP ${response.status} for the publish workflow's runs.`);
    const body = (await response.json()) as { workflow_runs?: Record<string, unknown>[] };
    const run = body.workflow_runs?.[0];
    if (!run) return undefined;
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    return {
      status: text(run.status),
      ...(typeof run.conclusion === 'string' ? { conclusion: run.conclusion } : {}),
      startedAt: text(run.run_started_at) || text(run.created_at),
      updatedAt: text(run.updated_at),
      url: text(run.html_url),
    };
  };
}
