// pnpm export [--out <folder>]: writes the CMS's content — published and drafts, every locale, the
// editors' notes — back into seed files: into seeds/, or the folder named by --out or SEEDS_DIR.
// `pnpm seed --reset` (with --from or SEEDS_DIR for another folder) restores exactly that content.
// Reads the database named by the usual environment (DATABASE_URL, DATABASE_CLIENT,
// DATABASE_FILENAME) through Strapi's Document Service. The files are written all or not at all.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Core } from '@strapi/strapi';
import { invokedFrom, parseArgs, resolveFolder, run, withStrapi } from './in-process.mts';

type ExportModule = typeof import('../src/plan/export.ts');

export interface ExportOptions {
  /** The folder to write into; undefined for the seeds/ folder. */
  dir: string | undefined;
}

/** Why `folder` cannot take the export, or undefined: checked before Strapi loads (which takes a while). */
function unwritable(folder: string): string | undefined {
  let existing = folder;
  while (!existsSync(existing)) existing = path.dirname(existing);
  if (!statSync(existing).isDirectory())
    return `${existing} is not a folder${existing === folder ? '' : ` (on the way to ${folder})`}`;
  return undefined;
}

/**
 * The command's options, or what is wrong with them: an unknown option (exit code 2) or a folder
 * that cannot take the export (exit code 1), said before Strapi loads.
 */
export function parseExportArgs(args: readonly string[]): ExportOptions | { error: string; code: number } {
  const { values, unknown } = parseArgs(args, { options: ['out'] });
  if (unknown.length > 0)
    return { error: `Unknown option ${unknown.join(' ')}. Usage: pnpm export [--out <folder>]`, code: 2 };
  const folder = typeof values.out === 'string' ? values.out : process.env.SEEDS_DIR;
  const dir = folder ? resolveFolder(folder) : undefined;
  const problem = dir && unwritable(dir);
  if (problem) return { error: `Cannot export into ${dir}: ${problem}. Nothing was written.`, code: 1 };
  return { dir };
}

/**
 * The export with Strapi loaded: reports the entries and the files changed, or why nothing was
 * written. Returns the exit code. The tests call it several times in one Strapi load
 * (cms/__tests__/command-runner-child.mts).
 */
export async function exportLoaded(
  app: Core.Strapi,
  load: (name: string) => unknown,
  { dir }: ExportOptions,
): Promise<number> {
  const { exportSeeds } = load('plan/export') as ExportModule;
  try {
    const started = Date.now();
    const report = await exportSeeds(app, { dir, log: (line) => console.log(line) });
    const changed = report.files.filter((file) => file.changed).length;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `Exported ${report.entries} entries of ${report.editions.length === 1 ? 'fiscal' : 'fiscal years'} ${report.editions.join(', ')} ` +
        `(${report.edited} with unpublished edits, ${report.draftOnly} drafts only) ` +
        `into ${path.relative(invokedFrom, report.dir) || '.'} in ${seconds} s: ${changed} of ${report.files.length} files changed.`,
    );
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    // A write error says itself what became of the files.
    if (!(error instanceof Error && error.name === 'SeedWriteError'))
      console.error('Nothing was written: the seed files are as they were.');
    return 1;
  }
}

async function main(): Promise<number> {
  const options = parseExportArgs(process.argv.slice(2));
  if ('error' in options) {
    console.error(options.error);
    return options.code;
  }
  return withStrapi((app, load) => exportLoaded(app, load, options));
}

// A command when run, a module when the tests import it.
if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? '')).href) run(main);
