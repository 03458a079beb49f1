import { createHash, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Core, Data } from '@strapi/strapi';
import { tokenFile, type TokenKind } from './local-files';
import { apiTokenService } from './strapi-services';

export const siteTokenName = 'Site build (read-only)';

/** The token that may read drafts, for the editors' preview; the only exception to "published only". */
export const previewTokenName = 'Site preview (drafts)';

interface TokenSpec {
  name: string;
  description: string;
  /** Its file: SITE_TOKEN_FILE / PREVIEW_TOKEN_FILE, or else its database's own (local-files.ts). */
  kind: TokenKind;
  fileVariable: 'SITE_TOKEN_FILE' | 'PREVIEW_TOKEN_FILE';
  /** The preview token is recognised by its key, which only this code ever sees. */
  preview: boolean;
}

const tokens: TokenSpec[] = [
  {
    name: siteTokenName,
    description: 'Lets the static site read published plan content over GraphQL. Cannot write or read drafts.',
    kind: 'site',
    fileVariable: 'SITE_TOKEN_FILE',
    preview: false,
  },
  {
    name: previewTokenName,
    description: "Lets the editors' preview read drafts over GraphQL. Cannot write. Never give it to the public site.",
    kind: 'preview',
    fileVariable: 'PREVIEW_TOKEN_FILE',
    preview: true,
  },
];

/** Strapi's default tokens, created on an empty database: unlimited, never used by the plan. */
const defaultTokens = [
  {
    name: 'Read Only',
    description: 'A default API token with read-only permissions, only used for accessing resources',
  },
  {
    name: 'Full Access',
    description: 'A default API token with full access permissions, used for accessing or modifying resources',
  },
];

/**
 * The preview token's identity: its id and the hash of its key, as the database holds them. Kept in
 * the core store, which only server code can write, so a token that an admin creates (even one named
 * like the preview token) never gains the right to read drafts.
 */
interface PreviewIdentity {
  id: Data.ID;
  accessKey: string;
}

/** Whether a value (from the core store or the database, both untyped) is a token's id and hashed key. */
const isIdentity = (value: unknown): value is PreviewIdentity =>
  typeof value === 'object' &&
  value !== null &&
  'id' in value &&
  (typeof value.id === 'number' || typeof value.id === 'string') &&
  'accessKey' in value &&
  typeof value.accessKey === 'string';

const identityKey = { type: 'plugin', name: 'plan', key: 'previewToken' } as const;
let previewIdentity: PreviewIdentity | null = null;

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether a request carries the preview token: Strapi authenticated it as that token (`tokenId`, its
 * credentials' id), and the key it presented (`authorization`) hashes to the one recorded when this
 * code created the token.
 */
export function isPreviewRequest(
  strapi: Core.Strapi,
  { tokenId, authorization }: { tokenId: unknown; authorization: string | undefined },
): boolean {
  const identity = previewIdentity;
  if (!identity || tokenId !== identity.id) return false;
  const [scheme, key, ...rest] = (authorization ?? '').split(/\s+/u);
  if (scheme?.toLowerCase() !== 'bearer' || !key || rest.length > 0) return false;
  const presented = apiTokenService(strapi).hash(key);
  return timingSafeEqual(sha256(presented), sha256(identity.accessKey));
}

/** The id and hashed key of the token `id` as the database holds them (Strapi's query layer is untyped). */
async function tokenIdentity(strapi: Core.Strapi, id: Data.ID): Promise<PreviewIdentity | null> {
  const row: unknown = await strapi.db
    .query('admin::api-token')
    .findOne({ where: { id }, select: ['id', 'accessKey'] });
  return isIdentity(row) ? row : null;
}

async function storedIdentity(strapi: Core.Strapi): Promise<PreviewIdentity | null> {
  const stored = await strapi.store.get(identityKey);
  if (!isIdentity(stored)) return null;
  const token = await tokenIdentity(strapi, stored.id);
  return token && token.accessKey === stored.accessKey ? stored : null;
}

/** Loads the preview token's identity at start, so requests can be checked without a query. */
export async function loadPreviewIdentity(strapi: Core.Strapi): Promise<void> {
  previewIdentity = await storedIdentity(strapi);
}

/** Deletes Strapi's default "Read Only" and "Full Access" tokens: nothing here uses them. */
export async function removeDefaultTokens(strapi: Core.Strapi): Promise<void> {
  const service = apiTokenService(strapi);
  for (const spec of defaultTokens) {
    const token = await service.getByName(spec.name);
    if (token && token.description === spec.description) {
      await service.revoke(token.id);
      strapi.log.info(`[plan] removed Strapi's default API token "${spec.name}"`);
    }
  }
}

/** Whether `file` holds the key whose hash the database keeps for the token `id`. */
async function holdsKey(strapi: Core.Strapi, file: string, id: Data.ID): Promise<boolean> {
  if (!existsSync(file)) return false;
  const key = readFileSync(file, 'utf8').trim();
  const token = await tokenIdentity(strapi, id);
  if (!key || !token) return false;
  const presented = apiTokenService(strapi).hash(key);
  return timingSafeEqual(sha256(presented), sha256(token.accessKey));
}

function writeKey(file: string, accessKey: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${accessKey}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/**
 * Makes sure the read-only API tokens of the site build and of the preview exist and their keys are
 * in their files (readable by the owner only), checked at every start: a file that does not hold the
 * database's key (say, a database copied or restored under it) gets a fresh one. Local runs, or
 * wherever the file variables are set:
 * in production the site build gets STRAPI_TOKEN (a read-only token made in the admin), and the
 * preview token is made by setting PREVIEW_TOKEN_FILE on the CMS.
 */
export async function ensureSiteTokens(strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const service = apiTokenService(strapi);
  previewIdentity = await storedIdentity(strapi);
  for (const spec of tokens) {
    if (env.NODE_ENV === 'production' && !env[spec.fileVariable]) continue;
    const file = tokenFile(spec.kind, env, strapi.dirs.app.root);
    const existing = await service.getByName(spec.name);
    const trusted = spec.preview ? previewIdentity !== null && existing?.id === previewIdentity.id : true;
    if (existing && trusted && (await holdsKey(strapi, file, existing.id))) continue;
    // A token named like the preview token that this code did not make gets a new key: its old key
    // (wherever it went) stops working, and the new one goes only into the file.
    const token = existing
      ? await service.regenerate(existing.id)
      : await service.create({ name: spec.name, description: spec.description, type: 'read-only', lifespan: null });
    // Strapi returns the key in clear only here, right after making it.
    if (!token.accessKey) throw new Error(`Strapi made the API token "${spec.name}" but did not return its key.`);
    writeKey(file, token.accessKey);
    if (spec.preview) {
      const identity = await tokenIdentity(strapi, token.id);
      if (!identity) throw new Error(`The API token "${spec.name}" is not in the database after being made.`);
      previewIdentity = identity;
      await strapi.store.set({ ...identityKey, value: previewIdentity });
    }
    strapi.log.info(`[plan] wrote the API token "${spec.name}" to ${path.relative(process.cwd(), file) || file}`);
  }
}
