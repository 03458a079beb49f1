// The rebuild service's HTTP side: the CMS webhook (shared secret, size limit, JSON) and /status;
// and the static server that serves whichever release `current` points at.
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sirv from 'sirv';

/** The largest webhook body accepted (Strapi's payload is the entry; the plan's largest is a few KiB). */
export const maxBodyBytes = 1024 * 1024;

/** Constant-time comparison of a presented secret with the expected one. */
export function secretMatches(presented, expected) {
  if (typeof presented !== 'string' || !expected) return false;
  const digest = (value) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * Which webhook events change the public site: publish, unpublish and delete always; an update
 * only when it is to a published entry (saving a draft changes only the preview).
 * @param {{ event?: string, entry?: { publishedAt?: string | null } }} payload
 */
export function changesPublicSite(payload) {
  switch (payload?.event) {
    case 'entry.publish':
    case 'entry.unpublish':
    case 'entry.delete':
      return true;
    case 'entry.update':
      return Boolean(payload.entry?.publishedAt);
    default:
      return false;
  }
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${JSON.stringify(body, null, 2)}\n`);
}

function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(Object.assign(new Error('too large'), { status: 413 }));
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        reject(Object.assign(new Error('too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The handler of the rebuild service.
 * @param {object} options
 * @param {string} options.secret the shared secret the CMS sends as `Authorization: Bearer …`
 * @param {import('./rebuilder.mjs').Rebuilder} options.site rebuilds the public site
 * @param {import('./rebuilder.mjs').Rebuilder} [options.preview] rebuilds the editors' preview
 */
export function createRebuildHandler({ secret, site, preview }) {
  if (!secret) throw new Error('The rebuild service needs a shared secret (REBUILD_SECRET).');
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/status' && req.method === 'GET') {
        return send(res, 200, { site: site.status(), ...(preview ? { preview: preview.status() } : {}) });
      }
      if (url.pathname !== '/webhook') return send(res, 404, { error: 'Not found. POST /webhook, GET /status.' });
      if (req.method !== 'POST') return send(res, 405, { error: 'Use POST.' });
      const authorization = req.headers.authorization ?? '';
      const presented = authorization.startsWith('Bearer ') ? authorization.slice(7) : undefined;
      if (!secretMatches(presented, secret)) return send(res, 401, { error: 'Wrong or missing secret.' });
      let payload;
      try {
        payload = JSON.parse(await readBody(req, maxBodyBytes));
      } catch (error) {
        if (error?.status === 413) return send(res, 413, { error: `The body is larger than ${maxBodyBytes} bytes.` });
        return send(res, 400, { error: 'The body is not JSON.' });
      }
      if (typeof payload !== 'object' || payload === null || typeof payload.event !== 'string') {
        return send(res, 400, { error: 'The body has no "event".' });
      }
      const reason = `${payload.event} ${payload.uid ?? payload.model ?? ''}`.trim();
      const publicChange = changesPublicSite(payload);
      if (publicChange) site.request(reason);
      if (preview && payload.event.startsWith('entry.')) preview.request(reason);
      return send(res, 202, { accepted: payload.event, rebuild: publicChange, preview: Boolean(preview) });
    } catch (error) {
      return send(res, 500, { error: String(error?.message ?? error) });
    }
  };
}

/**
 * Serves the release `current` points at; a new release is picked up at the next request, so a
 * request is answered wholly from one release. Unknown paths get the locale's 404 page.
 * @param {import('./rebuilder.mjs').Rebuilder} rebuilder
 */
export function createStaticHandler(rebuilder) {
  const servers = new Map();
  const serverFor = (dir) => {
    if (!servers.has(dir)) {
      servers.clear();
      servers.set(dir, sirv(dir, { dev: false, etag: true, maxAge: 0, extensions: ['html'], dotfiles: false }));
    }
    return servers.get(dir);
  };
  return (req, res) => {
    const dir = rebuilder.currentDir();
    if (!dir || !existsSync(dir)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' });
      return res.end('The site is being built. Try again in a few seconds.\n');
    }
    serverFor(dir)(req, res, () => {
      const english = (req.url ?? '').startsWith('/en/');
      const page = english ? path.join(dir, 'en', '404', 'index.html') : path.join(dir, '404.html');
      res.writeHead(404, { 'content-type': `text/${existsSync(page) ? 'html' : 'plain'}; charset=utf-8` });
      res.end(existsSync(page) ? readFileSync(page) : 'Not found\n');
    });
  };
}
