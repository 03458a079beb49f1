import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { runScript } from '@tcci/cms/process';

export const siteDir = path.resolve(import.meta.dirname, '..');

/**
 * Runs the site's build script (what `pnpm build` runs; compiled, as the rebuild service runs it) with the
 * given environment, for at most 200 s.
 */
export async function runBuild(env: Record<string, string>): Promise<{ code: number; output: string }> {
  const { code, output } = await runScript(path.join(siteDir, 'scripts/build.ts'), [], {
    cwd: siteDir,
    env: { ...process.env, SITE_LOG_LEVEL: 'warn', ...env },
    timeoutMs: 200_000,
    compiled: true,
  });
  return { code, output };
}

/** Every HTML file of a built site, by its URL path (`/2021/`, `/en/branches/koto/`, `/404.html`). */
export function pagesOf(dir: string): Map<string, string> {
  const pages = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const file = path.join(folder, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith('.html'))
        pages.set(`/${path.relative(dir, file).replace(/index\.html$/u, '')}`, readFileSync(file, 'utf8'));
    }
  };
  walk(dir);
  return pages;
}
