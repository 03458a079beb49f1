// The built site as a reader gets it, for the browser tests: built from a fresh, seeded CMS (a real
// Strapi, stopped once the build is done), served by the rebuild service's own static handler with
// the security headers the build wrote, and opened in Debian's Chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import { type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sqliteDatabase, TestCms } from '../../cms/__tests__/harness.ts';
import { createHttpServer, createStaticHandler } from '../../scripts/rebuild/http.ts';
import { runBuild } from './run-build.ts';

export interface ServedSite {
  /** The site's address, without a trailing slash. */
  url: string;
  /** The built site. */
  outDir: string;
  close(): Promise<void>;
}

/** Builds the site from a fresh, seeded CMS and serves it on a free loopback port. */
export async function buildAndServe(): Promise<ServedSite> {
  const cms = new TestCms(sqliteDatabase);
  const outDir = mkdtempSync(path.join(tmpdir(), 'site-served-'));
  let server: Server | undefined;
  const close = async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await cms.destroy();
    rmSync(outDir, { recursive: true, force: true });
  };
  try {
    await cms.start();
    const built = await runBuild({ CMS_URL: cms.url, STRAPI_TOKEN: cms.siteToken(), SITE_OUT_DIR: outDir });
    if (built.code !== 0) throw new Error(built.output);
    await cms.stop();
    server = createHttpServer(createStaticHandler({ currentDir: () => outDir }));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    return { url, outDir, close };
  } catch (error) {
    await close();
    throw error;
  }
}
