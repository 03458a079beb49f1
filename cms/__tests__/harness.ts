import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, runCmsCommand, startCms, type RunningCms } from '../scripts/process.mts';

export const appDir = path.resolve(import.meta.dirname, '..');
export const admin = { email: 'editor-in-chief@example.com', password: 'Test-Passw0rd' };

/** Polls `check` every 250 ms until it returns true or `ms` pass; returns whether it did. */
export async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

const secret = () => randomBytes(24).toString('base64');

/** A database for one suite: an SQLite file in a fresh folder, or a fresh PostgreSQL database. */
export interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

export function sqliteDatabase(dir: string): TestDatabase {
  return {
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') },
    drop: async () => {},
  };
}

export const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether a PostgreSQL server answers at TEST_POSTGRES_URL (default: the local one). */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function postgresDatabase(): Promise<TestDatabase> {
  const name = `cms_test_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** One Strapi process started by a test, on its own port and database. */
export class TestCms {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'cms-test-'));
  /** The environment of this CMS, filled in on first use. */
  readonly env: Record<string, string> = {};
  url = '';
  private process?: RunningCms;
  private db?: TestDatabase;
  private port?: number;

  constructor(private readonly database: (dir: string) => TestDatabase | Promise<TestDatabase>) {}

  /** Environment shared by the server and the seed command. */
  async baseEnv(): Promise<Record<string, string>> {
    this.db ??= await this.database(this.dir);
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        ([key]) => !/^(DATABASE_|ADMIN_|SEEDS_DIR|SITE_TOKEN_FILE|SEED_ON_START)/.test(key),
      ),
    ) as Record<string, string>;
    if (!this.env.APP_KEYS) {
      Object.assign(this.env, {
        NODE_ENV: 'production',
        APP_KEYS: [secret(), secret()].join(','),
        API_TOKEN_SALT: secret(),
        ADMIN_JWT_SECRET: secret(),
        TRANSFER_TOKEN_SALT: secret(),
        ENCRYPTION_KEY: secret(),
        SITE_TOKEN_FILE: path.join(this.dir, 'site-token'),
        PREVIEW_TOKEN_FILE: path.join(this.dir, 'preview-token'),
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        STRAPI_TELEMETRY_DISABLED: 'true',
        ...this.db.env,
      });
    }
    return { ...inherited, ...this.env };
  }

  /** Starts Strapi and waits (at most two minutes) until it answers its health check. */
  async start(extraEnv: Record<string, string> = {}): Promise<void> {
    // A restarted CMS comes back on the same port, as a real one would.
    this.port ??= await freePort();
    const port = this.port;
    const env = { ...(await this.baseEnv()), ...extraEnv };
    this.url = `http://127.0.0.1:${port}`;
    this.process = await startCms({ port, env, healthTimeoutMs: 120_000, name: 'Strapi' });
  }

  /** Stops Strapi: SIGTERM, then SIGKILL after ten seconds. */
  async stop(): Promise<void> {
    const cms = this.process;
    this.process = undefined;
    await cms?.stop();
  }

  /** Stops Strapi, drops the database and removes the folder. */
  async destroy(): Promise<void> {
    await this.stop();
    await this.db?.drop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Runs `pnpm seed` (the cms package's seed script) against this CMS's database. */
  async seed(args: string[] = [], extraEnv: Record<string, string> = {}): Promise<{ code: number; output: string }> {
    const { code, output } = await runCmsCommand('seed', args, { env: { ...(await this.baseEnv()), ...extraEnv } });
    return { code, output };
  }

  /** The read-only token the CMS wrote for the site build. */
  siteToken(): string {
    return readFileSync(this.env.SITE_TOKEN_FILE!, 'utf8').trim();
  }

  /** The token the CMS wrote for the editors' preview, the only one that may read drafts. */
  previewToken(): string {
    return readFileSync(this.env.PREVIEW_TOKEN_FILE!, 'utf8').trim();
  }

  /** A GraphQL request; returns the HTTP status and the parsed body. */
  async graphql(query: string, variables: Record<string, unknown> = {}, token?: string) {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    return {
      status: response.status,
      body: (await response.json()) as {
        data?: any;
        errors?: { message: string; extensions?: { code?: string } }[];
        error?: unknown;
      },
    };
  }

  /** Logs in to the admin API as the super admin and returns its JWT. */
  async adminToken(): Promise<string> {
    const response = await fetch(`${this.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await response.json()) as { data?: { token: string } };
    if (!body.data?.token) throw new Error(`Admin login failed: ${JSON.stringify(body)}`);
    return body.data.token;
  }

  /** A request to the admin API with an admin JWT. */
  async adminRequest(method: string, url: string, jwt: string, body?: unknown) {
    const response = await fetch(`${this.url}${url}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  /**
   * A new editor, as an admin adds one: invited with Strapi's Editor role, then registered with a
   * password (no interface language chosen). Returns the editor's admin JWT.
   */
  async newEditor(email: string, password: string, name = { firstname: 'Plan', lastname: 'Editor' }): Promise<string> {
    const jwt = await this.adminToken();
    const roles = await this.adminRequest('GET', '/admin/roles', jwt);
    const role = (roles.body.data as { id: number; code: string }[]).find((r) => r.code === 'strapi-editor');
    if (!role) throw new Error('The CMS has no Editor role.');
    const invited = await this.adminRequest('POST', '/admin/users', jwt, { email, ...name, roles: [role.id] });
    if (invited.status !== 201) throw new Error(`Inviting ${email} failed: ${JSON.stringify(invited.body)}`);
    const registered = await fetch(`${this.url}/admin/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ registrationToken: invited.body.data.registrationToken, userInfo: { ...name, password } }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await registered.json()) as { data?: { token: string } };
    if (!body.data?.token) throw new Error(`Registering ${email} failed: ${JSON.stringify(body)}`);
    return body.data.token;
  }
}
