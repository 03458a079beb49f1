// pnpm seed [--reset] [--from <folder>]: loads the seed files (seeds/, or the folder named by --from
// or SEEDS_DIR) into the CMS database named by the usual environment (DATABASE_URL, DATABASE_CLIENT,
// DATABASE_FILENAME) through Strapi's Document Service.
import { parseArgs, resolveFolder, run, withStrapi } from './in-process.mts';

type SeedModule = typeof import('../src/plan/seed.ts');

async function main(): Promise<number> {
  const { values, unknown } = parseArgs(process.argv.slice(2), { flags: ['reset'], options: ['from'] });
  if (unknown.length > 0) {
    console.error(`Unknown option ${unknown.join(' ')}. Usage: pnpm seed [--reset] [--from <folder>]`);
    return 2;
  }
  const reset = values.reset === true;
  const dir = typeof values.from === 'string' ? resolveFolder(values.from) : undefined;

  return withStrapi(async (app, load) => {
    const { importSeeds } = load('plan/seed') as SeedModule;
    try {
      const started = Date.now();
      const reports = await importSeeds(app, { reset, dir, log: (line) => console.log(line) });
      const created = reports.reduce((sum, report) => sum + report.created, 0);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`Seeded in ${seconds} s: ${created} locale versions created${reset ? ' (after reset)' : ''}.`);
      return 0;
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      console.error('Nothing was written: the database is as it was.');
      return 1;
    }
  });
}

run(main);
