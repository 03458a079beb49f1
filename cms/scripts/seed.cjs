// pnpm seed [--reset]: loads seeds/ into the CMS database named by the usual environment
// (DATABASE_URL, DATABASE_CLIENT, DATABASE_FILENAME) through Strapi's Document Service.
// CommonJS because Strapi's ES module build cannot be imported by Node directly.
const path = require('node:path');
const { compileStrapi, createStrapi } = require('@strapi/strapi');

async function main() {
  const args = process.argv.slice(2);
  const reset = args.includes('--reset');
  const unknown = args.filter((arg) => arg !== '--reset');
  if (unknown.length > 0) {
    console.error(`Unknown option ${unknown.join(' ')}. Usage: pnpm seed [--reset]`);
    return 2;
  }

  // This run reports the import itself, so the first-start import in bootstrap stays out of the way.
  process.env.SEED_ON_START = 'false';

  const context = await compileStrapi();
  const app = await createStrapi({ ...context, logLevel: 'warn' }).load();
  try {
    const { importSeeds } = require(path.join(context.distDir, 'src', 'plan', 'seed.js'));
    const started = Date.now();
    const reports = await importSeeds(app, { reset, log: (line) => console.log(line) });
    const created = reports.reduce((sum, report) => sum + report.created, 0);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`Seeded in ${seconds} s: ${created} locale versions created${reset ? ' (after reset)' : ''}.`);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error('Nothing was written: the database is as it was.');
    return 1;
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

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
