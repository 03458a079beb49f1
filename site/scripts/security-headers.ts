// The HTTP security headers of the site and of the editors' preview, defined once. The build writes
// them into the output folder as `_headers` (Netlify / Cloudflare Pages format), with the hashes of
// the few inline scripts Astro writes (island hydration) in the Content-Security-Policy; the rebuild
// service's static servers send the `_headers` of the release they serve.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export const headersFileName = '_headers';

/** `type`s of <script> that browsers run; anything else (JSON-LD, JSON) is a data block CSP ignores. */
const scriptTypes = new Set([
  '',
  'module',
  'text/javascript',
  'application/javascript',
  'application/ecmascript',
  'text/ecmascript',
]);

/** The CSP hash sources ('sha256-…') of the inline scripts in one HTML page. */
export function inlineScriptHashes(html: string): Set<string> {
  const hashes = new Set<string>();
  for (const [, attributes = '', body = ''] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/giu)) {
    if (/(?:^|\s)src\s*=/iu.test(attributes)) continue;
    const type = /(?:^|\s)type\s*=\s*["']?([^"'\s>]*)/iu.exec(attributes)?.[1] ?? '';
    if (!scriptTypes.has(type.trim().toLowerCase())) continue;
    // Browsers hash the script's text after the HTML parser has normalised its line breaks.
    const text = body.replace(/\r\n?/gu, '\n');
    hashes.add(`'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** The hash sources of every inline script of every page in a built site, sorted. */
export function siteScriptHashes(dir: string): string[] {
  const hashes = new Set<string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.html'))
        for (const hash of inlineScriptHashes(readFileSync(file, 'utf8'))) hashes.add(hash);
    }
  };
  walk(dir);
  return [...hashes].sort();
}

/** An origin for `frame-ancestors`; anything that is not a plain http(s) origin is refused. */
function origin(value: string): string {
  const url = new URL(value);
  if (!/^https?:$/u.test(url.protocol)) throw new Error(`Not an http(s) origin: "${value}".`);
  return url.origin;
}

export interface SecurityHeadersOptions {
  /** Hash sources of the inline scripts the pages may run. */
  scriptHashes?: readonly string[];
  /** The editors' preview: never indexed, never in shared caches. */
  preview?: boolean;
  /**
   * Origins that may show the pages in a frame (the preview: the CMS admin, whose preview panel is
   * an iframe); none for the public site.
   */
  frameAncestors?: readonly string[];
}

/** The headers of every response. */
export function securityHeaders({
  scriptHashes = [],
  preview = false,
  frameAncestors = [],
}: SecurityHeadersOptions = {}): Record<string, string> {
  const ancestors = frameAncestors.map(origin);
  const policy = [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets the site search compile its WebAssembly; it allows no eval of script.
    ["script-src 'self' 'wasm-unsafe-eval'", ...scriptHashes].join(' '),
    // Astro writes small <style> blocks and style attributes; scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${ancestors.length > 0 ? ancestors.join(' ') : "'none'"}`,
  ].join('; ');
  return {
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': preview ? 'no-referrer' : 'strict-origin-when-cross-origin',
    // X-Frame-Options cannot name another origin: it is sent only where no frame is allowed.
    ...(ancestors.length === 0 ? { 'X-Frame-Options': 'DENY' } : {}),
    ...(preview ? previewHeaders : {}),
  };
}

/** What every response of the preview carries besides. */
export const previewHeaders: Readonly<Record<string, string>> = Object.freeze({
  'X-Robots-Tag': 'noindex, nofollow',
  'Cache-Control': 'private, no-cache',
});

/** `_headers` text that applies `headers` to every path. */
export function formatHeadersFile(headers: Record<string, string>): string {
  return `/*\n${Object.entries(headers)
    .map(([name, value]) => `  ${name}: ${value}\n`)
    .join('')}`;
}

/** The headers that a `_headers` file applies to every path (`/*`). */
export function parseHeadersFile(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  let all = false;
  for (const line of text.split(/\r?\n/u)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/u.test(line)) {
      all = line.trim() === '/*';
      continue;
    }
    const colon = line.indexOf(':');
    if (all && colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * Writes `_headers` for the site built into `dir`. A preview build (SITE_PREVIEW=1) may be framed by
 * the CMS admin: SITE_FRAME_ANCESTORS (space-separated origins), or else the origin of CMS_URL.
 */
export function writeHeadersFile(dir: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const preview = env.SITE_PREVIEW === '1';
  const frameAncestors = !preview
    ? []
    : env.SITE_FRAME_ANCESTORS
      ? env.SITE_FRAME_ANCESTORS.split(/\s+/u).filter(Boolean)
      : env.CMS_URL
        ? [env.CMS_URL]
        : [];
  const headers = securityHeaders({ scriptHashes: siteScriptHashes(dir), preview, frameAncestors });
  writeFileSync(path.join(dir, headersFileName), formatHeadersFile(headers));
  return headers;
}

/** The Astro integration that writes `_headers` once the pages are built. */
export function securityHeadersIntegration(): AstroIntegration {
  return {
    name: 'tcci-security-headers',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const headers = writeHeadersFile(fileURLToPath(dir));
        const hashes = headers['Content-Security-Policy']?.match(/'sha256-/gu)?.length ?? 0;
        logger.info(`${headersFileName} written (${hashes} inline script hash(es) allowed)`);
      },
    },
  };
}
