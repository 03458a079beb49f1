// The publishing services around the CMS: the public site's static server, the editors' preview
// server and the rebuild service that the CMS's webhook calls.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { githubDispatcher, localSiteBuilder, serialized } from './builders.mjs';
import { createHttpServer, createRebuildHandler, createStaticHandler } from './http.mjs';
import { Rebuilder } from './rebuilder.mjs';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function listen(handler, port, host, timeouts) {
  return new Promise((resolve, reject) => {
    const server = createHttpServer(handler, timeouts);
    server.once('error', (error) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${host} is in use: stop what uses it or choose another port.`)
          : error,
      ),
    );
    server.listen(port, host, () => resolve(server));
  });
}

/**
 * Starts the services and the first builds.
 * @param {object} options
 * @param {string} options.cmsUrl
 * @param {string} options.siteToken read-only token (published content)
 * @param {string} [options.previewToken] token that may read drafts; without it, no preview
 * @param {string} [options.previewSecret] shared secret of the CMS's signed preview links (needed
 *   with previewToken)
 * @param {string} [options.adminUrl] where editors open the CMS admin, which shows the preview in a
 *   frame (default cmsUrl)
 * @param {string} options.secret shared secret of the webhook
 * @param {{ site: number, rebuild: number, preview?: number }} options.ports
 * @param {string} [options.host] interface of the site and the rebuild service (default 127.0.0.1)
 * @param {string} [options.previewHost] interface of the preview (default 127.0.0.1: this machine only)
 * @param {Partial<import('./http.mjs').defaultTimeouts>} [options.timeouts]
 * @param {{ site: string, preview: string }} options.dirs where releases are kept
 * @param {'local' | 'github'} [options.mode]
 * @param {{ repository?: string, token?: string, apiUrl?: string }} [options.github]
 * @param {(line: string) => void} [options.log]
 */
export async function startServices(options) {
  const {
    cmsUrl,
    siteToken,
    previewToken,
    previewSecret,
    adminUrl = cmsUrl,
    secret,
    ports,
    host = '127.0.0.1',
    previewHost = '127.0.0.1',
    dirs,
    mode = 'local',
    timeouts = {},
    log = (l) => console.log(l),
  } = options;
  if (previewToken && !previewSecret)
    throw new Error('The preview needs PREVIEW_SECRET, the secret the CMS signs its preview links with.');
  const frameAncestors = [new URL(adminUrl).origin];
  const serial = serialized();
  const siteBuild = localSiteBuilder({ cmsUrl, token: siteToken, log });
  const previewBuild = previewToken
    ? localSiteBuilder({ cmsUrl, token: previewToken, preview: true, frameAncestors, log })
    : undefined;
  // /status names no folder of this machine and no secret.
  const hidden = {
    secrets: [siteToken, previewToken, secret, previewSecret, options.github?.token],
    paths: { [repositoryRoot]: '.' },
  };
  const site =
    mode === 'github'
      ? new Rebuilder({ build: githubDispatcher(options.github ?? {}), log, ...hidden })
      : new Rebuilder({ build: serial(siteBuild), root: dirs.site, log, ...hidden });
  const preview = previewBuild
    ? new Rebuilder({ build: serial(previewBuild), root: dirs.preview, log, ...hidden })
    : undefined;

  const servers = [];
  try {
    servers.push(
      await listen(
        createRebuildHandler({ secret, site, preview, bodyTimeoutMs: timeouts.body }),
        ports.rebuild,
        host,
        timeouts,
      ),
    );
    if (mode === 'local') servers.push(await listen(createStaticHandler(site), ports.site, host, timeouts));
    if (preview && ports.preview)
      servers.push(
        await listen(
          createStaticHandler(preview, { previewSecret, frameAncestors }),
          ports.preview,
          previewHost,
          timeouts,
        ),
      );
  } catch (error) {
    for (const server of servers) server.close();
    throw error;
  }
  return {
    site,
    preview,
    urls: {
      site: mode === 'local' ? `http://${host}:${ports.site}/` : undefined,
      rebuild: `http://${host}:${ports.rebuild}/`,
      preview: preview && ports.preview ? `http://${previewHost}:${ports.preview}/` : undefined,
    },
    /** Stops the servers and any running build. */
    async close() {
      siteBuild.stopAll();
      previewBuild?.stopAll();
      await Promise.all(
        servers.map(
          (server) =>
            new Promise((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections?.();
            }),
        ),
      );
    },
  };
}
