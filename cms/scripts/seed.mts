// pnpm seed [--reset] [--from <folder>]: loads the seed files (seeds/, or the folder named by --from
// or SEEDS_DIR) into the CMS database named by the usual environment (DATABASE_URL, DATABASE_CLIENT,
// DATABASE_FILENAME) through Strapi's Document Service.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Core } from '@strapi/strapi';
import { parseArgs, resolveFolder, run, withStrapi } from './in-process.mts';

type SeedModule = typeof import('../src/plan/seed.ts');

/** What the command is asked to do. */
export interface SeedOptions {
  reset: boolean;
  dir: string | undefined;
}

/** The command's options from its arguments, or the usage error to print (exit code 2). */
export function parseSeedArgs(args: readonly string[]): SeedOptions | { error: string } {
  const { values, unknown } = parseArgs(args, { flags: ['reset'], options: ['from'] });
  if (unknown.length > 0)
    return { error: `Unknown option ${unknown.join(' ')}. Usage: pnpm seed [--reset] [--from <folder>]` };
  return {
    reset: values.reset === true,
    dir: typeof values.from === 'string' ? resolveFolder(values.from) : undefined,
  };
}

/**
 * The import with Strapi loaded: reports each collection and the total, or why nothing was written.
 * Returns the exit code. The tests call it several times in one Strapi load (cms/__tests__/command-runner-child.mts).
 */
export async function seedLoaded(
  app: Core.Strapi,
  load: (name: string) => unknown,
  { reset, dir }: SeedOptions,
): Promise<number> {
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
}

async function main(): Promise<number> {
  const options = parseSeedArgs(process.argv.slice(2));
  if ('error' in options) {
    console.error(options.error);
    return 2;
  }
  return withStrapi((app, load) => seedLoaded(app, load, options));
}

// A command when run, a module when the tests import it.
if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? '')).href) run(main);
