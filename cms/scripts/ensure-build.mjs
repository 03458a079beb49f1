// Builds the admin panel if it has never been built, so `start` works on a fresh checkout.
// (`pnpm --filter @tcci/cms build` rebuilds it on demand.)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (!existsSync(path.join(appDir, 'dist/build/index.html'))) {
  console.log('The admin panel has not been built yet: building it (about a minute)…');
  execFileSync(path.join(appDir, 'node_modules/.bin/strapi'), ['build'], { cwd: appDir, stdio: 'inherit' });
}
