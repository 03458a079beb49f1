// The publishing services around the CMS: the public site's static server, the editors' preview
// server and the rebuild service that the CMS's webhook calls.
import type { RequestListener, Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type GithubDispatcherOptions,
  githubDispatcher,
  githubRunReader,
  localSiteBuilder,
  serialized,
} from './builders.ts';
import { createHttpServer, createRebuildHandler, createStaticHandler, type Timeouts } from './http.ts';
import { Rebuilder } from './rebuilder.ts';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function listen(handler: RequestListener, port: number, host: string, timeouts: Timeouts): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createHttpServer(handler, timeouts);
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${host} is in use: stop what uses it or choose another port.`)
          : error,
      ),
    );
    server.listen(port, host, () => resolve(server));
  });
}

export interface ServicesOptions {
  cmsUrl: string;
  /** Read-only token (published content). */
  siteToken: string;
  /** Token that may read drafts; without it, no preview. */
  previewToken?: string | undefined;
  /** Shared secret of the CMS's signed preview links (needed with previewToken). */
  previewSecret?: string | undefined;
  /** Where editors open the CMS admin, which shows the preview in a frame (default cmsUrl). */
  adminUrl?: string | undefined;
  /** Shared secret of the webhook. */
  secret: string;
  ports: { site: number; rebuild: number; preview?: number | undefined };
  /**
   * The public site's address, which its pages and feeds link to (default SITE_URL, else where
   * these services serve it).
   */
  siteUrl?: string | undefined;
  /** Interface of the site and the rebuild service (default 127.0.0.1). */
  host?: string | undefined;
  /** Interface of the preview (default 127.0.0.1: this machine only). */
  previewHost?: string | undefined;
  timeouts?: Timeouts;
  /**
   * How long the CMS's events must pause before a build starts (default one second): an editor's
   * publish in both languages, or a bulk publish, makes one build of the site and one of the preview.
   */
  settleMs?: number;
  /** Where releases are kept. */
  dirs: { site: string; preview: string };
  mode?: 'local' | 'github';
  github?: GithubDispatcherOptions;
  log?: (line: string) => void;
}

/** The running services. */
export interface Services {
  site: Rebuilder;
  preview: Rebuilder | undefined;
  urls: { site: string | undefined; rebuild: string; preview: string | undefined };
  /** Stops the servers and any running build. */
  close(): Promise<void>;
}

/** Starts the services and the first builds. */
export async function startServices(options: ServicesOptions): Promise<Services> {
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
    settleMs = 1000,
    log = (l) => console.log(l),
  } = options;
  if (previewToken && !previewSecret)
    throw new Error('The preview needs PREVIEW_SECRET, the secret the CMS signs its preview links with.');
  const frameAncestors = [new URL(adminUrl).origin];
  const serial = serialized();
  const servedAt = mode === 'local' ? `http://${host.includes(':') ? `[${host}]` : host}:${ports.site}/` : undefined;
  const siteUrl = options.siteUrl || process.env.SITE_URL || servedAt;
  const siteBuild = localSiteBuilder({ cmsUrl, token: siteToken, siteUrl, log });
  const previewBuild = previewToken
    ? localSiteBuilder({ cmsUrl, token: previewToken, preview: true, frameAncestors, siteUrl, log })
    : undefined;
  // /status names no folder of this machine and no secret.
  const hidden = {
    secrets: [siteToken, previewToken, secret, previewSecret, options.github?.token],
    paths: { [repositoryRoot]: '.' },
  };
  const site =
    mode === 'github'
      ? new Rebuilder({
          build: githubDispatcher(options.github ?? {}),
          handsOff: true,
          ciRun: githubRunReader(options.github ?? {}),
          log,
          settleMs,
          ...hidden,
        })
      : new Rebuilder({ build: serial(siteBuild), root: dirs.site, log, settleMs, ...hidden });
  const preview = previewBuild
    ? new Rebuilder({ build: serial(previewBuild), root: dirs.preview, log, settleMs, ...hidden })
    : undefined;

  const servers: Server[] = [];
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
      site: servedAt,
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
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}
