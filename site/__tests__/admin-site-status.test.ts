// "Is it live?" in the admin, in Chromium, against a real Strapi and the real rebuild service with
// the real site build: after a build fails (the CMS was down while it ran), the homepage widget says
// so in the editor's language; after the editor publishes in the admin, the next good build shows
// as a success there and on the entry's panel, with a link to its public page, which holds the edit;
// a major change note written in the admin before publishing is in the site's Atom feed once live.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collections, contentTypeUid } from '@tcci/schemas';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@tcci/cms/process';
import { TestCms } from '../../cms/__tests__/harness.ts';
import { seededSqliteDatabase } from '../../cms/__tests__/shared/shared.ts';
import { startServices } from '../../scripts/rebuild/services.ts';
import { launchChromium } from '../scripts/chromium.ts';
import { adminScreenshot } from './admin-screenshots.ts';

const uid = contentTypeUid(collections.initiative);
const editor = { email: 'status-editor@example.com', password: 'Editor-Passw0rd' };

describe('the site’s build status in the admin', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'site-status-'));
  const cms = new TestCms(seededSqliteDatabase);
  const secret = randomBytes(24).toString('hex');
  let services: Awaited<ReturnType<typeof startServices>>;
  let cmsEnv: Record<string, string>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const ports = { site: await freePort(), rebuild: await freePort() };
    cmsEnv = {
      REBUILD_WEBHOOK_URL: `http://127.0.0.1:${ports.rebuild}/webhook`,
      REBUILD_SECRET: secret,
      SITE_URL: `http://127.0.0.1:${ports.site}/`,
    };
    [browser] = await Promise.all([launchChromium(), cms.start(cmsEnv)]);
    await cms.newEditor(editor.email, editor.password, { firstname: 'Status', lastname: 'Editor' });
    services = await startServices({
      cmsUrl: cms.url,
      siteToken: cms.siteToken(),
      secret,
      ports,
      settleMs: 200,
      dirs: { site: path.join(dir, 'live'), preview: path.join(dir, 'preview') },
      log: () => {},
    });
    services.site.request('first');
    await services.site.idle();
    expect(services.site.status().lastResult?.result).toBe('success');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await services?.close();
    await cms.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens the Japanese edit view of the initiative with this slug. */
  const openJapanese = async (slug: string) => {
    const found = await cms.adminRequest(
      'GET',
      `/content-manager/collection-types/${uid}?locale=ja&filters[slug][$eq]=${slug}`,
      await cms.adminToken(),
    );
    const documentId = found.body.results[0].documentId as string;
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${uid}/${documentId}?plugins[i18n][locale]=ja`);
  };

  /** The homepage widget's summary of the last build. */
  const widget = () => page.locator('[data-site-status]').first();

  it('shows a failed build on the homepage, with the reason in Japanese', async () => {
    // The CMS goes down while a build runs: the build fails, the last good site stays online.
    await cms.stop();
    services.site.request('a publish while the CMS was down');
    await services.site.idle();
    expect(services.site.status().lastResult?.result).toBe('failure');
    await cms.start(cmsEnv);

    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${cms.url}/admin/auth/login`);
    await page.locator('input[name="email"]').fill(editor.email);
    await page.locator('input[name="password"]').fill(editor.password);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.waitForURL(/\/admin(?:\/)?$/u);
    await page.getByText('サイトの公開状況').first().waitFor();
    await expect.poll(() => widget().getAttribute('data-site-status')).toBe('failure');
    const text = await widget().innerText();
    expect(text).toContain('サイトの更新に失敗しました');
    expect(text).toContain('サイトの生成中にCMSに接続できませんでした。');
    expect(text).toContain('サイトは前回の内容のまま公開されています。');
    await adminScreenshot(page, 'site-status-failed', page.locator('[data-site-status-widget]'));
  });

  it('shows the next good build as a success, and the published entry as live with its public page', async () => {
    await openJapanese('rediscover-tokyo');
    const field = page.getByRole('textbox', { name: '取り組み' });
    await field.waitFor();
    const edit = `公開状況のテスト${randomBytes(3).toString('hex')}`;
    await field.fill(edit);
    const published = page.waitForResponse(
      (response) => response.url().includes('/actions/publish') && response.request().method() === 'POST',
    );
    await page.getByRole('button', { name: '公開', exact: true }).click();
    expect((await published).status()).toBe(200);

    // The entry's panel follows the build until the entry is live, then links its public page.
    const entry = page.locator('[data-entry-status]');
    await expect.poll(() => entry.getAttribute('data-entry-status'), { timeout: 30_000 }).not.toBe('live');
    await expect.poll(() => entry.getAttribute('data-entry-status'), { timeout: 180_000, interval: 1000 }).toBe('live');
    expect(await entry.innerText()).toContain('この項目はサイトに公開されています。');
    const href = await entry.getByRole('link', { name: '公開ページを開く' }).getAttribute('href');
    expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/2021\/initiatives\/rediscover-tokyo\/$/u);
    const live = await fetch(href!, { signal: AbortSignal.timeout(10_000) });
    expect(await live.text()).toContain(edit);
    await adminScreenshot(page, 'site-status-entry-live', page.locator('[data-entry-status]').locator('xpath=../..'));

    await page.goto(`${cms.url}/admin`);
    await expect.poll(() => widget().getAttribute('data-site-status')).toBe('success');
    expect(await widget().innerText()).toContain('最新のサイトを公開しました');
  });

  it('lists a major change note written in the admin in the site’s Atom feed once the entry is live', async () => {
    await openJapanese('rcep-certificates');
    const note = page.getByRole('textbox', { name: '変更の説明' });
    await note.waitFor();
    const written = 'RCEPの原産地証明書の発給についての記載を更新しました。';
    await note.fill(written);
    const kind = page.getByRole('combobox', { name: '変更の種類' });
    await kind.click();
    await page.getByRole('option', { name: '主な変更（更新情報に載せる）' }).click();
    const fieldOf = (control: typeof note) => control.locator('xpath=ancestor::div[.//label][1]');
    await adminScreenshot(page, 'change-note', [fieldOf(note), fieldOf(kind)], { above: 24 });
    const published = page.waitForResponse(
      (response) => response.url().includes('/actions/publish') && response.request().method() === 'POST',
    );
    const before = Date.now();
    await page.getByRole('button', { name: '公開', exact: true }).click();
    expect((await published).status()).toBe(200);
    const after = Date.now();

    const entry = page.locator('[data-entry-status]');
    await expect.poll(() => entry.getAttribute('data-entry-status'), { timeout: 30_000 }).not.toBe('live');
    await expect.poll(() => entry.getAttribute('data-entry-status'), { timeout: 180_000, interval: 1000 }).toBe('live');

    const response = await fetch(new URL('updates/feed.xml', cmsEnv.SITE_URL), { signal: AbortSignal.timeout(10_000) });
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const { feed } = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(feed.xmlns).toBe('http://www.w3.org/2005/Atom');
    const entries = [feed.entry].flat().filter(Boolean);
    // Only this note: the edit published before it had none.
    expect(entries).toHaveLength(1);
    const [only] = entries;
    expect(only.summary['#text'] ?? only.summary).toBe(written);
    expect(only.link.href).toBe(new URL('2021/initiatives/rcep-certificates/', cmsEnv.SITE_URL).href);
    expect(only.title['#text'] ?? only.title).toMatch(/・2021年度: /u);
    // Dated when the editor published it (the CMS's clock, to the second).
    expect(Date.parse(only.updated)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(only.updated)).toBeLessThanOrEqual(after + 1000);
    const updates = await fetch(new URL('updates/', cmsEnv.SITE_URL), { signal: AbortSignal.timeout(10_000) });
    expect(await updates.text()).toContain(written);
    // The note was written in Japanese: the English feed does not have it.
    const english = await fetch(new URL('en/updates/feed.xml', cmsEnv.SITE_URL), {
      signal: AbortSignal.timeout(10_000),
    });
    expect(new XMLParser().parse(await english.text()).feed.entry).toBeUndefined();
  });
});
