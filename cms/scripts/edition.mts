// pnpm edition new <year> --from <year>: starts next year's plan from an edition, in the CMS database
// named by the usual environment (DATABASE_URL, DATABASE_CLIENT, DATABASE_FILENAME), through Strapi's
// Document Service: every entry copied into a new edition whose annual plan is a draft (see
// src/plan/editions.ts). The admin's "Start next year's plan" button on an annual plan does the same.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Core } from '@strapi/strapi';
import { parseArgs, run, withStrapi } from './in-process.mts';

type EditionsModule = typeof import('../src/plan/editions.ts');

const usage = 'Usage: pnpm edition new <fiscal year> --from <fiscal year>, e.g. pnpm edition new 2022 --from 2021';

/** What the command is asked to do. */
export interface EditionOptions {
  to: number;
  from: number;
}

/** A fiscal year as typed: four digits. */
const year = (value: string | undefined) => (value !== undefined && /^\d{4}$/u.test(value) ? Number(value) : undefined);

/** The command's options from its arguments, or the usage error to print (exit code 2). */
export function parseEditionArgs(args: readonly string[]): EditionOptions | { error: string } {
  const { values, unknown } = parseArgs(args, { options: ['from'] });
  const [command, target, ...rest] = unknown;
  if (command !== 'new') return { error: `${command ? `Unknown command "${command}". ` : ''}${usage}` };
  if (rest.length > 0) return { error: `Unknown option ${rest.join(' ')}. ${usage}` };
  const to = year(target);
  const from = year(typeof values.from === 'string' ? values.from : undefined);
  if (to === undefined) return { error: `Name the new edition's fiscal year (four digits). ${usage}` };
  if (from === undefined) return { error: `Name the edition to start from with --from <fiscal year>. ${usage}` };
  return { to, from };
}

/** The copy with Strapi loaded: reports what it copied, or why nothing was. Returns the exit code. */
export async function editionLoaded(
  app: Core.Strapi,
  load: (name: string) => unknown,
  { to, from }: EditionOptions,
): Promise<number> {
  const { startEdition } = load('plan/editions') as EditionsModule;
  try {
    const started = Date.now();
    await startEdition(app, { from, to, log: (line) => console.log(line) });
    console.log(
      `Done in ${((Date.now() - started) / 1000).toFixed(1)} s. Publish the annual plan of fiscal ${to} to make it public.`,
    );
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
}

async function main(): Promise<number> {
  const options = parseEditionArgs(process.argv.slice(2));
  if ('error' in options) {
    console.error(options.error);
    return 2;
  }
  return withStrapi((app, load) => editionLoaded(app, load, options));
}

// A command when run, a module when the tests import it.
if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? '')).href) run(main);
