// Makes `start` work on a fresh checkout and after a code change: compiles the server code (quick,
// incremental) and builds the admin panel when it has never been built or its source is newer
// (ensureCmsBuild in process.mts). `pnpm --filter @tcci/cms build` rebuilds everything on demand.
import { ensureCmsBuild } from './process.mts';

try {
  await ensureCmsBuild();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
