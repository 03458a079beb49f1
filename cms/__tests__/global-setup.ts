import { execFileSync } from 'node:child_process';
import path from 'node:path';

const appDir = path.resolve(import.meta.dirname, '..');

/** Compiles the server code and builds the admin panel if needed, as `start` does. */
export default function setup(): void {
  execFileSync(process.execPath, [path.join(appDir, 'scripts/ensure-build.mjs')], { cwd: appDir, stdio: 'inherit' });
}
