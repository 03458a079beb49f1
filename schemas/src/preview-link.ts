// Signed links to the editors' preview of drafts. The CMS's preview button hands out a link to one
// page that is valid for a few minutes; the preview server checks it and gives the browser a signed
// session cookie for an hour. Both hold the same secret (PREVIEW_SECRET); nobody else can make either.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The query parameters of a signed preview link. */
export const previewLinkParams = { expires: 'preview-expires', signature: 'preview-signature' } as const;

/** The name of the preview's session cookie. */
export const previewCookieName = 'tcci_preview';

/** How long a link from the preview button works (seconds): enough to load the page. */
export const previewLinkSeconds = 10 * 60;

/** How long the session cookie a link gives works (seconds). */
export const previewSessionSeconds = 60 * 60;

const nowSeconds = () => Math.floor(Date.now() / 1000);

function hmac(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('base64url');
}

function sameSignature(presented: string, expected: string): boolean {
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function requireSecret(secret: string | undefined): string {
  if (!secret) throw new Error('Signing a preview link needs the shared secret PREVIEW_SECRET.');
  return secret;
}

/** Whether `value` is an expiry (whole seconds since 1970) that has not passed at `now`. */
function unexpired(value: string | null | undefined, now: number): number | undefined {
  if (!value || !/^\d{1,12}$/u.test(value)) return undefined;
  const expires = Number(value);
  return expires > now ? expires : undefined;
}

/** The signature of a link to `pathname` that expires at `expires` (seconds since 1970). */
export function signPreviewPath(pathname: string, expires: number, secret: string): string {
  return hmac(requireSecret(secret), `preview-link\n${pathname}\n${expires}`);
}

/**
 * A signed link to `url` (an address on the preview site), valid for `seconds` from `now`.
 * The path alone is signed: the preview site serves the same page whatever the query.
 */
export function signPreviewUrl(
  url: string | URL,
  secret: string,
  { now = nowSeconds(), seconds = previewLinkSeconds }: { now?: number; seconds?: number } = {},
): string {
  const signed = new URL(url);
  const expires = now + seconds;
  signed.searchParams.set(previewLinkParams.expires, String(expires));
  signed.searchParams.set(previewLinkParams.signature, signPreviewPath(signed.pathname, expires, secret));
  return signed.toString();
}

/** Whether `url` carries a valid, unexpired signature for its path. */
export function verifyPreviewUrl(url: string | URL, secret: string | undefined, now = nowSeconds()): boolean {
  if (!secret) return false;
  const parsed = new URL(url, 'http://preview.invalid');
  const expires = unexpired(parsed.searchParams.get(previewLinkParams.expires), now);
  const signature = parsed.searchParams.get(previewLinkParams.signature);
  if (expires === undefined || !signature) return false;
  return sameSignature(signature, signPreviewPath(parsed.pathname, expires, secret));
}

/** The value of a session cookie valid for `seconds` from `now`: `<expires>.<signature>`. */
export function createPreviewSession(
  secret: string,
  { now = nowSeconds(), seconds = previewSessionSeconds }: { now?: number; seconds?: number } = {},
): string {
  const expires = now + seconds;
  return `${expires}.${hmac(requireSecret(secret), `preview-session\n${expires}`)}`;
}

/** Whether `value` is an unexpired session cookie signed with `secret`. */
export function verifyPreviewSession(
  value: string | undefined,
  secret: string | undefined,
  now = nowSeconds(),
): boolean {
  if (!secret || !value) return false;
  const [rawExpires, signature, ...rest] = value.split('.');
  const expires = unexpired(rawExpires, now);
  if (expires === undefined || !signature || rest.length > 0) return false;
  return sameSignature(signature, hmac(secret, `preview-session\n${expires}`));
}
