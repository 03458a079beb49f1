// The admin as a new editor finds it, in Chromium, in the real admin of a real Strapi: in Japanese
// when the browser prefers Japanese, without touching a setting, with the collections named and the
// choice values shown in the interface's language; in English otherwise.
import { collections, contentTypeUid } from '@tcci/schemas';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCms } from '../../cms/__tests__/harness.ts';
import { seededSqliteDatabase } from '../../cms/__tests__/shared/shared.ts';
import { launchChromium } from '../scripts/chromium.ts';
import { adminScreenshot } from './admin-screenshots.ts';

const initiatives = `/content-manager/collection-types/${contentTypeUid(collections.initiative)}`;
const editor = { email: 'new-editor@example.com', password: 'Editor-Passw0rd' };

describe('the admin in the editor’s language', () => {
  const cms = new TestCms(seededSqliteDatabase);
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    await cms.start();
    // A new editor, invited with the Editor role, who has chosen no interface language.
    await cms.newEditor(editor.email, editor.password, { firstname: 'New', lastname: 'Editor' });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await cms.destroy();
  });

  /** Logs the new editor in, in a browser that prefers `locale`, and opens the initiatives of fiscal 2021. */
  async function initiativesAs(locale: string, login: string): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${cms.url}/admin/auth/login`);
    await page.locator('input[name="email"]').fill(editor.email);
    await page.locator('input[name="password"]').fill(editor.password);
    await page.getByRole('button', { name: login }).click();
    await page.waitForURL(/\/admin(?:\/)?$/u);
    await page.goto(`${cms.url}/admin${initiatives}?plugins[i18n][locale]=ja&page=1&pageSize=50&sort=order:ASC`);
    await page.locator('table tbody tr').first().waitFor();
    return page;
  }

  /** The text of a list column's cells, by the column's header. */
  async function column(page: Page, header: string): Promise<string[]> {
    const headers = await page.locator('table thead th').allTextContents();
    const index = headers.findIndex((text) => text.trim() === header);
    expect(index, `${header} in ${headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
    const rows = page.locator('table tbody tr');
    const cells: string[] = [];
    for (let row = 0; row < (await rows.count()); row += 1)
      cells.push((await rows.nth(row).locator('td').nth(index).textContent())?.trim() ?? '');
    return cells;
  }

  it('speaks Japanese to a browser that prefers it: its own words, the collections and the choice values', async () => {
    const page = await initiativesAs('ja-JP', 'ログイン');
    try {
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ja');
      expect(await page.getByRole('link', { name: '取り組み' }).count()).toBeGreaterThan(0);
      await page.getByRole('heading', { name: '取り組み', level: 1 }).waitFor();
      const categories = await column(page, '分類');
      expect(new Set(categories)).toEqual(new Set(['経営支援', '事業・会員サービス', '政策要望・地域振興']));
      expect(new Set(await column(page, '区分'))).toEqual(
        new Set(['重点分野への取り組み', '「コロナ禍対応」の取り組み']),
      );
      expect(new Set(await column(page, '新（新規事業）'))).toEqual(new Set(['はい', 'いいえ']));
      // The fiscal year as a year, not as a number with a thousands separator.
      expect(new Set(await column(page, '計画の年度'))).toEqual(new Set(['2021']));

      // An entry's fields are named in Japanese, each described in Japanese first, and a choice
      // shows its label, not its stored value.
      await page.locator('table tbody tr').first().click();
      const text = page.getByRole('textbox', { name: '取り組み' });
      await text.waitFor();
      await expect
        .poll(() => page.getByText('言語ごと：日本語と英語でそれぞれ入力します。', { exact: false }).count())
        .toBeGreaterThan(0);
      const category = page.getByRole('combobox', { name: '分類' });
      expect(['経営支援', '事業・会員サービス', '政策要望・地域振興']).toContain(
        (await category.textContent())?.trim(),
      );
    } finally {
      await page.context().close();
    }
  });

  it('speaks English to a browser that prefers English', async () => {
    const page = await initiativesAs('en-GB', 'Login');
    try {
      await page.getByRole('heading', { name: 'Initiative', level: 1 }).waitFor();
      expect(new Set(await column(page, 'Category'))).toEqual(
        new Set(['Management support', 'Programmes and member services', 'Policy requests and regional development']),
      );
      expect(new Set(await column(page, 'Column'))).toEqual(new Set(['Focus areas', 'COVID-19 response']));
      expect(new Set(await column(page, 'Edition (fiscal year)'))).toEqual(new Set(['2021']));
    } finally {
      await page.context().close();
    }
  });

  it('marks an entry "English needs review" after a Japanese edit, and clears it after the English one', async () => {
    const page = await initiativesAs('ja-JP', 'ログイン');
    try {
      const jwt = await cms.adminToken();
      const found = await cms.adminRequest('GET', `${initiatives}?locale=ja&filters[slug][$eq]=rediscover-tokyo`, jwt);
      const documentId = found.body.results[0].documentId as string;
      const edit = (locale: string) => `${cms.url}/admin${initiatives}/${documentId}?plugins[i18n][locale]=${locale}`;
      const save = async (text: string) => {
        const field = page.getByRole('textbox', { name: '取り組み' });
        await field.waitFor();
        await field.fill(text);
        const saved = page.waitForResponse(
          (response) => response.url().includes(documentId) && response.request().method() === 'PUT',
        );
        await page.getByRole('button', { name: '保存', exact: true }).click();
        expect((await saved).status()).toBe(200);
      };
      /** The review column of this entry in the English list, narrowed to the entries marked for review. */
      const marked = async () => {
        const listed = page.waitForResponse(
          (response) => response.url().startsWith(`${cms.url}${initiatives}?`) && response.request().method() === 'GET',
        );
        await page.goto(
          `${cms.url}/admin${initiatives}?plugins[i18n][locale]=en&page=1&pageSize=50&filters[$and][0][englishNeedsReview][$eq]=true`,
        );
        const { results } = (await (await listed).json()) as { results: unknown[] };
        await page.getByRole('heading', { name: '取り組み', level: 1 }).waitFor();
        const rows = page.locator('table tbody tr');
        if (results.length === 0) {
          await expect.poll(() => rows.count()).toBe(0);
          return [];
        }
        await rows.first().waitFor();
        return column(page, '英語の確認が必要');
      };

      await page.goto(edit('ja'));
      await save(
        'コロナ禍によりとりわけ大きな影響を受けている飲食・観光分野の振興に向け、「東京の魅力再発見プロジェクト」を推進',
      );
      expect(await marked()).toEqual(['はい']);
      await adminScreenshot(page, 'english-needs-review', page.locator('table'), { above: 96 });

      await page.goto(edit('en'));
      await save('Promote the “Rediscover Tokyo” project for food, drink and tourism, hit hardest by the pandemic');
      expect(await marked()).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
