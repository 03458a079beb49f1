// The rebuild service's HTTP side: the CMS webhook (shared secret, JSON, size limit, known events)
// and /status; the static server that serves whichever release `current` points at, with the
// security headers the build wrote; and the gate of the editors' preview (signed links, a session
// cookie). Every server has header, request and body timeouts.
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { TLSSocket } from 'node:tls';
import path from 'node:path';
import {
  createPreviewSession,
  defaultLocale,
  parsePathname,
  previewCookieName,
  previewLinkParams,
  previewSessionSeconds,
  rebuildEvents,
  verifyPreviewSession,
  verifyPreviewUrl,
} from '@tcci/schemas';
import { headersFileName, parseHeadersFile, previewHeaders, securityHeaders } from '@tcci/site/security-headers';
import compression from 'compression';
import sirv, { type RequestHandler } from 'sirv';
import type { Rebuilder } from './rebuilder.ts';

/** The events the service accepts: those the CMS's webhook sends (@tcci/schemas). Anything else is refused. */
export { rebuildEvents };

/** The largest webhook body accepted (Strapi's payload is the entry; the plan's largest is a few KiB). */
export const maxBodyBytes = 1024 * 1024;

/**
 * Timeouts of every server, in milliseconds: all of a request's headers must arrive within
 * `headers`, the whole request within `request`, a webhook body within `body`.
 */
export const defaultTimeouts: Readonly<{ headers: number; request: number; body: number; keepAlive: number }> =
  Object.freeze({ headers: 10_000, request: 30_000, body: 10_000, keepAlive: 5_000 });

/** The timeouts of a server, each optional; `checkInterval`: how often Node looks for late ones. */
export type Timeouts = Partial<typeof defaultTimeouts> & { checkInterval?: number };

/** An HTTP server whose connections cannot be held open by a client that sends slowly or not at all. */
export function createHttpServer(handler: RequestListener, timeouts: Timeouts = {}): Server {
  const t = { ...defaultTimeouts, ...timeouts };
  const server = createServer(
    {
      headersTimeout: t.headers,
      requestTimeout: t.request,
      // How often Node looks for connections past those timeouts.
      connectionsCheckingInterval: timeouts.checkInterval ?? Math.min(1000, t.headers),
    },
    handler,
  );
  server.keepAliveTimeout = t.keepAlive;
  // A connection that goes quiet (e.g. between two parts of a body) is closed too.
  server.timeout = t.request;
  return server;
}

/** Constant-time comparison of a presented secret with the expected one. */
export function secretMatches(presented: unknown, expected: string | undefined): boolean {
  if (typeof presented !== 'string' || !expected) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/** A webhook body: a JSON object, whose fields are read only after a check of their type. */
type WebhookPayload = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is WebhookPayload => typeof value === 'object' && value !== null;

/**
 * Which webhook events change the public site: publish, unpublish and delete always; an update
 * only when it is to a published entry (saving a draft, or discarding one, changes only the preview).
 */
export function changesPublicSite(payload: WebhookPayload): boolean {
  switch (payload.event) {
    case 'entry.publish':
    case 'entry.unpublish':
    case 'entry.delete':
      return true;
    case 'entry.update':
      return isObject(payload.entry) && Boolean(payload.entry.publishedAt);
    default:
      return false;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(`${JSON.stringify(body, null, 2)}\n`);
}

/** A request that is answered with `status`; `drained`: its body was read to its end. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly drained = true,
  ) {
    super(message);
  }
}
const httpError = (status: number, message: string, drained = true) => new HttpError(status, message, drained);

/**
 * Reads a request body of at most `limit` bytes. A larger one, declared or streamed, is read to its
 * end and thrown away (up to `discardLimit` bytes) so that the client is there to read the 413;
 * one that does not arrive within `timeoutMs` is a 408.
 */
function readBody(
  req: IncomingMessage,
  {
    limit = maxBodyBytes,
    timeoutMs = defaultTimeouts.body,
    discardLimit = 8 * limit,
  }: { limit?: number; timeoutMs?: number; discardLimit?: number } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = req.headers['content-length'] === undefined ? 0 : Number(req.headers['content-length']);
    if (declared > discardLimit) return reject(httpError(413, 'too large', false));
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: Error | undefined, value?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(value ?? '');
    };
    const timer = setTimeout(() => finish(httpError(408, 'body too slow', false)), timeoutMs);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > discardLimit) finish(httpError(413, 'too large', false));
      else if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () =>
      finish(size > limit ? httpError(413, 'too large') : undefined, Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', (error: Error) => finish(error));
    req.on('close', () => finish(httpError(400, 'the request ended early', false)));
  });
}

/** Whether a Content-Type names JSON (`application/json`, or `application/…+json`). */
function isJson(contentType = ''): boolean {
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return type === 'application/json' || /^application\/[\w.-]+\+json$/u.test(type);
}

/** What the rebuild service's webhook starts, and /status reports. */
type Rebuilds = Pick<Rebuilder, 'request' | 'status'> & Partial<Pick<Rebuilder, 'refreshCi'>>;

export interface RebuildHandlerOptions {
  /** The shared secret the CMS sends as `Authorization: Bearer …`. */
  secret: string | undefined;
  /** Rebuilds the public site. */
  site: Rebuilds;
  /** Rebuilds the editors' preview. */
  preview?: Rebuilds | undefined;
  /** How long a webhook body may take to arrive. */
  bodyTimeoutMs?: number | undefined;
  log?: (line: string) => void;
}

/** The handler of the rebuild service. */
export function createRebuildHandler({
  secret,
  site,
  preview,
  bodyTimeoutMs = defaultTimeouts.body,
  log = (line) => console.error(line),
}: RebuildHandlerOptions): RequestListener {
  if (!secret) throw new Error('The rebuild service needs a shared secret (REBUILD_SECRET).');
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/status' && req.method === 'GET') {
        await site.refreshCi?.();
        return send(res, 200, { site: site.status(), ...(preview ? { preview: preview.status() } : {}) });
      }
      if (url.pathname !== '/webhook') return send(res, 404, { error: 'Not found. POST /webhook, GET /status.' });
      if (req.method !== 'POST') return send(res, 405, { error: 'Use POST.' });
      const authorization = req.headers.authorization ?? '';
      const presented = authorization.startsWith('Bearer ') ? authorization.slice(7) : undefined;
      if (!secretMatches(presented, secret)) return send(res, 401, { error: 'Wrong or missing secret.' });
      if (!isJson(req.headers['content-type']))
        return send(res, 415, { error: 'Send the body as JSON (Content-Type: application/json).' });
      let body: string;
      try {
        body = await readBody(req, { timeoutMs: bodyTimeoutMs });
      } catch (caught) {
        const error = caught instanceof HttpError ? caught : httpError(400, String(caught), false);
        // The connection is closed after the answer; a body that was not read to its end goes with it.
        const close = { connection: 'close' };
        if (!error.drained) res.once('finish', () => req.socket.destroy());
        if (error.status === 413)
          return send(res, 413, { error: `The body is larger than ${maxBodyBytes} bytes.` }, close);
        if (error.status === 408) return send(res, 408, { error: 'The body did not arrive in time.' }, close);
        return send(res, 400, { error: 'The request ended before its body.' }, close);
      }
      let payload: unknown;
      try {
        payload = JSON.parse(body) as unknown;
      } catch {
        return send(res, 400, { error: 'The body is not JSON.' });
      }
      if (!isObject(payload) || typeof payload.event !== 'string') {
        return send(res, 400, { error: 'The body has no "event".' });
      }
      const event = payload.event;
      if (!rebuildEvents.includes(event))
        return send(res, 400, { error: `Unknown event: expected one of ${rebuildEvents.join(', ')}.` });
      const subject = [payload.uid, payload.model].find((value) => typeof value === 'string') ?? '';
      const reason = `${event} ${subject}`.trim();
      const publicChange = changesPublicSite(payload);
      if (publicChange) site.request(reason);
      preview?.request(reason);
      return send(res, 202, { accepted: event, rebuild: publicChange, preview: Boolean(preview) });
    } catch (error) {
      log(`[rebuild] ${req.method} ${url.pathname} failed: ${error instanceof Error ? error.stack : String(error)}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      return send(res, 500, { error: 'Internal error.' });
    }
  };
  // Every failure is answered inside `handle`: the promise never rejects.
  return (req, res) => void handle(req, res);
}

/** The value of one cookie of a request. */
function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

const forbiddenPage = `<!doctype html>
<html lang="ja">
<meta charset="utf-8">
<meta name="robots" content="noindex, nofollow">
<title>プレビュー / Preview</title>
<h1>プレビュー / Preview</h1>
<p>下書きのプレビューは編集者専用です。CMS の管理画面で項目を開き、「Open preview」から表示してください。</p>
<p lang="en">The preview of drafts is for editors only. Open it from the CMS admin: open an entry and use its
<strong>Open preview</strong> button.</p>
</html>
`;

export interface StaticHandlerOptions {
  /** The editors' preview: the secret of the CMS's signed preview links. */
  previewSecret?: string | undefined;
  /**
   * Origins that may frame the preview (the CMS admin), for the responses that are not from a
   * release.
   */
  frameAncestors?: readonly string[];
}

/**
 * Serves the release `current` points at; a new release is picked up at the next request, so a
 * request is answered wholly from one release. Unknown paths get the locale's 404 page. Every
 * response carries the release's security headers (its `_headers` file).
 *
 * With `previewSecret`, it is the editors' preview: only a signed link from the CMS's preview button
 * (see @tcci/schemas preview-link) or the session cookie such a link gives opens it; anything else
 * gets 401. A valid link sets the cookie and redirects to the same address without the signature.
 */
export function createStaticHandler(
  rebuilder: Pick<Rebuilder, 'currentDir'>,
  { previewSecret, frameAncestors = [] }: StaticHandlerOptions = {},
): RequestListener {
  const preview = previewSecret !== undefined;
  if (preview && !previewSecret) throw new Error('The preview needs its shared secret (PREVIEW_SECRET).');
  const fallbackHeaders = securityHeaders({ preview, frameAncestors: preview ? frameAncestors : [] });
  // Text (HTML, scripts, styles, JSON, CSV) gzipped for clients that accept it; files that are
  // compressed already (images, PDF, the search's index) are sent as they are.
  const compress = compression();
  const servers = new Map<string, { headers: Record<string, string>; serve: RequestHandler }>();
  const releaseFor = (dir: string) => {
    let release = servers.get(dir);
    if (!release) {
      servers.clear();
      const file = path.join(dir, headersFileName);
      const headers = {
        ...(existsSync(file) ? parseHeadersFile(readFileSync(file, 'utf8')) : fallbackHeaders),
        ...(preview ? previewHeaders : {}),
      };
      // `brotli`: the search's data files have a brotli copy beside them (site/scripts/search-index.ts).
      const serve = sirv(dir, {
        dev: false,
        etag: true,
        maxAge: 0,
        extensions: ['html'],
        dotfiles: false,
        brotli: true,
      });
      release = { headers, serve };
      servers.set(dir, release);
    }
    return release;
  };
  const setHeaders = (res: ServerResponse, headers: Readonly<Record<string, string>>) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  };
  const plain = (res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) => {
    setHeaders(res, fallbackHeaders);
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    res.end(text);
  };

  return (req, res) => {
    if (preview) {
      const url = new URL(req.url ?? '/', 'http://preview.invalid');
      const linked = url.searchParams.has(previewLinkParams.signature);
      if (linked && previewSecret && verifyPreviewUrl(url, previewSecret)) {
        url.searchParams.delete(previewLinkParams.expires);
        url.searchParams.delete(previewLinkParams.signature);
        const secure =
          req.socket instanceof TLSSocket || req.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';
        setHeaders(res, fallbackHeaders);
        res.writeHead(303, {
          location: `${url.pathname.replace(/^\/+/u, '/')}${url.search}`,
          'set-cookie': `${previewCookieName}=${createPreviewSession(previewSecret)}; Max-Age=${previewSessionSeconds}; Path=/; HttpOnly; SameSite=Lax${secure}`,
          'cache-control': 'no-store',
        });
        res.end();
        return;
      }
      if (!previewSecret || !verifyPreviewSession(cookie(req, previewCookieName), previewSecret)) {
        setHeaders(res, fallbackHeaders);
        res.writeHead(401, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : forbiddenPage);
        return;
      }
    }
    const dir = rebuilder.currentDir();
    if (!dir || !existsSync(dir)) {
      plain(res, 503, 'The site is being built. Try again in a few seconds.\n', { 'retry-after': '5' });
      return;
    }
    const { headers, serve } = releaseFor(dir);
    setHeaders(res, headers);
    const notFound = () => {
      // The 404 page of the locale whose prefix the address has: Astro writes the default locale's
      // as 404.html, the others' as <locale>/404/index.html.
      const { locale } = parsePathname(new URL(req.url ?? '/', 'http://localhost').pathname);
      const page = locale === defaultLocale ? path.join(dir, '404.html') : path.join(dir, locale, '404', 'index.html');
      res.writeHead(404, { 'content-type': `text/${existsSync(page) ? 'html' : 'plain'}; charset=utf-8` });
      res.end(existsSync(page) ? readFileSync(page) : 'Not found\n');
    };
    // `_headers` is for static hosts, which do not serve it either.
    if (new URL(req.url ?? '/', 'http://localhost').pathname === `/${headersFileName}`) {
      notFound();
      return;
    }
    compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () =>
      serve(req, res, notFound),
    );
  };
}
