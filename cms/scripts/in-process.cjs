// Runs a task against the CMS database named by the usual environment (DATABASE_URL,
// DATABASE_CLIENT, DATABASE_FILENAME) with Strapi loaded in this process, not serving: what
// `pnpm seed` and `pnpm export` do. CommonJS because Strapi's ES module build cannot be imported by
// Node directly.
const path = require('node:path');

// Where the command was typed (pnpm runs a package's scripts in the package), for folders it names.
const invokedFrom = process.env.INIT_CWD || process.cwd();
// Strapi finds the app, and its .env, in the working directory (the .env as soon as it is required).
process.chdir(path.resolve(__dirname, '..'));
const { compileStrapi, createStrapi } = require('@strapi/strapi');

/**
 * Loads Strapi (without the first-start seed import), calls `task(app, load)` where `load(module)`
 * requires a compiled module of `src/` (e.g. `plan/seed`), and shuts Strapi down again.
 */
async function withStrapi(task) {
  // The task reports on its own work, so the first-start import in bootstrap stays out of the way.
  process.env.SEED_ON_START = 'false';
  const context = await compileStrapi();
  const app = await createStrapi({ ...context, logLevel: 'warn' }).load();
  try {
    return await task(app, (name) => require(path.join(context.distDir, 'src', ...name.split('/'))));
  } finally {
    await drain(app);
    await app.destroy();
  }
}

/**
 * Waits (at most ten seconds) until no database query is running or waiting: Strapi starts some
 * background work at load, and destroying the pool under it fails with "aborted".
 */
async function drain(app) {
  const pool = app.db.connection.client.pool;
  const deadline = Date.now() + 10_000;
  while (pool && Date.now() < deadline && pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Reads `--name value` / `--name=value` options and flags from the arguments; returns the values and
 * the arguments it did not know.
 */
function parseArgs(args, { flags = [], options = [] }) {
  const values = {};
  const unknown = [];
  for (let i = 0; i < args.length; i += 1) {
    const [name, inline] = args[i].split(/=(.*)/su);
    const key = name.replace(/^--/u, '');
    if (flags.includes(key) && name.startsWith('--') && inline === undefined) values[key] = true;
    else if (options.includes(key) && name.startsWith('--')) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') unknown.push(`${name} (needs a folder)`);
      else values[key] = value;
    } else unknown.push(args[i]);
  }
  return { values, unknown };
}

/** A folder named on the command line, relative to where the command was typed. */
function resolveFolder(folder) {
  return path.resolve(invokedFrom, folder);
}

/** Ends the process with the task's exit code once Strapi is down. */
function run(main) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

module.exports = { withStrapi, parseArgs, resolveFolder, run, invokedFrom };
