// The editors' preview in a real browser, as Strapi's preview panel shows it: in an iframe of the
// admin, opened with the signed link of the preview button. Another site cannot frame it, and the
// preview does not open without the link.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signPreviewUrl } from '@tcci/schemas';
import type { Browser, Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, createStaticHandler } from '../../scripts/rebuild/http.ts';
import { launchChromium, requireChromium } from '../scripts/chromium.ts';
import { writeHeadersFile } from '../scripts/security-headers.ts';

const previewSecret = 'the-preview-secret-of-the-cms';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

describe('the preview in the admin’s preview panel', () => {
  const release = mkdtempSync(path.join(tmpdir(), 'preview-release-'));
  let preview: Server;
  let admin: Server;
  let previewUrl = '';
  let adminPort = 0;
  let browser: Browser;

  beforeAll(async () => {
    requireChromium();
    // The CMS admin: a page that frames whatever address it is given, as Strapi's preview panel does.
    admin = createServer((req, res) => {
      const src = new URL(req.url ?? '/', 'http://admin.invalid').searchParams.get('src') ?? '';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><title>Admin</title><iframe name="preview" src="${src.replaceAll('"', '&quot;')}"></iframe>`,
      );
    });
    adminPort = await listen(admin);
    const adminOrigin = `http://127.0.0.1:${adminPort}`;
    mkdirSync(path.join(release, 'en', 'branches', 'koto'), { recursive: true });
    writeFileSync(path.join(release, 'index.html'), '<!doctype html><p>Preview — not published</p>');
    writeFileSync(path.join(release, 'en', 'branches', 'koto', 'index.html'), '<!doctype html><h1>Draft name</h1>');
    writeHeadersFile(release, { SITE_PREVIEW: '1', SITE_FRAME_ANCESTORS: adminOrigin });
    preview = createHttpServer(
      createStaticHandler({ currentDir: () => release }, { previewSecret, frameAncestors: [adminOrigin] }),
    );
    previewUrl = `http://127.0.0.1:${await listen(preview)}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const server of [admin, preview])
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    rmSync(release, { recursive: true, force: true });
  });

  /** The text the framed preview shows, or null if the browser refused to show it. */
  async function framed(adminHost: string, src: string): Promise<string | null> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://${adminHost}:${adminPort}/?src=${encodeURIComponent(src)}`);
    const frame: Frame = await (await page.waitForSelector('iframe')).contentFrame().then((f) => f!);
    await frame.waitForLoadState('load');
    const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => null);
    const url = frame.url();
    await context.close();
    return url.startsWith(previewUrl) ? text : null;
  }

  it('opens from the signed link in the admin’s frame, and stays open there', async () => {
    const link = signPreviewUrl(`${previewUrl}/en/branches/koto/`, previewSecret);
    expect(await framed('127.0.0.1', link)).toContain('Draft name');
  });

  it('shows only the 401 page in the frame without a link', async () => {
    const text = await framed('127.0.0.1', `${previewUrl}/en/branches/koto/`);
    expect(text).toContain('Open preview');
    expect(text).not.toContain('Draft name');
  });

  it('cannot be framed by another site, even with a valid link', async () => {
    const link = signPreviewUrl(`${previewUrl}/en/branches/koto/`, previewSecret);
    expect(await framed('localhost', link)).toBeNull();
  });
});
