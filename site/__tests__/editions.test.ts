// Every year's plan, end to end, on SQLite and on PostgreSQL: a second edition started by the
// product's own copy action (the admin's "Start next year's plan", which `pnpm edition new` shares),
// edited through the admin API, built while it is a draft, then published and unpublished. The
// fiscal 2022 edition here is test data: it lives in the test's own database only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collections, contentTypeUid, localeScripts, type CollectionDef } from '@tcci/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCmsCommand } from '@tcci/cms/process';
import { postgresDatabase, TestCms, type TestDatabase } from '../../cms/__tests__/harness.ts';
import { postgresSkipReason } from '../../cms/__tests__/postgres-required.ts';
import { seededSqliteDatabase } from '../../cms/__tests__/shared/shared.ts';
import { createHttpServer, createStaticHandler } from '../../scripts/rebuild/http.ts';
import { launchChromium, requireChromium } from '../scripts/chromium.ts';
import { axeTags, checkHtml, runAxe, unmarkedJapanese } from './page-checks.ts';
import { pagesOf, runBuild } from './run-build.ts';

const postgresMissing = await postgresSkipReason();
const cm = '/content-manager/collection-types';
const all = Object.values(collections) as CollectionDef[];

const textOf = (html: string) =>
  html
    .replace(/<\/?span\b[^>]*>/gu, '')
    .replace(/<[^>]+>/gu, ' ')
    .replace(/\s+/gu, ' ');

function editionSuite(label: string, database: (dir: string) => TestDatabase | Promise<TestDatabase>, skip?: string) {
  describe.skipIf(skip !== undefined)(`every year's plan, on ${label}${skip ? ` (skipped: ${skip})` : ''}`, () => {
    const cms = new TestCms(database);
    const work = mkdtempSync(path.join(tmpdir(), 'editions-'));
    let jwt = '';
    let oneEdition: Map<string, string>;
    let withDraftEdition: Map<string, string>;
    let started: { status: number; body: { data?: { entries: number; reset: number; annualPlan?: string } } };

    const request = async (method: string, url: string, body?: unknown) => {
      const response = await cms.adminRequest(method, url, jwt, body);
      expect(response.status, `${method} ${url}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
      return response.body;
    };
    /** Every draft of a collection in one edition and locale, as the content manager lists them. */
    const entriesOf = async (collection: CollectionDef, edition: number, locale = 'ja') =>
      (
        await request(
          'GET',
          `${cm}/${contentTypeUid(collection)}?locale=${locale}&filters[edition][$eq]=${edition}&pageSize=100`,
        )
      ).results as Record<string, any>[];
    const find = async (collection: CollectionDef, edition: number, slug: string) =>
      (await entriesOf(collection, edition)).find((entry) => entry.slug === slug)!;
    const build = async (name: string, extra: Record<string, string> = {}) => {
      const outDir = path.join(work, name);
      const { code, output } = await runBuild({
        CMS_URL: cms.url,
        STRAPI_TOKEN: cms.siteToken(),
        SITE_OUT_DIR: outDir,
        ...extra,
      });
      expect(code, output).toBe(0);
      return pagesOf(outDir);
    };
    const initiatives = `${cm}/${contentTypeUid(collections.initiative)}`;
    const plans = `${cm}/${contentTypeUid(collections.annualPlan)}`;

    beforeAll(async () => {
      await cms.start({ PREVIEW_URL: 'http://127.0.0.1:9/', PREVIEW_SECRET: 'preview-secret-for-the-test-only-1234' });
      jwt = await cms.adminToken();
      oneEdition = await build('one-edition');
      started = await cms.adminRequest('POST', '/plan/editions', jwt, { from: 2021 });
      // The editors' work on fiscal 2022 (test data): a text changed, an initiative dropped, one
      // added and marked 新, a branch dropped.
      const shibusawa = await find(collections.initiative, 2022, 'shibusawa-events');
      await request('PUT', `${initiatives}/${shibusawa.documentId}?locale=ja`, {
        text: '〔テスト用〕渋沢関連事業の改訂',
      });
      await request('POST', `${initiatives}/${shibusawa.documentId}/actions/publish?locale=ja`, {});
      const dropped = await find(collections.initiative, 2022, 'member-my-page');
      await request('DELETE', `${initiatives}/${dropped.documentId}?locale=*`);
      const added = await request('POST', `${initiatives}?locale=ja`, {
        edition: 2022,
        slug: 'next-year-idea',
        order: 40,
        column: 'focus',
        category: 'memberServices',
        isNew: true,
        text: '〔テスト用〕翌年度の新しい取り組み',
      });
      await request('POST', `${initiatives}/${added.data.documentId}/actions/publish?locale=ja`, {});
      const branches = `${cm}/${contentTypeUid(collections.branch)}`;
      const koto = await find(collections.branch, 2022, 'koto');
      await request('DELETE', `${branches}/${koto.documentId}?locale=*`);
      withDraftEdition = await build('draft-edition');
    }, 600_000);
    afterAll(async () => {
      await cms.destroy();
      rmSync(work, { recursive: true, force: true });
    });

    it("starts next year's plan in one step: every entry in both languages, 新 reset, notes kept, links inside the edition", async () => {
      expect(started.status, JSON.stringify(started.body)).toBe(200);
      expect(started.body.data?.reset).toBe(10);
      for (const collection of all) {
        for (const locale of ['ja', 'en']) {
          const before = await entriesOf(collection, 2021, locale);
          const copied = await entriesOf(collection, 2022, locale);
          // After the edits above: a branch fewer; an initiative fewer, and one more in Japanese.
          const edits =
            collection.key === 'branch' ? -1 : collection.key === 'initiative' ? (locale === 'ja' ? 0 : -1) : 0;
          expect(copied.length, `${collection.key} (${locale})`).toBe(before.length + edits);
        }
      }
      const plan = (await entriesOf(collections.annualPlan, 2022))[0]!;
      expect(plan.status).toBe('draft');
      expect((await entriesOf(collections.annualPlan, 2021))[0]!.status).toBe('published');
      // 新 is relative to the year: reset on every copied entry.
      const copiedInitiatives = (await entriesOf(collections.initiative, 2022)).filter(
        (i) => i.slug !== 'next-year-idea',
      );
      expect(copiedInitiatives.filter((i) => i.isNew)).toEqual([]);
      // Editors' notes come along; a copied entry keeps its publication state.
      const chuo2021 = await find(collections.branch, 2021, 'chuo');
      const chuo = await find(collections.branch, 2022, 'chuo');
      const full = (documentId: string) =>
        request('GET', `${cm}/${contentTypeUid(collections.branch)}/${documentId}?locale=ja`);
      expect((await full(chuo.documentId)).data.note).toBe((await full(chuo2021.documentId)).data.note);
      expect(chuo.status).toBe('published');
      // A challenge links the vision area of its own edition.
      const challenge = await find(collections.challenge, 2022, 'diverse-talent');
      const linked = await request(
        'GET',
        `/content-manager/relations/${contentTypeUid(collections.challenge)}/${challenge.documentId}/area?locale=ja&status=draft`,
      );
      const areas2022 = (await entriesOf(collections.visionArea, 2022)).map((area) => area.documentId);
      expect(linked.results).toHaveLength(1);
      expect(areas2022).toContain(linked.results[0].documentId);
    });

    it('refuses to start an edition that exists, and changes nothing', async () => {
      const before = await entriesOf(collections.initiative, 2022);
      const again = await cms.adminRequest('POST', '/plan/editions', jwt, { from: 2021 });
      expect(again.status).toBe(400);
      expect(again.body.error.message).toMatch(
        /^Fiscal 2022 exists already \(it holds entries of Annual plan, .*\): nothing was copied\./u,
      );
      expect(await entriesOf(collections.initiative, 2022)).toEqual(before);
    });

    it('publishes nothing of the draft edition: the site is the one-edition site', () => {
      expect([...withDraftEdition.keys()].sort()).toEqual([...oneEdition.keys()].sort());
      expect([...withDraftEdition.keys()].some((url) => url.includes('/2022/'))).toBe(false);
      for (const html of withDraftEdition.values()) expect(html).not.toContain('テスト用');
    });

    it('previews the draft edition for editors, at its own addresses', async () => {
      const plan = (await entriesOf(collections.annualPlan, 2022))[0]!;
      const link = await request(
        'GET',
        `/content-manager/preview/url/${contentTypeUid(collections.annualPlan)}?documentId=${plan.documentId}&locale=ja&status=draft`,
      );
      expect(new URL(link.data.url).pathname).toBe('/2022/');
      const preview = await build('preview', { SITE_PREVIEW: '1', STRAPI_TOKEN: cms.previewToken() });
      expect(textOf(preview.get('/2022/initiatives/')!)).toContain('〔テスト用〕翌年度の新しい取り組み');
    });

    it('switches / to the new edition when it is published, and back when it is unpublished; no address stops working', async () => {
      const plan = (await entriesOf(collections.annualPlan, 2022))[0]!;
      for (const locale of ['ja', 'en'])
        await request('POST', `${plans}/${plan.documentId}/actions/publish?locale=${locale}`, {});
      const published = await build('published');
      try {
        for (const url of oneEdition.keys()) expect(published.has(url), url).toBe(true);
        expect(textOf(published.get('/')!)).toContain('2022年度の計画');
        expect(textOf(published.get('/en/')!)).toContain('The plan for fiscal 2022');
        expect(textOf(published.get('/initiatives/')!)).toContain('〔テスト用〕渋沢関連事業の改訂');
        // The old edition at its permanent address, as it was, saying it is an earlier one.
        const old = textOf(published.get('/2021/initiatives/')!);
        expect(old).toContain('「渋沢プレミアムミーティング」');
        expect(old).not.toContain('〔テスト用〕');
        expect(old).toContain('これは過去の年度の計画です。');
        expect(published.get('/2021/initiatives/')).toContain('href="/2022/initiatives/"');
        // A branch fiscal 2022 dropped: its addresses still answer, with the last edition that had it.
        expect(published.has('/2022/branches/koto/')).toBe(false);
        expect(published.get('/branches/koto/')).toBe(published.get('/2021/branches/koto/'));
        expect(published.get('/2021/branches/chuo/')).toContain('href="/2022/branches/chuo/"');
        expect(published.get('/2021/branches/koto/')).not.toContain('href="/2022/branches/koto/"');
        expect(textOf(published.get('/archive/')!)).toMatch(/2022年度 最新の計画 .*2021年度/u);
        // What changed: exactly the edits made above, in both languages, and a line on the home page.
        for (const prefix of ['', '/en']) {
          const changes = published.get(`${prefix}/2022/changes/`)!;
          expect(published.get(`${prefix}/changes/`)).toBe(changes);
          const listed = [...changes.matchAll(/<li[^>]* id="([^"]+)"/gu)].map((match) => match[1]).sort();
          expect(listed, prefix).toEqual([
            'added-next-year-idea',
            'branch-koto',
            'changed-shibusawa-events',
            'dropped-member-my-page',
          ]);
          const summary = prefix
            ? 'Initiatives since fiscal 2021: 1 added, 1 dropped, 1 changed'
            : '2021年度から：取り組みの追加1件、削除1件、変更1件';
          expect(textOf(changes)).toContain(summary);
          expect(textOf(published.get(`${prefix}/2022/`)!)).toContain(summary);
          expect(published.get(`${prefix}/2022/`)).toContain(`href="${prefix}/2022/changes/"`);
        }
        const changed = published.get('/2022/changes/')!;
        expect(changed).toMatch(/<del><span class="visually-hidden"[^>]*>削除：<\/span>大河ドラマ/u);
        expect(changed).toMatch(/<ins><span class="visually-hidden"[^>]*>追加：<\/span>〔テスト用〕/u);
        // The English was not edited: its page says so and shows the change in Japanese.
        expect(textOf(published.get('/en/2022/changes/')!)).toContain(
          'The Japanese text changed; the English has not been updated yet.',
        );
        expect(published.has('/2021/changes/')).toBe(false);
      } finally {
        for (const locale of ['ja', 'en'])
          await request('POST', `${plans}/${plan.documentId}/actions/unpublish?locale=${locale}`, {});
      }
      // The pages only a second edition has pass the same gates as every page of the real site.
      const gated = ['/2022/changes/', '/en/2022/changes/', '/2022/', '/en/2022/'];
      const outDir = path.join(work, 'published');
      const html = await checkHtml(gated.map((url) => path.join(outDir, url, 'index.html')));
      expect(html.filter((m) => m.type === 'error' || m.subType === 'warning')).toEqual([]);
      requireChromium();
      const server = createHttpServer(createStaticHandler({ currentDir: () => outDir }));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const browser = await launchChromium();
      try {
        for (const width of [320, 1280]) {
          const page = await browser.newPage({ viewport: { width, height: 800 } });
          for (const url of gated) {
            await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}${url}`);
            expect(await runAxe(page, width), `${url} at ${width} px (${axeTags.join(', ')})`).toEqual([]);
            expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(width);
            if (url.startsWith('/en/'))
              expect(await page.evaluate(unmarkedJapanese, localeScripts.ja.source), url).toEqual([]);
          }
          await page.close();
        }
      } finally {
        await browser.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      const unpublished = await build('unpublished');
      expect([...unpublished.keys()].sort()).toEqual([...oneEdition.keys()].sort());
      expect(unpublished.get('/')).toBe(oneEdition.get('/'));
    });
  });
}

editionSuite('SQLite', seededSqliteDatabase);
editionSuite('PostgreSQL', () => postgresDatabase(), postgresMissing);

describe('pnpm edition new', () => {
  const cms = new TestCms(seededSqliteDatabase);
  beforeAll(() => cms.baseEnv());
  afterAll(() => cms.destroy());

  it('starts an edition from the command line, and refuses the same year again, changing nothing', async () => {
    const env = { ...process.env, ...(await cms.baseEnv()) } as Record<string, string>;
    const first = await runCmsCommand('edition', ['new', '2022', '--from', '2021'], { env });
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/Fiscal 2022 started from fiscal 2021: \d+ entries copied, 10 新 flags reset/u);
    const again = await runCmsCommand('edition', ['new', '2022', '--from', '2021'], { env });
    expect(again.code).toBe(1);
    expect(again.output).toMatch(
      /Fiscal 2022 exists already \(it holds entries of Annual plan, .*\): nothing was copied\./u,
    );
    const usage = await runCmsCommand('edition', ['new', '22'], { env });
    expect(usage.code).toBe(2);
    expect(usage.output).toContain("Name the new edition's fiscal year (four digits). Usage: pnpm edition new");
  });
});
