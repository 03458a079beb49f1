// Running the CMS as a process, in one place: where Strapi's binary is, the local secrets in cms/.env,
// compiling the server and building the admin when they are stale, starting on a port and waiting
// until it answers, stopping it, and running the in-process commands (seed, export) as a child.
// `pnpm start`, the site build, the bench and the tests all start the CMS through this module
// (`@tcci/cms/process`). Built on execa: its kill-after-delay, output capture and clean-up of children
// when the parent dies are what each caller here used to write by hand.
import { createHash, randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build as esbuild, type Plugin } from 'esbuild';
import { execa } from 'execa';
import { databaseIdentity, tokenFile, type TokenKind } from '../src/plan/local-files.ts';

export type Env = Record<string, string | undefined>;
export type { TokenKind };

/** The Strapi application (the cms package). */
export const cmsDir = path.resolve(import.meta.dirname, '..');
/** Strapi's command line, run with this Node. */
export const strapiBin = path.join(cmsDir, 'node_modules/@strapi/strapi/bin/strapi.js');
/**
 * tsx's loader for ES modules, which runs the TypeScript scripts in a child Node. Its ESM part only:
 * the CommonJS hook would see every file Strapi and Astro require, and make loading them much slower.
 */
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;

/** The CMS's port when CMS_PORT is not set. */
export const defaultCmsPort = 1337;

/** A port number from the environment variable `name`, or `fallback`; throws naming a bad one. */
export function portFrom(name: string, fallback: number, env: Env = process.env): number {
  const value = Number(env[name] || fallback);
  if (!Number.isInteger(value) || value <= 0 || value > 65535)
    throw new Error(`${name} is not a port number: "${env[name]}".`);
  return value;
}

/** Whether nothing listens on `host:port`. */
function portFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * A TCP port free on `host` (the loopback interface unless given; `0.0.0.0` checks every interface, as a
 * server that listens on all of them needs).
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// ---- cms/.env: the local secrets -------------------------------------------------------------------

const secret = () => randomBytes(24).toString('base64');
/** Strapi's own secrets, which every start needs. */
const strapiSecrets = {
  APP_KEYS: () => [secret(), secret(), secret(), secret()].join(','),
  API_TOKEN_SALT: secret,
  ADMIN_JWT_SECRET: secret,
  TRANSFER_TOKEN_SALT: secret,
  ENCRYPTION_KEY: secret,
};
/** Secrets the CMS shares with the services `pnpm start` runs beside it. */
const sharedSecrets = {
  REBUILD_SECRET: () => randomBytes(32).toString('hex'),
  PREVIEW_SECRET: () => randomBytes(32).toString('hex'),
};
export type SharedSecret = keyof typeof sharedSecrets;

/** Refused: secrets are missing where none may be generated (production). */
export class CmsEnvError extends Error {
  override name = 'CmsEnvError';
}

/** The file of the local secrets: cms/.env, or the one CMS_ENV_FILE names (tests). */
export function envFile(env: Env = process.env): string {
  return env.CMS_ENV_FILE ? path.resolve(env.CMS_ENV_FILE) : path.join(cmsDir, '.env');
}

/** The non-empty values of an .env file, by name (quotes around a value removed, as Strapi's dotenv does). */
function readEnvFile(file: string): Map<string, string> {
  const values = new Map<string, string>();
  if (!existsSync(file)) return values;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/u.exec(line);
    const value = match?.[2]?.replace(/^(['"])(.*)\1$/u, '$2');
    if (match?.[1] && value) values.set(match[1], value);
  }
  return values;
}

/**
 * Makes sure the CMS's secrets are set — Strapi's five, and the shared ones asked for — and returns
 * the shared ones' values. Each comes from `env`, else from cms/.env; what is in neither is generated
 * into cms/.env (readable by its owner only), except under NODE_ENV=production, which throws a
 * CmsEnvError naming them. The one writer of cms/.env.
 */
export function prepareCmsEnv<S extends SharedSecret = never>(
  options: { env?: Env; shared?: readonly S[]; log?: (line: string) => void } = {},
): Record<S, string> {
  const { env = process.env, shared = [], log = console.log } = options;
  const file = envFile(env);
  const inFile = readEnvFile(file);
  const generators: Record<string, () => string> = { ...strapiSecrets };
  for (const name of shared) generators[name] = sharedSecrets[name];
  const missing = Object.keys(generators).filter((name) => !env[name] && !inFile.has(name));

  if (missing.length > 0) {
    if (env.NODE_ENV === 'production') {
      throw new CmsEnvError(
        `The CMS cannot start: set ${missing.join(', ')} in the environment (production does not generate secrets).`,
      );
    }
    const lines = missing.map((name) => `${name}=${generators[name]!()}`);
    for (const [index, name] of missing.entries()) inFile.set(name, lines[index]!.slice(name.length + 1));
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const header = text.trim() === '' ? '# Generated for local runs; never commit.\n' : '';
    const separator = text === '' || text.endsWith('\n') ? '' : '\n';
    appendFileSync(file, `${separator}${header}${lines.join('\n')}\n`, { mode: 0o600 });
    const shown = path.relative(process.cwd(), file);
    log(`Generated ${missing.join(', ')} into ${shown.startsWith('..') ? file : shown}`);
  }
  // The file holds the CMS's secrets: the owner alone may read it.
  if (existsSync(file)) chmodSync(file, 0o600);
  return Object.fromEntries(shared.map((name) => [name, env[name] || inFile.get(name)!])) as Record<S, string>;
}

// ---- local state -------------------------------------------------------------------------------------

/** The environment the CMS will see: `env`, completed by cms/.env as Strapi completes it. */
function asTheCmsSeesIt(env: Env): Env {
  return { ...Object.fromEntries(readEnvFile(envFile(env))), ...env };
}

/**
 * The file the CMS writes a token's key to for local runs: SITE_TOKEN_FILE / PREVIEW_TOKEN_FILE, or
 * else one that belongs to the database this environment names (cms/.tmp/tokens/<hash>/).
 */
export function localTokenFile(kind: TokenKind, env: Env = process.env): string {
  return tokenFile(kind, asTheCmsSeesIt(env), cmsDir);
}

/** The database this environment names, without its password (for messages). */
export function localDatabase(env: Env = process.env): string {
  return databaseIdentity(asTheCmsSeesIt(env), cmsDir);
}

/** The key in a token file, or undefined when there is none. */
export function readTokenFile(file: string): string | undefined {
  const key = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  return key || undefined;
}

// ---- building ------------------------------------------------------------------------------------------

const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const file = path.join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(file) : statSync(file).mtimeMs);
  }, 0);

/** Where the compiled server code is (tsconfig.json's outDir), which Strapi runs. */
export const cmsDistDir = path.join(cmsDir, 'dist');

/**
 * Compiles the server code into dist/ when its source is newer: incremental, a fraction of a second
 * when nothing changed. (Strapi's own compileStrapi creates the whole TypeScript program every time,
 * about six seconds, so the commands and the start use this instead, as `strapi start` runs dist/.)
 */
export async function compileCmsServer(options: { output?: 'inherit' | 'ignore' } = {}): Promise<void> {
  // `-b`: the references in tsconfig.json first, so that @tcci/schemas and @tcci/seeds, which Strapi's
  // runtime loads from their dist/, are rebuilt when their source is newer.
  await execa(path.join(cmsDir, 'node_modules/.bin/tsc'), ['-b', 'tsconfig.json'], {
    cwd: cmsDir,
    stdio: options.output ?? 'inherit',
  });
}

/**
 * Compiles the server code (quick, incremental) and builds the admin panel when it has never been
 * built or its source is newer: what a start needs on a fresh checkout and after a code change.
 */
export async function ensureCmsBuild(options: { output?: 'inherit' | 'ignore' } = {}): Promise<void> {
  const stdio = options.output ?? 'inherit';
  await compileCmsServer({ output: stdio });
  const builtAdmin = path.join(cmsDir, 'dist/build/index.html');
  if (!existsSync(builtAdmin) || newest(path.join(cmsDir, 'src/admin')) > statSync(builtAdmin).mtimeMs) {
    if (stdio === 'inherit') console.log('Building the admin panel (about a minute)…');
    await execa(process.execPath, [strapiBin, 'build'], { cwd: cmsDir, stdio });
  }
}

// ---- serving ------------------------------------------------------------------------------------------

/** Whether a CMS answers its health check at `url` (within `timeoutMs`). */
export async function cmsHealthy(url: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const response = await fetch(new URL('/_health', url), { signal: AbortSignal.timeout(timeoutMs) });
    return response.status === 204;
  } catch {
    return false;
  }
}

export interface StartOptions {
  port: number;
  /** The interface to listen on; 127.0.0.1 by default. */
  host?: string;
  /** The whole environment of the CMS (process.env by default); HOST and PORT are set from the options. */
  env?: Env;
  /** Keep the output for error messages (default), pass it through, or drop it. */
  output?: 'capture' | 'inherit' | 'ignore';
  /** How long to wait for the health check; three minutes by default. */
  healthTimeoutMs?: number;
  /** Before starting: the local secrets (prepareCmsEnv) and the build (ensureCmsBuild), as a local start needs. */
  prepare?: boolean;
  /** How messages name it: "The CMS" by default. */
  name?: string;
}

/** The CMS ended before it answered, or did not answer in time; the message ends with its log's tail. */
export class CmsStartError extends Error {
  override name = 'CmsStartError';
  constructor(
    message: string,
    /** The captured output (empty when it was not captured). */
    readonly log: string,
  ) {
    super(message);
  }
}

export interface RunningCms {
  /** http://host:port */
  readonly url: string;
  readonly pid: number | undefined;
  /** Settles when the process has ended, however it ended. */
  readonly exited: Promise<{ code?: number; signal?: string }>;
  /** Whether the process is still running. */
  readonly running: boolean;
  /** The captured output (its last 64 KiB), when captured. */
  log(): string;
  /** Stops it: SIGTERM, then SIGKILL after ten seconds; settles once it has ended. */
  stop(): Promise<void>;
}

const logLimit = 65_536;
const tail = (log: string) => log.slice(-4000);

/** Starts Strapi on `port` and waits (bounded) until `/_health` answers 204. */
export async function startCms(options: StartOptions): Promise<RunningCms> {
  const host = options.host ?? '127.0.0.1';
  const name = options.name ?? 'The CMS';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${options.port}`;
  const env: Env = { ...(options.env ?? process.env), HOST: host, PORT: String(options.port) };
  if (options.prepare) {
    prepareCmsEnv({ env });
    await ensureCmsBuild();
  }
  // Else the health check could take whatever answers there for this CMS.
  if (!(await portFree(options.port, host)))
    throw new CmsStartError(`${name} cannot start: another process listens on ${url}.`, '');
  const output = options.output ?? 'capture';
  const stdio = output === 'capture' ? 'pipe' : output;
  const child = execa(process.execPath, [strapiBin, 'start'], {
    cwd: cmsDir,
    env,
    extendEnv: false,
    stdin: 'ignore',
    stdout: stdio,
    stderr: stdio,
    buffer: false,
    reject: false,
    forceKillAfterDelay: 10_000,
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-logLimit);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let ended: { code?: number; signal?: string } | undefined;
  const exited = child.then((result) => {
    ended = { code: result.exitCode, signal: result.signal };
    return ended;
  });

  const cms: RunningCms = {
    url,
    pid: child.pid,
    exited,
    get running() {
      return ended === undefined;
    },
    log: () => log,
    async stop() {
      if (ended === undefined) child.kill('SIGTERM');
      await exited;
    },
  };
  const withLog = (message: string) =>
    output === 'capture'
      ? `${message}:\n${tail(log)}`
      : `${message}${output === 'inherit' ? '; its log is above' : ''}.`;

  const timeoutMs = options.healthTimeoutMs ?? 180_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (ended) {
      const how = ended.code !== undefined ? `exit ${ended.code}` : `signal ${ended.signal}`;
      throw new CmsStartError(withLog(`${name} stopped at start (${how})`), log);
    }
    if (await cmsHealthy(url)) return cms;
    if (Date.now() > deadline) {
      await cms.stop();
      throw new CmsStartError(
        withLog(`${name} did not answer on ${url} within ${Math.round(timeoutMs / 1000)} s`),
        log,
      );
    }
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 250)), exited]);
  }
}

// ---- the in-process commands, and other TypeScript scripts, as children --------------------------------

export interface ScriptResult {
  /** The exit code; -1 when it ended by a signal or could not start. */
  code: number;
  /** stdout and stderr, interleaved. */
  output: string;
  ms: number;
}

/**
 * Keeps a package where it is installed: an import of it stays an import, of its file as resolved from
 * the importing file (so each package finds its own dependencies, as pnpm lays them out). The
 * workspace packages (outside node_modules, by their `source` condition) are compiled in instead.
 * Each compiled file keeps its own import.meta.url, dirname and filename.
 */
const inPlace: Plugin = {
  name: 'in-place',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('node:') || builtinModules.includes(args.path.split('/')[0]!)) return { external: true };
      if (args.pluginData === inPlace) return undefined;
      const found = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: inPlace,
      });
      if (found.errors.length > 0 || !found.path.includes(`${path.sep}node_modules${path.sep}`)) return found;
      return { path: pathToFileURL(found.path).href, external: true };
    });
    build.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      const own = {
        'import.meta.dirname': path.dirname(args.path),
        'import.meta.filename': args.path,
        'import.meta.url': pathToFileURL(args.path).href,
      };
      let contents = await readFile(args.path, 'utf8');
      for (const [name, value] of Object.entries(own)) contents = contents.replaceAll(name, JSON.stringify(value));
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * Compiles a TypeScript script, with the TypeScript it imports, into one ES module under cms/.tmp/scripts/
 * (esbuild, some 50 ms) and returns its path, for a plain Node to run. tsx's loader would do the same
 * on the fly, but every module the script then loads passes through it too: a site build, which loads
 * Astro and Vite, takes a third less CPU this way (10.7 → 8.3 CPU-seconds here).
 */
export async function compileScript(file: string): Promise<string> {
  const entry = path.resolve(file);
  const name = `${path.basename(entry).replace(/\.[cm]?ts$/u, '')}-${createHash('sha256').update(entry).digest('hex').slice(0, 12)}.mjs`;
  const out = path.join(cmsDir, '.tmp', 'scripts', name);
  const result = await esbuild({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    logLevel: 'silent',
    plugins: [inPlace],
  });
  mkdirSync(path.dirname(out), { recursive: true });
  // Written aside and renamed: two runs compiling the same script never see half a file.
  const partial = `${out}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, result.outputFiles[0]!.contents);
  renameSync(partial, out);
  return out;
}

/**
 * Runs a TypeScript script in a child Node and captures its output, for at most `timeoutMs` (then
 * SIGTERM, and SIGKILL ten seconds later). `env` is its whole environment. With `compiled`, the
 * script runs compiled (compileScript) rather than with tsx: for scripts that load much JavaScript.
 */
export async function runScript(
  file: string,
  args: readonly string[] = [],
  options: { cwd?: string; env?: Env; timeoutMs?: number; compiled?: boolean } = {},
): Promise<ScriptResult> {
  const started = performance.now();
  const command = options.compiled ? [await compileScript(file)] : ['--import', tsxLoader, file];
  const result = await execa(process.execPath, [...command, ...args], {
    cwd: options.cwd ?? path.dirname(file),
    env: options.env ?? process.env,
    extendEnv: false,
    stdin: 'ignore',
    all: true,
    reject: false,
    timeout: options.timeoutMs ?? 300_000,
    forceKillAfterDelay: 10_000,
  });
  let output = result.all ?? '';
  if (result.timedOut) output += `\n(stopped after ${(options.timeoutMs ?? 300_000) / 1000} s)`;
  else if (result.exitCode === undefined) output += `\n${result.shortMessage}`;
  return { code: result.exitCode ?? -1, output, ms: performance.now() - started };
}

/** The commands that load Strapi in their own process against the database the environment names. */
export type CmsCommand = 'seed' | 'export' | 'edition';

/** Runs `pnpm seed` or `pnpm export` (the cms package's script) with `args` as a child. */
export function runCmsCommand(
  command: CmsCommand,
  args: readonly string[] = [],
  options: { env?: Env; timeoutMs?: number } = {},
): Promise<ScriptResult> {
  return runScript(path.join(cmsDir, 'scripts', `${command}.mts`), args, {
    cwd: cmsDir,
    env: options.env,
    timeoutMs: options.timeoutMs ?? 150_000,
  });
}
