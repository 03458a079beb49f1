// Where the CMS keeps the files it writes for local runs (the API tokens' keys), worked out from its
// environment alone: the CMS writes them, and `pnpm start`, `pnpm build` and the bench read them
// from outside it. A token belongs to its database, so each database has files of its own: switching
// DATABASE_FILENAME or DATABASE_URL never leaves one database's key where another's is looked for.
import { createHash } from 'node:crypto';
import path from 'node:path';

type Env = Record<string, string | undefined>;

/** The two tokens the CMS writes the keys of: the site build's and the editors' preview's. */
export type TokenKind = 'site' | 'preview';

/** The environment variable that names a token's file outright (tests and production use them). */
export const tokenFileVariables = { site: 'SITE_TOKEN_FILE', preview: 'PREVIEW_TOKEN_FILE' } as const;

/** The SQLite file config/database.ts opens when DATABASE_FILENAME is not set. */
export const defaultSqliteFile = '.tmp/data.db';

/**
 * The database a CMS with this environment opens, chosen as config/database.ts chooses it, written
 * without its password: `sqlite:<absolute file>` or `postgres://user@host:port/name?schema=…`.
 */
export function databaseIdentity(env: Env, appDir: string): string {
  const url = env.DATABASE_URL || undefined;
  const client = env.DATABASE_CLIENT || (url && /^postgres(ql)?:/u.test(url) ? 'postgres' : 'sqlite');
  if (client !== 'postgres') return `sqlite:${path.resolve(appDir, env.DATABASE_FILENAME || defaultSqliteFile)}`;
  const schema = env.DATABASE_SCHEMA || 'public';
  if (url) {
    try {
      const parsed = new URL(url);
      return `postgres://${parsed.username}@${parsed.host}${parsed.pathname}?schema=${schema}`;
    } catch {
      return `postgres:${createHash('sha256').update(url).digest('hex')}?schema=${schema}`;
    }
  }
  const host = env.DATABASE_HOST || '127.0.0.1';
  const port = env.DATABASE_PORT || '5432';
  return `postgres://${env.DATABASE_USERNAME || 'postgres'}@${host}:${port}/${env.DATABASE_NAME || 'strapi'}?schema=${schema}`;
}

/**
 * The file holding the key of a token: the one SITE_TOKEN_FILE / PREVIEW_TOKEN_FILE names (relative
 * to the CMS app), or else the database's own, `.tmp/tokens/<12 hex digits of its identity's hash>/`.
 */
export function tokenFile(kind: TokenKind, env: Env, appDir: string): string {
  const named = env[tokenFileVariables[kind]];
  if (named) return path.resolve(appDir, named);
  const id = createHash('sha256').update(databaseIdentity(env, appDir)).digest('hex').slice(0, 12);
  return path.join(appDir, '.tmp', 'tokens', id, `${kind}-token`);
}
