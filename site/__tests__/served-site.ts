// The built site as a reader gets it, for the browser tests: the site built once from the shared,
// seeded CMS (a real Strapi; cms/__tests__/shared), served by the rebuild service's own static handler
// with the security headers the build wrote, and opened in Debian's Chromium.
import { sharedSite } from '../../cms/__tests__/shared/shared.ts';
import { createHttpServer, createStaticHandler } from '../../scripts/rebuild/http.ts';

export interface ServedSite {
  /** The site's address, without a trailing slash. */
  url: string;
  /** The built site (shared: read it, never write to it). */
  outDir: string;
  close(): Promise<void>;
}

/** Serves the site built from the shared, seeded CMS on a free loopback port. */
export async function buildAndServe(): Promise<ServedSite> {
  const site = await sharedSite();
  if (site.code !== 0) throw new Error(site.output);
  const outDir = site.outDir;
  const server = createHttpServer(createStaticHandler({ currentDir: () => outDir }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { url, outDir, close };
}
