// What test files use of the shared CMS and site that `global-setup.ts` starts: ask, and the first
// asker waits while it starts. Read only: a test that changes content starts a TestCms of its own.
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';

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

async function ask<T>(what: 'cms' | 'site'): Promise<T> {
  const broker = inject('sharedBroker');
  if (!broker)
    throw new Error('No shared CMS: add cms/__tests__/shared/global-setup.ts to the globalSetup of this project.');
  for (;;) {
    const response = await fetch(`${broker}/${what}`);
    const body = (await response.json()) as T & { error?: string };
    if (response.status === 202) continue; // still starting
    if (response.status !== 200) throw new Error(`The shared ${what} did not start: ${body.error}`);
    return body;
  }
}

/** The shared, seeded CMS on SQLite, started at the first call of any test file. */
export const sharedCms = () => ask<SharedCmsInfo>('cms');

/** The site built from the shared CMS, built at the first call of any test file. */
export const sharedSite = () => ask<SharedSiteInfo>('site');

/** The read-only token the shared CMS wrote for the site build. */
export const siteTokenOf = (cms: SharedCmsInfo) => readFileSync(cms.env.SITE_TOKEN_FILE!, 'utf8').trim();
