import { spawn } from 'node:child_process';
import path from 'node:path';

export const siteDir = path.resolve(import.meta.dirname, '..');

/** Runs the site's build script (what `pnpm build` runs) with the given environment, for at most 200 s. */
export function runBuild(env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(siteDir, 'scripts/build.mjs')], {
      cwd: siteDir,
      env: { ...process.env, SITE_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 200_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}
