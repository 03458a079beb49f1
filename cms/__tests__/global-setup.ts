import { execFileSync } from 'node:child_process';
import path from 'node:path';

const appDir = path.resolve(import.meta.dirname, '..');

/** Compiles the app's TypeScript (cheap, so never stale) and builds the admin panel if it never was. */
export default function setup(): void {
  execFileSync(path.join(appDir, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: appDir, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(appDir, 'scripts/ensure-build.mjs')], { cwd: appDir, stdio: 'inherit' });
}
