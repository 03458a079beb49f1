// Makes `start` work on a fresh checkout and after a code change: compiles the server code (quick,
// incremental) and builds the admin panel when it has never been built or its source is newer.
// (`pnpm --filter @tcci/cms build` rebuilds everything on demand.)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(appDir, 'node_modules/.bin', name);

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const file = path.join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(file) : statSync(file).mtimeMs);
  }, 0);

// `-b`: the references in tsconfig.json first, so that @tcci/schemas and @tcci/seeds, which Strapi's
// runtime loads from their dist/, are rebuilt when their source is newer.
execFileSync(bin('tsc'), ['-b', 'tsconfig.json'], { cwd: appDir, stdio: 'inherit' });

const builtAdmin = path.join(appDir, 'dist/build/index.html');
if (!existsSync(builtAdmin) || newest(path.join(appDir, 'src/admin')) > statSync(builtAdmin).mtimeMs) {
  console.log('Building the admin panel (about a minute)…');
  execFileSync(bin('strapi'), ['build'], { cwd: appDir, stdio: 'inherit' });
}
