// What test files use of the shared CMS and site that `global-setup.ts` starts: ask, and the first
// asker waits while it starts. Read only: a test that changes content starts a TestCms of its own.
import { copyFileSync, readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { sqliteDatabase, type TestDatabase } from '../harness.ts';

// The address global-setup.ts provides to every test file of the projects that use it.
declare module 'vitest' {
  export interface ProvidedContext {
    sharedBroker: string;
  }
}

/** The shared CMS: its address and the environment it runs with (token files, database file). */
export interface SharedCmsInfo {
  url: string;
  env: Record<string, string>;
}

/** The site built once from the shared CMS: the folder (never to be written to) and the build's output. */
export interface SharedSiteInfo {
  cms: SharedCmsInfo;
  outDir: string;
  code: number;
  output: string;
}

/** A copy of the shared CMS's database as its first start left it: seeded, with its admin and tokens. */
export interface SeededDatabaseInfo {
  file: string;
}

async function ask<T>(what: 'cms' | 'site' | 'seeded-database'): Promise<T> {
  const broker = inject('sharedBroker');
  if (!broker)
    throw new Error('No shared CMS: add cms/__tests__/shared/global-setup.ts to the globalSetup of this project.');
  for (;;) {
    const response = await fetch(`${broker}/${what}`);
    const body = (await response.json()) as T & { error?: string };
    if (response.status === 202) continue; // still starting
    if (response.status !== 200) throw new Error(`The shared ${what} is not there: ${body.error}`);
    return body;
  }
}

/** The shared, seeded CMS on SQLite, started at the first call of any test file. */
export const sharedCms = () => ask<SharedCmsInfo>('cms');

/** The site built from the shared CMS, built at the first call of any test file. */
export const sharedSite = () => ask<SharedSiteInfo>('site');

/** The read-only token the shared CMS wrote for the site build. */
export const siteTokenOf = (cms: SharedCmsInfo) => readFileSync(cms.env.SITE_TOKEN_FILE!, 'utf8').trim();

/**
 * Copies the seeded database (see global-setup.ts) to `file`: a CMS started on it comes up as one
 * restarted on a database seeded before, its tokens renewed into its own token files.
 */
export async function copySeededDatabase(file: string): Promise<void> {
  copyFileSync((await ask<SeededDatabaseInfo>('seeded-database')).file, file);
}

/**
 * An SQLite database for a TestCms that starts seeded (a copy of the shared CMS's first start), for the
 * tests whose subject is not the first start: it saves that start's schema and seed import.
 */
export async function seededSqliteDatabase(dir: string): Promise<TestDatabase> {
  const database = sqliteDatabase(dir);
  await copySeededDatabase(database.env.DATABASE_FILENAME!);
  return database;
}
