// The rebuild queue: one build at a time, events during a build coalesced into at most one more,
// a burst of events (a publish in both languages, a bulk publish) waited out and built once,
// each build into a fresh release folder that is swapped in atomically only when it is complete.
// Releases are readable by the service's user only (the preview's hold drafts).
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import path from 'node:path';
import { buildFailureKind, type BuildFailureKind } from '@tcci/schemas/build-status';
import type { CiRun } from './builders.ts';

/** The mode of the release folders: the owner only. */
export const privateDirMode = 0o700;

/**
 * Takes group's and others' permissions off everything in `dir`: the build's umask covers what it
 * writes, not what it copies with its mode (Astro copies public/ as it is in the repository).
 */
export function makePrivate(dir: string): void {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const mode = statSync(file).mode & 0o7777;
    if (mode & 0o077) chmodSync(file, mode & ~0o077);
  }
  chmodSync(dir, statSync(dir).mode & 0o7777 & ~0o077);
}

export interface RedactorOptions {
  /** Never shown in /status nor logged (unset ones are skipped). */
  secrets?: readonly (string | undefined)[];
  /** Folders shown by a name only, e.g. the repository as `.`. */
  paths?: Record<string, string>;
}

/**
 * A function that makes a build's error message fit for /status: the given secrets are replaced by
 * `[secret]`, the given folders by their names (e.g. the repository by `.`), and any other absolute
 * path by `…/` and its last part.
 */
export function redactor({ secrets = [], paths = {} }: RedactorOptions = {}): (message: unknown) => string {
  const words = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4))]
    .flatMap((s) => [s, encodeURIComponent(s)])
    .sort((a, b) => b.length - a.length);
  const folders = Object.entries(paths)
    .flatMap(([dir, name]) => {
      const variants = [path.resolve(dir)];
      try {
        variants.push(realpathSync(dir));
      } catch {
        // not there (yet): the path as given is enough
      }
      return variants.map((variant): [string, string] => [variant, name]);
    })
    .sort(([a], [b]) => b.length - a.length);
  return (message) => {
    let text = String(message);
    for (const word of words) text = text.replaceAll(word, '[secret]');
    for (const [dir, name] of folders) text = text.replaceAll(`${dir}${path.sep}`, `${name}/`).replaceAll(dir, name);
    // Any other absolute path (not the path of a URL: those follow a host or another slash).
    return text.replace(
      /(?<![\w.:/~@-])(?:file:\/\/)?\/(?:[^\s/'"`<>()[\]{},;:|]+\/)+([^\s/'"`<>()[\]{},;:|]*)/gu,
      (_, last: string) => `…/${last}`,
    );
  };
}

/** What a build is told besides its release folder. */
export interface BuildInfo {
  id: string;
  /** Why it runs: the webhook events (or `start`) it covers, in order. */
  reasons: string[];
}

/** Writes a complete site into releaseDir, or throws an Error whose message says why not. */
export type BuildSite = (releaseDir: string, info: BuildInfo) => Promise<void>;

/** How a build ended. */
export interface BuildResult {
  result: 'success' | 'failure';
  id: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  error?: string;
  /** Why a failed build failed, as the admin tells editors (the error says more). */
  failure?: BuildFailureKind;
}

/** The build that runs now, as /status shows it: the first ten reasons and how many there were. */
export interface RunningBuild {
  id: string;
  startedAt: string;
  events: number;
  reasons: string[];
}

/** What /status reports of one rebuilder. */
export interface RebuilderStatus {
  /** `ci`: a build hands the work to CI, which builds and deploys the site; `local`: builds here. */
  mode: 'local' | 'ci';
  /** The release online: when the build that made it started and ended (unknown after a restart). */
  current: { id: string; startedAt?: string; builtAt?: string } | null;
  running: RunningBuild | null;
  queued: number;
  lastResult: BuildResult | null;
  lastError: { id: string; at: string; message: string; failure: BuildFailureKind } | null;
  counts: { builds: number; succeeded: number; failed: number; requested: number; coalesced: number };
  /** In CI mode: the CI's latest run, which builds and deploys the site (null: none yet), or why it is unknown. */
  ci?: { run: CiRun | null; error?: string };
}

export interface RebuilderOptions extends RedactorOptions {
  build: BuildSite;
  /**
   * Folder of `releases/` and the `current` link; without it, builds publish nothing locally (e.g.
   * they hand the work to CI).
   */
  root?: string | undefined;
  /** Builds hand the work to CI (a dispatch), which builds and deploys the site. */
  handsOff?: boolean;
  /** In CI mode, reads the CI's latest run (asked again at most every `ciCheckMs`, default 30 s). */
  ciRun?: () => Promise<CiRun | undefined>;
  ciCheckMs?: number;
  /** How many old releases to keep besides the current one. */
  keep?: number;
  /**
   * How long the events must pause before a build starts (default 0: at once). An editor's publish
   * in two languages, or a bulk publish, sends its events within a second: they make one build. A
   * steady stream of events waits at most ten times this long.
   */
  settleMs?: number;
  log?: (line: string) => void;
}

export class Rebuilder {
  private readonly buildSite: BuildSite;
  private readonly root: string | undefined;
  private readonly handsOff: boolean;
  private readonly ciRun: (() => Promise<CiRun | undefined>) | undefined;
  private readonly ciCheckMs: number;
  private ci: { run: CiRun | null; error?: string; checkedAt: number } | undefined;
  private readonly keep: number;
  private readonly settleMs: number;
  private readonly log: (line: string) => void;
  private readonly redactSecrets: (message: unknown) => string;
  private readonly redact: (message: unknown) => string;
  /** The build that runs now, or null. */
  running: RunningBuild | null = null;
  /** Reasons waiting for the next build. */
  pending: string[] = [];
  last: BuildResult | null = null;
  lastSuccess: BuildResult | null = null;
  lastError: RebuilderStatus['lastError'] = null;
  readonly counts: RebuilderStatus['counts'] = { builds: 0, succeeded: 0, failed: 0, requested: 0, coalesced: 0 };
  private sequence = 0;
  private loop: Promise<void> = Promise.resolve();

  constructor({
    build,
    root,
    handsOff = false,
    ciRun,
    ciCheckMs = 30_000,
    keep = 2,
    settleMs = 0,
    log = (line) => console.log(line),
    secrets = [],
    paths = {},
  }: RebuilderOptions) {
    this.buildSite = build;
    this.root = root;
    this.handsOff = handsOff;
    this.ciRun = ciRun;
    this.ciCheckMs = ciCheckMs;
    this.keep = keep;
    this.settleMs = settleMs;
    this.log = log;
    this.redactSecrets = redactor({ secrets });
    this.redact = redactor({ secrets, paths: root ? { ...paths, [root]: path.basename(root) } : paths });
    if (root) {
      mkdirSync(path.join(root, 'releases'), { recursive: true, mode: privateDirMode });
      chmodSync(root, privateDirMode);
      chmodSync(path.join(root, 'releases'), privateDirMode);
    }
  }

  /** The folder the site is served from now, or null before the first successful build. */
  currentDir(): string | null {
    if (!this.root) return null;
    const link = path.join(this.root, 'current');
    try {
      return path.resolve(this.root, readlinkSync(link));
    } catch {
      return null;
    }
  }

  /**
   * Asks for a build. While one runs, requests are coalesced: however many arrive, at most one more
   * build follows. Returns at once; `idle()` waits for the queue to drain.
   */
  request(reason: string): void {
    this.counts.requested += 1;
    this.pending.push(reason);
    // The first waiting reason schedules a build after the running one; later ones join it.
    if (this.pending.length === 1) this.loop = this.loop.then(() => this.drain());
    else this.counts.coalesced += 1;
  }

  /** Resolves when no build is running or waiting. */
  async idle(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.loop;
      await seen;
    } while (seen !== this.loop);
  }

  /** Waits until no request has come for `settleMs` (at most ten times that). */
  private async settle(): Promise<void> {
    if (this.settleMs <= 0) return;
    const deadline = Date.now() + 10 * this.settleMs;
    let seen: number;
    do {
      seen = this.counts.requested;
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.settleMs, deadline - Date.now())));
    } while (this.counts.requested !== seen && Date.now() < deadline);
  }

  private async drain(): Promise<void> {
    await this.settle();
    if (this.pending.length === 0) return;
    const reasons = this.pending.splice(0);
    const id = `${new Date().toISOString().replace(/[:.]/gu, '-')}-${++this.sequence}`;
    const started = Date.now();
    // Status shows the first reasons and how many there were (a seed import sends hundreds).
    this.running = {
      id,
      startedAt: new Date(started).toISOString(),
      events: reasons.length,
      reasons: reasons.slice(0, 10),
    };
    this.counts.builds += 1;
    const releaseDir = this.root ? path.join(this.root, 'releases', id) : '';
    try {
      await this.buildSite(releaseDir, { id, reasons });
      if (this.root) {
        if (!existsSync(path.join(releaseDir, 'index.html')))
          throw new Error(`The build wrote no index.html into ${releaseDir}.`);
        makePrivate(releaseDir);
        this.swap(this.root, id);
      }
      this.counts.succeeded += 1;
      this.last = this.finish(id, started, 'success');
      this.lastSuccess = this.last;
      this.log(
        `[rebuild] build ${id} published (${(this.last.durationMs / 1000).toFixed(1)} s; ${reasons.length} event(s))`,
      );
    } catch (error) {
      this.counts.failed += 1;
      const raw = error instanceof Error ? error.message : String(error);
      // /status is answered to anyone: no secrets and no paths of this machine in it.
      const message = this.redact(raw);
      const failure = buildFailureKind(message);
      this.last = { ...this.finish(id, started, 'failure'), error: message, failure };
      this.lastError = { id, at: this.last.finishedAt, message, failure };
      if (releaseDir) rmSync(releaseDir, { recursive: true, force: true });
      this.log(`[rebuild] build ${id} FAILED, the last good site stays online: ${this.redactSecrets(raw)}`);
    } finally {
      this.running = null;
    }
  }

  private finish(id: string, started: number, result: BuildResult['result']): BuildResult {
    const finished = Date.now();
    return {
      id,
      result,
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      durationMs: finished - started,
    };
  }

  /** Points `current` at the new release in one rename (atomic), then removes old releases. */
  private swap(root: string, id: string): void {
    const link = path.join(root, 'current');
    const next = path.join(root, `current.${id}`);
    symlinkSync(path.join('releases', id), next);
    renameSync(next, link);
    const releases = readdirSync(path.join(root, 'releases')).sort();
    const old = releases.filter((name) => name !== id).slice(0, Math.max(0, releases.length - 1 - this.keep));
    for (const name of old) rmSync(path.join(root, 'releases', name), { recursive: true, force: true });
  }

  /** Asks the CI for its latest run, if it was not asked within `ciCheckMs` (in CI mode; else nothing). */
  async refreshCi(): Promise<void> {
    if (!this.ciRun || (this.ci && Date.now() - this.ci.checkedAt < this.ciCheckMs)) return;
    const checkedAt = Date.now();
    try {
      this.ci = { run: (await this.ciRun()) ?? null, checkedAt };
    } catch (error) {
      this.ci = {
        run: this.ci?.run ?? null,
        error: this.redact(error instanceof Error ? error.message : error),
        checkedAt,
      };
    }
  }

  /** What /status reports. */
  status(): RebuilderStatus {
    const dir = this.currentDir();
    return {
      mode: this.handsOff ? 'ci' : 'local',
      current: this.lastSuccess
        ? { id: this.lastSuccess.id, startedAt: this.lastSuccess.startedAt, builtAt: this.lastSuccess.finishedAt }
        : dir
          ? { id: path.basename(dir) }
          : null,
      running: this.running,
      queued: this.pending.length,
      lastResult: this.last,
      lastError: this.lastError,
      counts: this.counts,
      ...(this.ci ? { ci: { run: this.ci.run, ...(this.ci.error ? { error: this.ci.error } : {}) } } : {}),
    };
  }
}
