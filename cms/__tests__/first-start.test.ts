import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
// better-sqlite3, the CMS's own SQLite driver, to look into a database.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { appDir, eventually, sqliteDatabase, TestCms } from './harness.ts';

describe('the first start', () => {
  let cms: TestCms | undefined;
  afterEach(async () => {
    await cms?.destroy();
    cms = undefined;
  });

  it("without ADMIN_EMAIL and ADMIN_PASSWORD creates no admin: the admin shows Strapi's registration page", async () => {
    cms = new TestCms(sqliteDatabase);
    await cms.start({ ADMIN_EMAIL: '', ADMIN_PASSWORD: '', SEED_ON_START: 'false' });
    const response = await fetch(`${cms.url}/admin/init`, { signal: AbortSignal.timeout(10_000) });
    expect(((await response.json()) as { data: { hasAdmin: boolean } }).data.hasAdmin).toBe(false);
  });

  it('registers the rebuild webhook with its secret for every entry event when REBUILD_WEBHOOK_URL is set', async () => {
    // What the rebuild service would receive: each call's Authorization header and event.
    const received: { authorization?: string; event: string }[] = [];
    const receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({
          authorization: request.headers.authorization,
          event: (JSON.parse(body) as { event: string }).event,
        });
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
    const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;

    cms = new TestCms(sqliteDatabase);
    await cms.start({ SEED_ON_START: 'false', REBUILD_WEBHOOK_URL: webhookUrl, REBUILD_SECRET: 's3cret' });
    const jwt = await cms.adminToken();
    const { body } = await cms.adminRequest('GET', '/admin/webhooks', jwt);
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({
      name: 'Rebuild the site',
      url: webhookUrl,
      headers: { Authorization: 'Bearer s3cret' },
      isEnabled: true,
    });
    expect([...body.data[0].events].sort()).toEqual([
      'entry.create',
      'entry.delete',
      'entry.draft-discard',
      'entry.publish',
      'entry.unpublish',
      'entry.update',
    ]);

    // An editor creates, publishes, edits and then discards the edit: the preview must hear of each,
    // or it would go on showing the discarded draft.
    const missions = '/content-manager/collection-types/api::mission.mission';
    // An empty database: the edition first (its annual plan, a draft).
    const plan = await cms.adminRequest(
      'POST',
      '/content-manager/collection-types/api::annual-plan.annual-plan?locale=ja',
      jwt,
      {
        edition: 2021,
        title: 'ウェブフックの確認',
      },
    );
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const created = await cms.adminRequest('POST', `${missions}?locale=ja`, jwt, {
      edition: 2021,
      slug: 'webhook-test',
      order: 9,
      title: 'ウェブフックの確認',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const documentId = (created.body as { data: { documentId: string } }).data.documentId;
    for (const [method, url, data] of [
      ['POST', `${missions}/${documentId}/actions/publish?locale=ja`, {}],
      ['PUT', `${missions}/${documentId}?locale=ja`, { title: '捨てられる修正' }],
      ['POST', `${missions}/${documentId}/actions/discard?locale=ja`, {}],
    ] as const) {
      const response = await cms.adminRequest(method, url, jwt, data);
      expect(response.status, `${method} ${url}: ${JSON.stringify(response.body)}`).toBe(200);
    }
    const expected = ['entry.create', 'entry.publish', 'entry.update', 'entry.draft-discard'];
    const heard = await eventually(async () => expected.every((e) => received.some((r) => r.event === e)), 30_000);
    expect(heard, JSON.stringify(received)).toBe(true);
    expect(new Set(received.map((r) => r.authorization))).toEqual(new Set(['Bearer s3cret']));
  });

  it('refuses REBUILD_WEBHOOK_URL without REBUILD_SECRET, before it makes a database', async () => {
    cms = new TestCms(sqliteDatabase);
    // An empty value, so that a secret in a local cms/.env does not stand in.
    await expect(
      cms.start({ SEED_ON_START: 'false', REBUILD_WEBHOOK_URL: 'http://127.0.0.1:9/webhook', REBUILD_SECRET: '' }),
    ).rejects.toThrow(/REBUILD_WEBHOOK_URL is set but REBUILD_SECRET is not/u);
    expect(existsSync(cms.env.DATABASE_FILENAME!)).toBe(false);
  });

  it('refuses a weak ADMIN_PASSWORD with a clear error, creating no admin, none of its tokens and no content', async () => {
    cms = new TestCms(sqliteDatabase);
    // With the seed import on, as at a real first start: the refusal must come before it.
    await expect(cms.start({ ADMIN_PASSWORD: 'password' })).rejects.toThrow(
      /ADMIN_PASSWORD must contain an uppercase letter/u,
    );
    // No token file; and if Strapi made its tables before the refusal, nothing of the plan's is in them.
    for (const file of [cms.env.SITE_TOKEN_FILE!, cms.env.PREVIEW_TOKEN_FILE!])
      expect(existsSync(file), file).toBe(false);
    if (!existsSync(cms.env.DATABASE_FILENAME!)) return;
    const db = new Database(cms.env.DATABASE_FILENAME, { readonly: true });
    try {
      const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
      expect(count('admin_users')).toBe(0);
      // Strapi makes its two default tokens before the plan's bootstrap runs; the next start removes them.
      const tokens = (db.prepare('SELECT name FROM strapi_api_tokens').all() as { name: string }[]).map((t) => t.name);
      expect(tokens.filter((name) => !['Read Only', 'Full Access'].includes(name))).toEqual([]);
      for (const table of ['initiatives', 'branches', 'missions']) expect(count(table), table).toBe(0);
    } finally {
      db.close();
    }
  });

  it('refuses to start in production with a wildcard CORS_ORIGINS', async () => {
    cms = new TestCms(sqliteDatabase);
    await expect(cms.start({ CORS_ORIGINS: 'https://cms.example.org, *', SEED_ON_START: 'false' })).rejects.toThrow(
      /CORS_ORIGINS must not be "\*" in production/u,
    );
  });

  it('refuses to start in production without its secrets, naming them', async () => {
    cms = new TestCms(sqliteDatabase);
    await expect(cms.start({ APP_KEYS: '', ENCRYPTION_KEY: ' ', SEED_ON_START: 'false' })).rejects.toThrow(
      /cannot start in production without APP_KEYS, ENCRYPTION_KEY/u,
    );
  });

  it('generates the local secrets into an .env file that only its owner can read', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cms-env-'));
    try {
      const file = path.join(dir, '.env');
      const env: NodeJS.ProcessEnv = { ...process.env, CMS_ENV_FILE: file, NODE_ENV: 'development' };
      for (const name of ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'ENCRYPTION_KEY'])
        delete env[name];
      execFileSync(process.execPath, ['--import', 'tsx', path.join(appDir, 'scripts/env.mts')], {
        cwd: appDir,
        env,
        stdio: 'pipe',
      });
      expect(readFileSync(file, 'utf8')).toMatch(/^ENCRYPTION_KEY=\S+$/mu);
      expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
