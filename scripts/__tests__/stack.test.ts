import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@tcci/cms/process';
import { admin, eventually } from '../../cms/__tests__/harness.ts';
import { copySeededDatabase } from '../../cms/__tests__/shared/shared.ts';

const root = path.resolve(import.meta.dirname, '../..');
const secret = () => randomBytes(24).toString('base64');

describe('pnpm start: the whole stack, publish to live', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'stack-'));
  let stack: ChildProcess;
  let output = '';
  const ports: Record<string, number> = {};
  let cmsUrl = '';
  let siteUrl = '';
  let previewUrl = '';
  let jwt = '';

  const page = async (url: string) => {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return response.status === 200 ? response.text() : '';
  };
  const admin$ = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(`${cmsUrl}${url}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    for (const name of ['CMS_PORT', 'SITE_PORT', 'REBUILD_PORT', 'PREVIEW_PORT']) ports[name] = await freePort();
    cmsUrl = `http://127.0.0.1:${ports.CMS_PORT}`;
    siteUrl = `http://127.0.0.1:${ports.SITE_PORT}`;
    previewUrl = `http://127.0.0.1:${ports.PREVIEW_PORT}`;
    // A database seeded before (a copy of the shared CMS's first start): the stack starts as it does
    // every day after the first, and the first start's import is tested on its own.
    await copySeededDatabase(path.join(dir, 'data.db'));
    stack = spawn(process.execPath, ['--import', 'tsx/esm', path.join(root, 'scripts/start.ts')], {
      cwd: root,
      env: {
        ...process.env,
        ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
        DATABASE_CLIENT: 'sqlite',
        DATABASE_FILENAME: path.join(dir, 'data.db'),
        SITE_TOKEN_FILE: path.join(dir, 'site-token'),
        PREVIEW_TOKEN_FILE: path.join(dir, 'preview-token'),
        REBUILD_DIR: path.join(dir, 'builds'),
        REBUILD_SECRET: secret(),
        PREVIEW_SECRET: secret(),
        APP_KEYS: `${secret()},${secret()}`,
        API_TOKEN_SALT: secret(),
        ADMIN_JWT_SECRET: secret(),
        TRANSFER_TOKEN_SALT: secret(),
        ENCRYPTION_KEY: secret(),
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        STRAPI_TELEMETRY_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stack.stdout?.on('data', (chunk) => (output += chunk));
    stack.stderr?.on('data', (chunk) => (output += chunk));
    const up = await eventually(async () => output.includes('The plan is running') || stack.exitCode !== null, 240_000);
    if (!up || stack.exitCode !== null) throw new Error(`The stack did not start:\n${output.slice(-4000)}`);
    const login = await fetch(`${cmsUrl}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
      signal: AbortSignal.timeout(30_000),
    });
    jwt = ((await login.json()) as { data: { token: string } }).data.token;
  });

  afterAll(async () => {
    if (stack && stack.exitCode === null) {
      const exited = new Promise((resolve) => stack.once('exit', resolve));
      stack.kill('SIGINT');
      const timer = setTimeout(() => stack.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the URLs of the CMS, the site and the rebuild service, and how to log in', () => {
    expect(output).toContain(`${cmsUrl}/admin`);
    expect(output).toContain(`${siteUrl}/`);
    expect(output).toContain(`http://127.0.0.1:${ports.REBUILD_PORT}/status`);
    expect(output).toMatch(/log in with ADMIN_EMAIL/u);
  });

  it('serves the first build of the site', async () => {
    expect(await page(`${siteUrl}/`)).toContain('<html lang="ja"');
    expect(await page(`${siteUrl}/en/initiatives/`)).toContain('<html lang="en"');
  });

  it('shows an edit in both languages once it is published, and removes it when unpublished', async () => {
    const uid = 'api::initiative.initiative';
    const found = await admin$(
      'GET',
      `/content-manager/collection-types/${uid}?locale=ja&filters[slug][$eq]=rcep-certificates`,
    );
    const documentId = found.body.results[0].documentId;
    const ja = `公開テスト${randomBytes(4).toString('hex')}`;
    const en = `Publish test ${randomBytes(4).toString('hex')}`;
    for (const [locale, text] of [
      ['ja', ja],
      ['en', en],
    ]) {
      expect(
        (await admin$('PUT', `/content-manager/collection-types/${uid}/${documentId}?locale=${locale}`, { text }))
          .status,
      ).toBe(200);
      expect(
        (
          await admin$(
            'POST',
            `/content-manager/collection-types/${uid}/${documentId}/actions/publish?locale=${locale}`,
            {},
          )
        ).status,
      ).toBe(200);
    }
    const live = await eventually(
      async () =>
        (await page(`${siteUrl}/initiatives/`)).includes(ja) && (await page(`${siteUrl}/en/initiatives/`)).includes(en),
      120_000,
    );
    expect(live, 'the published texts reached the site').toBe(true);

    for (const locale of ['ja', 'en']) {
      expect(
        (
          await admin$(
            'POST',
            `/content-manager/collection-types/${uid}/${documentId}/actions/unpublish?locale=${locale}`,
            {},
          )
        ).status,
      ).toBe(200);
    }
    const gone = await eventually(
      async () =>
        !(await page(`${siteUrl}/initiatives/`)).includes(ja) &&
        !(await page(`${siteUrl}/en/initiatives/`)).includes(en),
      120_000,
    );
    expect(gone, 'the unpublished initiative left the site').toBe(true);
    expect(await page(`${siteUrl}/initiatives/`)).toContain('<html lang="ja"');
  });

  it("opens an entry's page from the admin's preview button, with its draft and marked as a preview", async () => {
    const headersOf = (response: Response) => ({
      csp: response.headers.get('content-security-policy') ?? '',
      robots: response.headers.get('x-robots-tag'),
    });
    const uid = 'api::branch.branch';
    const found = await admin$('GET', `/content-manager/collection-types/${uid}?locale=en&filters[slug][$eq]=koto`);
    const documentId = found.body.results[0].documentId;
    const draft = `Draft name ${randomBytes(3).toString('hex')}`;
    expect(
      (await admin$('PUT', `/content-manager/collection-types/${uid}/${documentId}?locale=en`, { name: draft })).status,
    ).toBe(200);
    const preview = await admin$(
      'GET',
      `/content-manager/preview/url/${uid}?documentId=${documentId}&locale=en&status=draft`,
    );
    // A signed link, which gives a session cookie and leads to the page's own address.
    const link: string = preview.body.data.url;
    // The entry's page in its edition, at the edition's permanent address.
    expect(link).toMatch(
      new RegExp(`^${previewUrl}/en/2021/branches/koto/\\?preview-expires=\\d+&preview-signature=`, 'u'),
    );
    const clean = `${previewUrl}/en/2021/branches/koto/`;
    const unsigned = await fetch(clean, { signal: AbortSignal.timeout(10_000) });
    expect(unsigned.status).toBe(401);
    expect(headersOf(unsigned).robots).toMatch(/noindex/u);
    const opened = await fetch(link, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/en/2021/branches/koto/');
    const cookie = opened.headers.get('set-cookie')!.split(';')[0]!;
    const draftPage = async () => {
      const response = await fetch(clean, { headers: { cookie }, signal: AbortSignal.timeout(10_000) });
      return { response, text: response.status === 200 ? await response.text() : '' };
    };
    const shown = await eventually(async () => (await draftPage()).text.includes(draft), 120_000);
    expect(shown, 'the draft reached the preview').toBe(true);
    const { response, text } = await draftPage();
    expect(text).toContain('Preview — not published');
    // The admin (the CMS's origin) may show it in its preview panel; nobody else may frame it.
    expect(headersOf(response).csp).toContain(`frame-ancestors ${cmsUrl}`);
    expect(headersOf(response).csp).not.toMatch(/script-src[^;]*'unsafe-inline'/u);
    expect(headersOf(response).robots).toMatch(/noindex/u);
    const live = await fetch(`${siteUrl}/en/branches/koto/`, { signal: AbortSignal.timeout(10_000) });
    expect(headersOf(live).csp).toMatch(/frame-ancestors 'none'/u);
    expect(headersOf(live).robots).toBeNull();
    expect(await live.text()).not.toContain(draft);
  });
});
