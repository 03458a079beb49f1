// "Start next year's plan" as an editor finds it: in Chromium, in the real admin of a real Strapi, on
// the annual plan's edit view, in the side panel's menu beside Publish and Save. The new edition
// (fiscal 2022) is test data in this test's own database.
import { collections, contentTypeUid } from '@tcci/schemas';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, TestCms } from '../../cms/__tests__/harness.ts';
import { seededSqliteDatabase } from '../../cms/__tests__/shared/shared.ts';
import { launchChromium } from '../scripts/chromium.ts';

const plans = `/content-manager/collection-types/${contentTypeUid(collections.annualPlan)}`;

describe('the admin\'s "Start next year\'s plan"', () => {
  const cms = new TestCms(seededSqliteDatabase);
  let browser: Browser;
  let jwt = '';

  beforeAll(async () => {
    browser = await launchChromium();
    await cms.start();
    jwt = await cms.adminToken();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await cms.destroy();
  });

  const plansOf = async (edition: number) =>
    (await cms.adminRequest('GET', `${plans}?locale=ja&filters[edition][$eq]=${edition}`, jwt, undefined)).body
      .results as { documentId: string; status: string }[];

  it('is on the annual plan, starts fiscal 2022 as a draft, and opens it', async () => {
    const [plan2021] = await plansOf(2021);
    expect(plan2021).toBeDefined();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(60_000);
    try {
      await page.goto(`${cms.url}/admin/auth/login`);
      await page.getByLabel(/^Email/u).fill(admin.email);
      await page.getByLabel(/^Password/u).fill(admin.password);
      await page.getByRole('button', { name: 'Login' }).click();
      await page.waitForURL(/\/admin(?:\/)?$/u);
      await page.goto(`${cms.url}/admin${plans}/${plan2021!.documentId}?plugins[i18n][locale]=ja`);
      await page.getByRole('button', { name: 'More document actions' }).click();
      await page.getByRole('menuitem', { name: "Start next year's plan (fiscal 2022)" }).click();
      const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
      await expect.poll(() => dialog.textContent()).toContain('nothing of fiscal 2022 is public until you publish it');
      await dialog.getByRole('button', { name: 'Start fiscal 2022' }).click();
      await page.getByText(/Fiscal 2022 started: \d+ entries copied\. Its annual plan is a draft\./u).waitFor();
      const [plan2022] = await plansOf(2022);
      expect(plan2022?.status).toBe('draft');
      await page.waitForURL((url) => url.pathname.endsWith(`/${plan2022!.documentId}`));
      // Offered again on the new draft edition, now for the year after it.
      await page.getByRole('button', { name: 'More document actions' }).click();
      await page.getByRole('menuitem', { name: "Start next year's plan (fiscal 2023)" }).waitFor();
    } finally {
      await page.close();
    }
  });
});
