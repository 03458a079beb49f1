// Runs a task against the CMS database named by the usual environment (DATABASE_URL,
// DATABASE_CLIENT, DATABASE_FILENAME) with Strapi loaded in this process, not serving: what
// `pnpm seed` and `pnpm export` do. Strapi's server build is CommonJS, and so is the app's compiled
// code in dist/: both are loaded with require.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { CmsEnvError, cmsDir, cmsDistDir, compileCmsServer, prepareCmsEnv } from './process.mts';

/** Where the command was typed (pnpm runs a package's scripts in the package), for folders it names. */
export const invokedFrom = process.env.INIT_CWD || process.cwd();

const require = createRequire(path.join(cmsDir, 'package.json'));

/**
 * Loads Strapi (without the first-start seed import), calls `task(app, load)` where `load(module)`
 * requires a compiled module of `src/` (e.g. `plan/seed`), and shuts Strapi down again.
 */
export async function withStrapi<T>(
  task: (app: Core.Strapi, load: (name: string) => unknown) => Promise<T>,
): Promise<T> {
  prepareCmsEnv();
  // The task reports on its own work, so the first-start import in bootstrap stays out of the way.
  process.env.SEED_ON_START = 'false';
  // Strapi finds the app, and its .env, in the working directory (the .env as soon as it is required).
  process.chdir(cmsDir);
  await compileCmsServer();
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const app = await createStrapi({ appDir: cmsDir, distDir: cmsDistDir }).load();
  try {
    return await task(app, (name) => require(path.join(cmsDistDir, 'src', ...name.split('/'))) as unknown);
  } finally {
    await drain(app);
    await app.destroy();
  }
}

interface Pool {
  numUsed(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

/**
 * Waits (at most ten seconds) until no database query is running or waiting: Strapi starts some
 * background work at load, and destroying the pool under it fails with "aborted".
 */
async function drain(app: Core.Strapi): Promise<void> {
  const pool = (app.db.connection.client as { pool?: Pool }).pool;
  const deadline = Date.now() + 10_000;
  while (pool && Date.now() < deadline && pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Reads `--name value` / `--name=value` options and flags from the arguments; returns the values and
 * the arguments it did not know.
 */
export function parseArgs(
  args: readonly string[],
  { flags = [], options = [] }: { flags?: readonly string[]; options?: readonly string[] },
): { values: Record<string, string | true>; unknown: string[] } {
  const values: Record<string, string | true> = {};
  const unknown: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const [name = '', inline] = arg.split(/=(.*)/su);
    const key = name.replace(/^--/u, '');
    if (flags.includes(key) && name.startsWith('--') && inline === undefined) values[key] = true;
    else if (options.includes(key) && name.startsWith('--')) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') unknown.push(`${name} (needs a folder)`);
      else values[key] = value;
    } else unknown.push(arg);
  }
  return { values, unknown };
}

/** A folder named on the command line, relative to where the command was typed. */
export function resolveFolder(folder: string): string {
  return path.resolve(invokedFrom, folder);
}

/** Ends the process with the task's exit code once Strapi is down. */
export function run(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      // A refusal of the secrets' check is one sentence; anything else, with its stack.
      console.error(error instanceof CmsEnvError ? error.message : error);
      process.exit(1);
    },
  );
}
