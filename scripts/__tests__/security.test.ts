// What an attacker (or a careless client) sees of the rebuild service, the static servers and the
// editors' preview: limits, timeouts, what /status tells, file modes, security headers, and that
// drafts open only through the CMS's signed links.
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { type Server } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import {
  createPreviewSession,
  previewCookieName,
  rebuildEvents as cmsRebuildEvents,
  signPreviewPath,
  signPreviewUrl,
  verifyPreviewSession,
  verifyPreviewUrl,
} from '@tcci/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '@tcci/cms/process';
import { entryPreviewUrl } from '../../cms/src/plan/preview.ts';
import { headersFileName, writeHeadersFile } from '@tcci/site/security-headers';
import { localSiteBuilder } from '../rebuild/builders.ts';
import * as http from '../rebuild/http.ts';
import { Rebuilder } from '../rebuild/rebuilder.ts';
import { startServices } from '../rebuild/services.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const quiet = () => {};
const secret = 'a-shared-secret';
const previewSecret = 'the-preview-secret-of-the-cms';
const adminOrigin = 'http://127.0.0.1:1337';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'security-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const inlineScript = 'document.documentElement.dataset.ran = "yes";';

/** A build that writes a page with an inline script and the `_headers` the real build writes. */
function fakeBuild(env: Record<string, string> = {}) {
  const stats = { builds: 0 };
  const build = async (dir: string, info: { id: string }) => {
    mkdirSync(dir, { recursive: true });
    stats.builds += 1;
    writeFileSync(path.join(dir, 'index.html'), `<!doctype html><p>${info.id}</p><script>${inlineScript}</script>`);
    mkdirSync(path.join(dir, 'en', 'branches', 'koto'), { recursive: true });
    writeFileSync(path.join(dir, 'en', 'branches', 'koto', 'index.html'), '<p>Draft name</p>');
    writeFileSync(path.join(dir, '404.html'), '<p>Not found</p>');
    writeHeadersFile(dir, env);
  };
  return { build, stats };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}
const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

const request = (url: string, init: RequestInit = {}) =>
  fetch(url, { redirect: 'manual', ...init, signal: AbortSignal.timeout(10_000) });

/**
 * Opens a raw connection, writes `data`, and resolves with what the server answered once it closed
 * the connection; `closed` is false if it was still open after `ms` (a generous bound).
 */
/** The rebuild service, the site and the preview on the given ports, with a CMS that never answers. */
const startTestServices = (ports: { site: number; rebuild: number; preview: number }, host?: string) =>
  startServices({
    cmsUrl: 'http://127.0.0.1:9',
    siteToken: 'site-token',
    previewToken: 'preview-token',
    previewSecret,
    secret,
    ports,
    ...(host ? { host } : {}),
    dirs: { site: path.join(root, 'live'), preview: path.join(root, 'preview') },
    log: quiet,
  });

function rawExchange(port: number, data: string, ms: number): Promise<{ closed: boolean; answer: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ closed: false, answer });
    }, ms);
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ closed: true, answer });
    });
    socket.write(data);
  });
}

describe('the webhook', () => {
  let server: Server;
  let url = '';
  let site: Rebuilder;
  let preview: Rebuilder;
  let stats: { site: { builds: number }; preview: { builds: number } };

  beforeEach(async () => {
    const siteBuild = fakeBuild();
    const previewBuild = fakeBuild();
    stats = { site: siteBuild.stats, preview: previewBuild.stats };
    site = new Rebuilder({ build: siteBuild.build, root: path.join(root, 'live'), log: quiet });
    preview = new Rebuilder({ build: previewBuild.build, root: path.join(root, 'preview'), log: quiet });
    server = http.createHttpServer(http.createRebuildHandler({ secret, site, preview, log: quiet }));
    url = await listen(server);
  });
  afterEach(() => close(server));

  const post = (
    body: NonNullable<RequestInit['body']>,
    headers: Record<string, string> = {},
    extra: RequestInit = {},
  ) =>
    request(`${url}/webhook`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', ...headers },
      body,
      ...extra,
    });

  it('answers 413 to a streamed body (chunked, no length) over 1 MiB, rather than resetting the connection', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 2 * http.maxBodyBytes) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await post(body, {}, { duplex: 'half' });
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toMatchObject({ error: expect.stringContaining('larger') });
    // A declared length over the limit gets the same answer.
    expect((await post(`{"event":"entry.publish","x":"${'x'.repeat(http.maxBodyBytes)}"}`)).status).toBe(413);
    await site.idle();
    expect(stats.site.builds).toBe(0);
  });

  it('answers 415 to a body that is not sent as JSON', async () => {
    const publish = JSON.stringify({ event: 'entry.publish', entry: { publishedAt: '2026-01-01' } });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])
      expect((await post(publish, { 'content-type': type })).status, type).toBe(415);
    expect((await post(publish, { 'content-type': '' })).status).toBe(415);
    expect((await post(publish, { 'content-type': 'application/json; charset=utf-8' })).status).toBe(202);
    await site.idle();
    expect(stats.site.builds).toBe(1);
  });

  it('answers 400 to an event the CMS does not send, and builds neither the site nor the preview', async () => {
    for (const event of ['media.create', 'entry.destroy', 'trigger-test', 'review-workflows.updateEntryStage', '']) {
      const response = await post(JSON.stringify({ event, entry: { publishedAt: '2026-01-01' } }));
      expect(response.status, event).toBe(400);
    }
    await site.idle();
    await preview.idle();
    expect(stats).toEqual({ site: { builds: 0 }, preview: { builds: 0 } });
    expect(site.status().counts.requested + preview.status().counts.requested).toBe(0);
  });

  it('accepts the events the CMS sends: every one refreshes the preview', async () => {
    expect(http.rebuildEvents).toEqual(cmsRebuildEvents);
    for (const event of cmsRebuildEvents)
      expect((await post(JSON.stringify({ event, entry: { publishedAt: null } }))).status, event).toBe(202);
    await preview.idle();
    expect(preview.status().counts.requested).toBe(cmsRebuildEvents.length);
  });
});

describe('/status', () => {
  it('names no folder of this machine and no secret, even when a build fails saying them', async () => {
    const token = randomBytes(16).toString('hex');
    const live = path.join(root, 'live');
    const site = new Rebuilder({
      build: async (dir: string) => {
        throw new Error(
          `EACCES: permission denied, open '${dir}/index.html' (loaded ${repositoryRoot}/site/src/lib/source.ts ` +
            `from /home/editor/.cache/x.json with token ${token}; Authorization: Bearer ${secret})`,
        );
      },
      root: live,
      log: quiet,
      secrets: [token, secret],
      paths: { [repositoryRoot]: '.' },
    });
    const server = http.createHttpServer(http.createRebuildHandler({ secret, site }));
    const url = await listen(server);
    try {
      site.request('entry.publish');
      await site.idle();
      const text = await (await request(`${url}/status`)).text();
      const status = JSON.parse(text);
      expect(status.site.lastResult.result).toBe('failure');
      expect(status.site.lastError.message).toMatch(/^EACCES: permission denied/u);
      for (const hidden of [token, secret, root, repositoryRoot, '/home/editor', tmpdir()])
        expect(text, hidden).not.toContain(hidden);
      // No absolute path at all: every "/" follows a word, as in "./site/src" or "releases/…".
      expect(status.site.lastError.message).not.toMatch(/(?:^|[\s'"(])\//u);
      expect(status.site.lastError.message).toContain('site/src/lib/source.ts');
    } finally {
      await close(server);
    }
  });
});

describe('slow clients', () => {
  let services: Awaited<ReturnType<typeof startServices>> | undefined;
  afterEach(async () => {
    await services?.close();
    services = undefined;
  });

  it('cannot hold a connection to any server by sending a request slowly or not at all', async () => {
    const ports = { site: await freePort(), rebuild: await freePort(), preview: await freePort() };
    services = await startTestServices(ports);
    const bound = 45_000;
    const partialHeaders = 'POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n';
    const partialBody = (authorization: string) =>
      `POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n${authorization}Content-Type: application/json\r\n` +
      'Content-Length: 100\r\n\r\n{"event":';
    const results = await Promise.all([
      rawExchange(ports.rebuild, '', bound),
      rawExchange(ports.rebuild, partialHeaders, bound),
      rawExchange(ports.rebuild, partialBody(''), bound),
      rawExchange(ports.rebuild, partialBody(`Authorization: Bearer ${secret}\r\n`), bound),
      rawExchange(ports.site, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n', bound),
      rawExchange(ports.preview, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n', bound),
    ]);
    expect(results.map((r) => r.closed)).toEqual(Array(results.length).fill(true));
    // The authenticated client that stopped in the middle of its body is told why.
    expect(results[3].answer).toMatch(/^HTTP\/1\.1 408/u);
  });
});

describe('release folders', () => {
  it('are readable by their owner only, and so is everything in them', async () => {
    const { build } = fakeBuild();
    const live = path.join(root, 'live');
    const rebuilder = new Rebuilder({
      build: async (dir: string, info: { id: string }) => {
        await build(dir, info);
        // What a build copies keeps its mode (Astro copies public/ as it is in the repository).
        writeFileSync(path.join(dir, 'favicon.svg'), '<svg/>', { mode: 0o644 });
        chmodSync(path.join(dir, 'favicon.svg'), 0o644);
        chmodSync(path.join(dir, 'en'), 0o755);
      },
      root: live,
      log: quiet,
    });
    rebuilder.request('first');
    await rebuilder.idle();
    expect(statSync(live).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(live, 'releases')).mode & 0o777).toBe(0o700);
    const release = rebuilder.currentDir()!;
    expect(statSync(release).mode & 0o077).toBe(0);
    for (const entry of readdirSync(release, { recursive: true, withFileTypes: true })) {
      const file = path.join(entry.parentPath, entry.name);
      expect(statSync(file).mode & 0o077, file).toBe(0);
    }
  });

  it('and what a build writes into them too, whatever the umask of the service', async () => {
    const script = path.join(root, 'build.mjs');
    writeFileSync(
      script,
      `import { mkdirSync, writeFileSync } from 'node:fs';
       const dir = process.env.SITE_OUT_DIR;
       mkdirSync(dir + '/en', { recursive: true });
       writeFileSync(dir + '/index.html', '<p>built</p>');
       writeFileSync(dir + '/en/index.html', '<p>built</p>');`,
    );
    const live = path.join(root, 'live');
    const rebuilder = new Rebuilder({
      build: localSiteBuilder({ cmsUrl: 'http://127.0.0.1:9', token: 't', script }),
      root: live,
      log: quiet,
    });
    rebuilder.request('first');
    await rebuilder.idle();
    expect(rebuilder.status().lastResult?.result).toBe('success');
    const release = rebuilder.currentDir()!;
    expect(statSync(release).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(release, 'en')).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(release, 'index.html')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(release, 'en', 'index.html')).mode & 0o777).toBe(0o600);
  });
});

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The directives of a Content-Security-Policy, by name. */
function directives(policy: string | null): Record<string, string[]> {
  return Object.fromEntries(
    (policy ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/u))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('the security headers of the site and the preview', () => {
  it('the site: a CSP that runs no inline script but the built ones, and forbids framing', async () => {
    const { build } = fakeBuild();
    const rebuilder = new Rebuilder({ build, root: path.join(root, 'live'), log: quiet });
    const server = http.createHttpServer(http.createStaticHandler(rebuilder));
    const url = await listen(server);
    try {
      const before = await request(`${url}/`);
      expect(before.status).toBe(503);
      expect(directives(before.headers.get('content-security-policy'))['script-src']).toEqual([
        "'self'",
        "'wasm-unsafe-eval'",
      ]);
      rebuilder.request('first');
      await rebuilder.idle();
      for (const [pathname, status] of [
        ['/', 200],
        ['/nowhere/', 404],
      ] as const) {
        const response = await request(`${url}${pathname}`);
        expect(response.status, pathname).toBe(status);
        const csp = directives(response.headers.get('content-security-policy'));
        expect(csp['script-src'], pathname).toEqual(["'self'", "'wasm-unsafe-eval'", hashOf(inlineScript)]);
        expect(csp['default-src']).toEqual(["'self'"]);
        expect(csp['object-src']).toEqual(["'none'"]);
        expect(csp['frame-ancestors']).toEqual(["'none'"]);
        expect(
          Object.values(csp)
            .flat()
            .filter((v) => v === "'unsafe-inline'"),
        ).toHaveLength(1); // style-src only
        expect(csp['style-src']).toContain("'unsafe-inline'");
        expect(response.headers.get('x-frame-options')).toBe('DENY');
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
        expect(response.headers.get('x-robots-tag')).toBeNull();
      }
      // The headers come from the release's _headers file, which is not served itself.
      const file = readFileSync(path.join(rebuilder.currentDir()!, headersFileName), 'utf8');
      expect(file).toMatch(/^\/\*\n {2}Content-Security-Policy: /u);
      expect(file).toContain(hashOf(inlineScript));
      expect((await request(`${url}/${headersFileName}`)).status).toBe(404);
    } finally {
      await close(server);
    }
  });

  it('the preview: framable by the CMS admin only, never indexed, never in a shared cache', async () => {
    const { build } = fakeBuild({ SITE_PREVIEW: '1', SITE_FRAME_ANCESTORS: adminOrigin });
    const rebuilder = new Rebuilder({ build, root: path.join(root, 'preview'), log: quiet });
    const server = http.createHttpServer(
      http.createStaticHandler(rebuilder, { previewSecret, frameAncestors: [adminOrigin] }),
    );
    const url = await listen(server);
    try {
      rebuilder.request('first');
      await rebuilder.idle();
      const cookie = `${previewCookieName}=${createPreviewSession(previewSecret)}`;
      for (const [pathname, headers, status] of [
        ['/', { cookie }, 200],
        ['/', {}, 401],
        ['/nowhere/', { cookie }, 404],
      ] as const) {
        const response = await request(`${url}${pathname}`, { headers });
        expect(response.status, pathname).toBe(status);
        const csp = directives(response.headers.get('content-security-policy'));
        expect(csp['frame-ancestors'], `${status}`).toEqual([adminOrigin]);
        expect(csp['script-src']?.[0]).toBe("'self'");
        expect(csp['script-src']).not.toContain("'unsafe-inline'");
        expect(response.headers.get('x-frame-options')).toBeNull();
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        expect(response.headers.get('x-robots-tag')).toMatch(/noindex/u);
        expect(response.headers.get('cache-control')).toMatch(/private|no-store/u);
      }
    } finally {
      await close(server);
    }
  });
});

describe('the preview of drafts', () => {
  let server: Server;
  let url = '';
  const now = () => Math.floor(Date.now() / 1000);

  beforeEach(async () => {
    const { build } = fakeBuild({ SITE_PREVIEW: '1', SITE_FRAME_ANCESTORS: adminOrigin });
    const rebuilder = new Rebuilder({ build, root: path.join(root, 'preview'), log: quiet });
    rebuilder.request('first');
    await rebuilder.idle();
    server = http.createHttpServer(
      http.createStaticHandler(rebuilder, { previewSecret, frameAncestors: [adminOrigin] }),
    );
    url = await listen(server);
  });
  afterEach(() => close(server));

  const page = '/en/branches/koto/';

  it('answers 401, saying to open it from the admin, without a signed link', async () => {
    for (const pathname of ['/', page, '/404.html', `/${headersFileName}`, '/nowhere/']) {
      const response = await request(`${url}${pathname}`);
      expect(response.status, pathname).toBe(401);
      const text = await response.text();
      expect(text).toContain('Open preview');
      expect(text).not.toContain('Draft name');
    }
  });

  it('answers 401 to a forged, altered, expired or foreign signature', async () => {
    const signed = new URL(signPreviewUrl(`${url}${page}`, previewSecret));
    const expires = signed.searchParams.get('preview-expires')!;
    const signature = signed.searchParams.get('preview-signature')!;
    const links = [
      `${page}?preview-expires=${expires}&preview-signature=${'A'.repeat(signature.length)}`,
      `${page}?preview-expires=${Number(expires) + 3600}&preview-signature=${signature}`,
      `/en/branches/?preview-expires=${expires}&preview-signature=${signature}`,
      `${page}?preview-expires=${expires}`,
      `${page}?preview-signature=${signature}`,
      new URL(signPreviewUrl(`${url}${page}`, 'another-secret')).pathname +
        new URL(signPreviewUrl(`${url}${page}`, 'another-secret')).search,
      `${page}?preview-expires=${now() - 1}&preview-signature=${signPreviewPath(page, now() - 1, previewSecret)}`,
    ];
    for (const link of links) {
      const response = await request(`${url}${link}`);
      expect(response.status, link).toBe(401);
      expect(response.headers.get('set-cookie'), link).toBeNull();
    }
    for (const value of [
      'x',
      `${now() + 3600}.forged`,
      createPreviewSession('another-secret'),
      createPreviewSession(previewSecret, { now: now() - 7200 }),
    ]) {
      expect((await request(`${url}${page}`, { headers: { cookie: `${previewCookieName}=${value}` } })).status).toBe(
        401,
      );
    }
  });

  it('opens with a valid link: a session cookie, then the clean address shows the draft', async () => {
    const link = signPreviewUrl(`${url}${page}`, previewSecret);
    const redirect = await request(link);
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toBe(page);
    const setCookie = redirect.headers.get('set-cookie')!;
    expect(setCookie).toMatch(new RegExp(`^${previewCookieName}=[^;]+;`, 'u'));
    expect(setCookie).toMatch(/; HttpOnly(;|$)/u);
    expect(setCookie).toMatch(/; SameSite=Lax(;|$)/u);
    expect(setCookie).toMatch(/; Path=\/(;|$)/u);
    expect(setCookie).toMatch(/; Max-Age=3600(;|$)/u);
    const cookie = setCookie.split(';')[0]!;
    const shown = await request(`${url}${page}`, { headers: { cookie } });
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('Draft name');
    // The cookie opens the rest of the preview too, for an hour.
    expect((await request(`${url}/`, { headers: { cookie } })).status).toBe(200);
  });
});

describe('signed preview links (@tcci/schemas)', () => {
  const now = 1_800_000_000;

  it('verify for their path until they expire, and not with another secret', () => {
    const link = signPreviewUrl('http://127.0.0.1:4323/en/branches/koto/', previewSecret, { now });
    expect(verifyPreviewUrl(link, previewSecret, now)).toBe(true);
    expect(verifyPreviewUrl(link, previewSecret, now + 599)).toBe(true);
    expect(verifyPreviewUrl(link, previewSecret, now + 600)).toBe(false);
    expect(verifyPreviewUrl(link, 'another-secret', now)).toBe(false);
    expect(verifyPreviewUrl(link, '', now)).toBe(false);
    expect(verifyPreviewUrl(link.replace('/koto/', '/chuo/'), previewSecret, now)).toBe(false);
    expect(verifyPreviewUrl(link.replace(`expires=${now + 600}`, `expires=${now + 6000}`), previewSecret, now)).toBe(
      false,
    );
    expect(verifyPreviewUrl('http://127.0.0.1:4323/en/branches/koto/', previewSecret, now)).toBe(false);
    expect(() => signPreviewUrl('http://127.0.0.1:4323/', '')).toThrow('PREVIEW_SECRET');
  });

  it('keep the fragment of an anchored entry', () => {
    const link = new URL(signPreviewUrl('http://127.0.0.1:4323/initiatives/#rcep-certificates', previewSecret));
    expect(link.hash).toBe('#rcep-certificates');
    expect(verifyPreviewUrl(link, previewSecret)).toBe(true);
  });

  it('give sessions that expire and cannot be forged', () => {
    const session = createPreviewSession(previewSecret, { now });
    expect(verifyPreviewSession(session, previewSecret, now + 3599)).toBe(true);
    expect(verifyPreviewSession(session, previewSecret, now + 3600)).toBe(false);
    expect(verifyPreviewSession(session, 'another-secret', now)).toBe(false);
    const [expires, signature] = session.split('.');
    expect(verifyPreviewSession(`${Number(expires) + 1}.${signature}`, previewSecret, now)).toBe(false);
    expect(verifyPreviewSession(`${expires}.${signature}.x`, previewSecret, now)).toBe(false);
    expect(verifyPreviewSession(undefined, previewSecret, now)).toBe(false);
    // A link's signature is no session, and the other way round.
    const link = new URL(signPreviewUrl('http://127.0.0.1:4323/', previewSecret, { now }));
    const linkSession = `${link.searchParams.get('preview-expires')}.${link.searchParams.get('preview-signature')}`;
    expect(verifyPreviewSession(linkSession, previewSecret, now)).toBe(false);
  });
});

describe("the CMS's preview button", () => {
  it('links to the entry on the preview site with a signature the preview server accepts', async () => {
    const calls: unknown[] = [];
    // What of Strapi the link needs: the draft's slug, from the Document Service.
    const strapi = {
      documents: () => ({
        findOne: async (query: unknown) => {
          calls.push(query);
          return { slug: 'koto' };
        },
      }),
    } as unknown as Parameters<typeof entryPreviewUrl>[0];
    const cmsPreviewUrl = (
      ...args: Parameters<typeof entryPreviewUrl> extends [unknown, ...infer Rest] ? Rest : never
    ) => entryPreviewUrl(strapi, ...args);
    const link = await cmsPreviewUrl(
      'api::branch.branch',
      { documentId: 'abc', locale: 'en' },
      'http://127.0.0.1:4323',
      previewSecret,
    );
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:4323\/en\/branches\/koto\/\?/u);
    expect(verifyPreviewUrl(link!, previewSecret)).toBe(true);
    expect(verifyPreviewUrl(link!, 'another-secret')).toBe(false);
    expect(calls).toEqual([{ documentId: 'abc', locale: 'en', status: 'draft' }]);
    // A preview site served from a sub-path: PREVIEW_URL's path is the base of every link.
    const under = await cmsPreviewUrl(
      'api::branch.branch',
      { documentId: 'abc', locale: 'en' },
      'http://127.0.0.1:4323/preview/',
      previewSecret,
    );
    expect(under).toMatch(/^http:\/\/127\.0\.0\.1:4323\/preview\/en\/branches\/koto\/\?/u);
    expect(verifyPreviewUrl(under!, previewSecret)).toBe(true);
    // Without a locale, the default locale's page.
    const plain = await cmsPreviewUrl(
      'api::branch.branch',
      { documentId: 'abc' },
      'http://127.0.0.1:4323',
      previewSecret,
    );
    expect(plain).toMatch(/^http:\/\/127\.0\.0\.1:4323\/branches\/koto\/\?/u);
    // Without the shared secret there is no preview link at all.
    expect(await cmsPreviewUrl('api::branch.branch', { documentId: 'abc' }, 'http://127.0.0.1:4323', '')).toBe(
      undefined,
    );
  });
});

describe('PREVIEW_HOST', () => {
  let services: Awaited<ReturnType<typeof startServices>> | undefined;
  afterEach(async () => {
    await services?.close();
    services = undefined;
  });

  it('keeps the preview on the loopback interface when the site listens on every interface', async () => {
    // Ports free on every interface. Another test file running beside this one may still take one
    // (as a connection's local port) before the services bind it, so try again with new ports, five times at most.
    let ports = { site: 0, rebuild: 0, preview: 0 };
    for (let attempt = 1; !services; attempt++) {
      ports = { site: await freePort('0.0.0.0'), rebuild: await freePort('0.0.0.0'), preview: await freePort() };
      try {
        services = await startTestServices(ports, '0.0.0.0');
      } catch (error) {
        if (attempt === 5 || !(error instanceof Error) || !/ is in use: /u.test(error.message)) throw error;
      }
    }
    expect(services.urls.preview).toBe(`http://127.0.0.1:${ports.preview}/`);
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    const reach = (host: string, port: number) =>
      request(`http://${host}:${port}/`).then(
        (r) => r.status,
        () => 'refused',
      );
    expect(await reach('127.0.0.1', ports.preview)).toBe(401);
    if (outside) {
      expect(await reach(outside, ports.site)).toBe(503);
      expect(await reach(outside, ports.preview)).toBe('refused');
    }
  });
});
