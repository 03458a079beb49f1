// The publishing services around the CMS: the public site's static server, the editors' preview
// server and the rebuild service that the CMS's webhook calls.
import { createServer } from 'node:http';
import { githubDispatcher, localSiteBuilder, serialized } from './builders.mjs';
import { createRebuildHandler, createStaticHandler } from './http.mjs';
import { Rebuilder } from './rebuilder.mjs';

function listen(handler, port, host) {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
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
 * @param {string} options.secret shared secret of the webhook
 * @param {{ site: number, rebuild: number, preview?: number }} options.ports
 * @param {string} [options.host] interface to listen on (default 127.0.0.1)
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
    secret,
    ports,
    host = '127.0.0.1',
    dirs,
    mode = 'local',
    log = (l) => console.log(l),
  } = options;
  const serial = serialized();
  const siteBuild = localSiteBuilder({ cmsUrl, token: siteToken, log });
  const previewBuild = previewToken ? localSiteBuilder({ cmsUrl, token: previewToken, preview: true, log }) : undefined;
  const site =
    mode === 'github'
      ? new Rebuilder({ build: githubDispatcher(options.github ?? {}), log })
      : new Rebuilder({ build: serial(siteBuild), root: dirs.site, log });
  const preview = previewBuild ? new Rebuilder({ build: serial(previewBuild), root: dirs.preview, log }) : undefined;

  const servers = [];
  try {
    servers.push(await listen(createRebuildHandler({ secret, site, preview }), ports.rebuild, host));
    if (mode === 'local') servers.push(await listen(createStaticHandler(site), ports.site, host));
    if (preview && ports.preview) servers.push(await listen(createStaticHandler(preview), ports.preview, host));
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
      preview: preview && ports.preview ? `http://${host}:${ports.preview}/` : undefined,
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
