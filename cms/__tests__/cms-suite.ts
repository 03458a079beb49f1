import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  collections,
  entrySchemas,
  fromGraphql,
  graphqlQuery,
  locales,
  type CollectionDef,
  type CollectionKey,
  type Locale,
} from '@tcci/schemas';
import { editionDir, loadSeeds, seedDir } from '@tcci/seeds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCms, type TestDatabase } from './harness.ts';
import { CommandRunner } from './command-runner.ts';
import { securitySuite } from './security-suite.ts';
import { validationSuite } from './validation-suite.ts';

const all = Object.entries(collections) as [CollectionKey, CollectionDef][];
const seeds = loadSeeds(editionDir(2021), 2021) as unknown as Record<CollectionKey, Record<string, unknown>[]>;

/** What the CMS should serve for a seed entry in one locale (public fields; absent optional fields left out). */
function expectedEntry(collection: CollectionDef, entry: Record<string, unknown>, locale: Locale) {
  const out: Record<string, unknown> = { edition: 2021 };
  for (const [name, field] of Object.entries(collection.fields)) {
    const value = entry[name];
    if (field.private || value === undefined) continue;
    if (field.attribute.type === 'itemList')
      out[name] = (value as Record<Locale, string>[]).map((item) => item[locale]);
    else out[name] = field.localized ? (value as Record<Locale, string>)[locale] : value;
  }
  return out;
}

const withoutNulls = (entry: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== null && value !== undefined));

const expectedCounts = Object.fromEntries(
  all.flatMap(([key]) => locales.map((locale) => [`${key}/${locale}`, seeds[key].length])),
);

/**
 * The whole CMS suite against one database: boot, seed, read, refuse, recover. With a `skipReason`,
 * every test is reported as skipped, the reason in the suite's name.
 */
export function cmsSuite(
  label: string,
  database: (dir: string) => TestDatabase | Promise<TestDatabase>,
  skipReason?: string,
) {
  describe.skipIf(skipReason !== undefined)(skipReason ? `${label} (skipped: ${skipReason})` : label, () => {
    const cms = new TestCms(database);
    // `pnpm seed` runs three times against this database: Strapi is loaded once for the three.
    const seeder = new CommandRunner(cms);
    let token = '';

    beforeAll(async () => {
      await cms.start();
      token = cms.siteToken();
    });
    afterAll(async () => {
      await seeder.stop();
      await cms.destroy();
    });

    /** Reads one collection in one locale through GraphQL with the site's token, every page to the end. */
    async function read(collection: CollectionDef, locale: Locale, pageSize = 100) {
      const query = graphqlQuery(collection);
      const nodes: Record<string, unknown>[] = [];
      for (let page = 1; page <= 100; page += 1) {
        const { body } = await cms.graphql(query, { locale, page, pageSize }, token);
        expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
        nodes.push(...body.data.page.nodes);
        if (page >= body.data.page.pageInfo.pageCount) break;
      }
      return nodes;
    }

    async function counts() {
      const result: Record<string, number> = {};
      for (const [key, collection] of all) {
        for (const locale of locales) result[`${key}/${locale}`] = (await read(collection, locale)).length;
      }
      return result;
    }

    it('imports the seeds at its first start: every collection, both locales', async () => {
      expect(await counts()).toEqual(expectedCounts);
    });

    it('serves every collection in ja and en over GraphQL with the seeds’ texts and links', async () => {
      for (const [key, collection] of all) {
        for (const locale of locales) {
          const served = (await read(collection, locale)).map((node) =>
            withoutNulls(entrySchemas[key].parse(fromGraphql(collection, node)) as Record<string, unknown>),
          );
          const expected = seeds[key].map((entry) => expectedEntry(collection, entry, locale));
          const bySlug = (list: Record<string, unknown>[]) =>
            list.toSorted((a, b) => String(a.slug ?? '').localeCompare(String(b.slug ?? '')));
          expect(bySlug(served), `${key} in ${locale}`).toEqual(bySlug(expected));
        }
      }
    });

    it('pages through a collection to its last entry', async () => {
      const branches = await read(collections.branch, 'ja', 5);
      expect(branches).toHaveLength(23);
      expect(new Set(branches.map((b) => b.slug)).size).toBe(23);
    });

    it('creates nothing when seeded a second time', async () => {
      const { code, output } = await seeder.seed();
      expect(output).toContain('Initiative: 31 entries — 0 created, 62 kept');
      expect(output).toContain('0 locale versions created');
      expect(code).toBe(0);
      expect(await counts()).toEqual(expectedCounts);
    });

    it('refuses every content query and every mutation without a token', async () => {
      for (const [key, collection] of all) {
        const { status, body } = await cms.graphql(graphqlQuery(collection), { locale: 'ja', page: 1, pageSize: 10 });
        expect(status, key).toBe(401);
        expect(body.data ?? null).toBeNull();
      }
      const mutations = [
        'mutation { createInitiative(data: { slug: "x", order: 1, column: focus, category: memberServices, text: "x" }) { documentId } }',
        'mutation { deleteBranch(documentId: "x") { documentId } }',
        'mutation { updateAnnualPlan(documentId: "x", data: { title: "x" }) { documentId } }',
      ];
      for (const mutation of mutations) expect((await cms.graphql(mutation)).status).toBe(401);
      const rest = await fetch(`${cms.url}/api/branches`, { signal: AbortSignal.timeout(10_000) });
      expect(rest.status).toBe(401);
    });

    it('refuses every mutation with the read-only token', async () => {
      const branch = (await read(collections.branch, 'ja'))[0]!;
      const { body: list } = await cms.graphql(
        '{ branches(filters: { slug: { eq: "koto" } }) { documentId } }',
        {},
        token,
      );
      const documentId = list.data.branches[0].documentId;
      const mutations = [
        'mutation { createInitiative(data: { slug: "x", order: 1, column: focus, category: memberServices, text: "x" }) { documentId } }',
        `mutation { updateBranch(documentId: "${documentId}", data: { name: "x" }) { documentId } }`,
        `mutation { deleteBranch(documentId: "${documentId}") { documentId } }`,
        'mutation { updateAnnualPlan(documentId: "x", data: { title: "x" }) { documentId } }',
      ];
      for (const mutation of mutations) {
        const { body } = await cms.graphql(mutation, {}, token);
        expect(body.errors?.[0]?.extensions?.code, mutation).toBe('FORBIDDEN');
        expect(Object.values(body.data ?? {}).filter((value) => value !== null)).toEqual([]);
      }
      expect((await read(collections.branch, 'ja'))[0]).toEqual(branch);
    });

    describe('drafts', () => {
      let jwt = '';
      const uid = 'api::initiative.initiative';

      beforeAll(async () => {
        jwt = await cms.adminToken();
        // A new entry saved as a draft, and an unpublished edit of a published one, through the admin's Document Service.
        const created = await cms.adminRequest('POST', `/content-manager/collection-types/${uid}?locale=ja`, jwt, {
          edition: 2021,
          slug: 'draft-only',
          order: 99,
          column: 'focus',
          category: 'memberServices',
          isNew: true,
          text: '下書きの取り組み',
        });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        const found = await cms.adminRequest(
          'GET',
          `/content-manager/collection-types/${uid}?locale=ja&filters[slug][$eq]=restructuring-support`,
          jwt,
        );
        const documentId = found.body.results[0].documentId;
        const edited = await cms.adminRequest(
          'PUT',
          `/content-manager/collection-types/${uid}/${documentId}?locale=ja`,
          jwt,
          { text: '未公開の修正' },
        );
        expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      });

      it('never serves a draft to the read-only token, with or without status: DRAFT', async () => {
        const initiatives = await read(collections.initiative, 'ja');
        expect(initiatives).toHaveLength(31);
        expect(initiatives.map((i) => i.slug)).not.toContain('draft-only');
        expect(initiatives.find((i) => i.slug === 'restructuring-support')?.text).toBe(
          seeds.initiative.find((i) => i.slug === 'restructuring-support')!.text!['ja' as never],
        );
        for (const query of [
          '{ initiatives(status: DRAFT) { slug text } }',
          '{ initiatives_connection(status: DRAFT) { nodes { slug } } }',
          'query ($s: PublicationStatus) { initiatives(status: $s) { slug } }',
        ]) {
          const { body } = await cms.graphql(query, { s: 'DRAFT' }, token);
          expect(body.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
          expect(JSON.stringify(body)).not.toContain('draft-only');
          expect(JSON.stringify(body)).not.toContain('未公開の修正');
        }
        const rest = await fetch(`${cms.url}/api/initiatives?status=draft&pagination[pageSize]=100`, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(10_000),
        });
        expect(rest.status).toBe(403);
      });

      it('lets the preview token, and only it, read drafts — and it cannot write either', async () => {
        const query = '{ initiatives(status: DRAFT, filters: { slug: { eq: "draft-only" } }) { slug text } }';
        const { body } = await cms.graphql(query, {}, cms.previewToken());
        expect(body.data.initiatives).toEqual([{ slug: 'draft-only', text: '下書きの取り組み' }]);
        const write = await cms.graphql(
          'mutation { deleteBranch(documentId: "x") { documentId } }',
          {},
          cms.previewToken(),
        );
        expect(write.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      });

      it('registers no rebuild webhook unless REBUILD_WEBHOOK_URL is set', async () => {
        const { body } = await cms.adminRequest('GET', '/admin/webhooks', jwt);
        expect(body.data).toEqual([]);
      });

      it('gives editors labelled fields, useful list columns and entries in their order', async () => {
        const { body } = await cms.adminRequest('GET', `/content-manager/content-types/${uid}/configuration`, jwt);
        const { settings, metadatas, layouts } = body.data.contentType;
        expect(settings).toMatchObject({ mainField: 'text', defaultSortBy: 'order', defaultSortOrder: 'ASC' });
        expect(layouts.list).toEqual([
          'edition',
          'order',
          'text',
          'englishNeedsReview',
          'column',
          'category',
          'isNew',
          'slug',
        ]);
        // The times the CMS records are shown, not typed.
        expect(metadatas.japaneseRevisedAt.edit).toMatchObject({ label: 'Japanese updated', editable: false });
        expect(metadatas.isNew.edit).toMatchObject({
          label: '新 (new)',
          description:
            "今年度の新規事業。この計画から翌年度の計画を始めると外れます。共通：日本語と英語で同じ値です。 — A new project this year (新規事業). Cleared when next year's plan is started from this one. Shared: the same in Japanese and English.",
        });
        expect(metadatas.text.edit).toMatchObject({
          label: 'Initiative',
          description:
            '言語ごと：日本語と英語でそれぞれ入力します。 — Per language: Japanese and English each have their own.',
        });
        const branches = await cms.adminRequest(
          'GET',
          '/content-manager/content-types/api::branch.branch/configuration',
          jwt,
        );
        expect(branches.body.data.contentType.layouts.list).toEqual([
          'edition',
          'order',
          'name',
          'englishNeedsReview',
          'slug',
        ]);
      });

      it('has an Editor role that creates, edits and publishes plan content and nothing else', async () => {
        const editor = await cms.newEditor('editor@example.com', 'Editor-Passw0rd');
        const missions = '/content-manager/collection-types/api::mission.mission';

        const created = await cms.adminRequest('POST', `${missions}?locale=ja`, editor, {
          edition: 2021,
          slug: 'editor-test',
          order: 9,
          title: '編集テスト',
        });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        const documentId = created.body.data.documentId;
        const edited = await cms.adminRequest('PUT', `${missions}/${documentId}?locale=ja`, editor, {
          title: '編集テスト（修正）',
        });
        expect(edited.status).toBe(200);
        const published = await cms.adminRequest(
          'POST',
          `${missions}/${documentId}/actions/publish?locale=ja`,
          editor,
          {},
        );
        expect(published.status, JSON.stringify(published.body)).toBe(200);
        expect((await read(collections.mission, 'ja')).map((m) => m.title)).toContain('編集テスト（修正）');
        const unpublished = await cms.adminRequest(
          'POST',
          `${missions}/${documentId}/actions/unpublish?locale=ja`,
          editor,
          {},
        );
        expect(unpublished.status).toBe(200);
        expect(await read(collections.mission, 'ja')).toHaveLength(3);

        // What editors do besides: see whether the site is live, write a change note, confirm a translation.
        const live = await cms.adminRequest('GET', '/plan/site-status', editor);
        expect(live.status).toBe(200);
        expect(live.body.data).toMatchObject({ configured: false, reachable: false });
        const noted = await cms.adminRequest('PUT', `${missions}/${documentId}?locale=ja`, editor, {
          changeNote: '編集テストの説明',
          changeKind: 'major',
          englishNeedsReview: false,
        });
        expect(noted.status, JSON.stringify(noted.body)).toBe(200);
        expect((await cms.adminRequest('GET', '/plan/site-status', '')).status).toBe(401);

        // Nothing else: no deleting, no settings, users, roles, tokens, webhooks or locales.
        for (const [method, url] of [
          ['DELETE', `${missions}/${documentId}?locale=ja`],
          ['POST', `${missions}/actions/bulkDelete?locale=ja`],
          ['PUT', '/content-manager/content-types/api::mission.mission/configuration'],
          ['GET', '/admin/users'],
          ['POST', '/admin/users'],
          ['GET', '/admin/roles'],
          ['GET', '/admin/api-tokens'],
          ['POST', '/admin/api-tokens'],
          ['GET', '/admin/transfer/tokens'],
          ['GET', '/admin/webhooks'],
          ['POST', '/admin/webhooks'],
          ['POST', '/i18n/locales'],
          ['GET', '/upload/settings'],
        ] as const) {
          const response = await cms.adminRequest(
            method,
            url,
            editor,
            method === 'GET' || method === 'DELETE'
              ? undefined
              : { code: 'fr', name: 'French', documentIds: [documentId] },
          );
          expect(response.status, `${method} ${url}`).toBe(403);
        }
      });

      it('stops an import of invalid seeds before writing, naming the field', async () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'bad-seeds-'));
        try {
          cpSync(seedDir, dir, {
            recursive: true,
            filter: (from) => !from.includes('node_modules') && !from.includes('/dist'),
          });
          const file = path.join(dir, '2021', 'initiatives.yaml');
          writeFileSync(file, readFileSync(file, 'utf8').replace(/^ {2}column: covid$/mu, '  column: sidebar'));
          const { code, output } = await seeder.seed(['--reset'], { SEEDS_DIR: dir });
          expect(code, output).toBe(1);
          expect(output).toMatch(/seeds\/2021\/initiatives\.yaml: entry \d+ \(slug "[a-z0-9-]+"\), field "column": /u);
          expect(output).toContain('Nothing was written');
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
        // --reset did not run: the drafts are still there, the published content is whole.
        const drafts = await cms.adminRequest(
          'GET',
          `/content-manager/collection-types/${uid}?locale=ja&filters[slug][$eq]=draft-only`,
          jwt,
        );
        expect(drafts.body.results).toHaveLength(1);
        expect(await counts()).toEqual(expectedCounts);
      });

      it('marks "English needs review" when the Japanese changes, and clears it when the English is saved or confirmed', async () => {
        const entries = `/content-manager/collection-types/${uid}`;
        const found = await cms.adminRequest('GET', `${entries}?locale=ja&filters[slug][$eq]=rediscover-tokyo`, jwt);
        const documentId = found.body.results[0].documentId as string;
        const entry = async (locale: Locale) =>
          (await cms.adminRequest('GET', `${entries}/${documentId}?locale=${locale}`, jwt)).body.data;
        const save = async (locale: Locale, data: Record<string, unknown>) => {
          const saved = await cms.adminRequest('PUT', `${entries}/${documentId}?locale=${locale}`, jwt, data);
          expect(saved.status, JSON.stringify(saved.body)).toBe(200);
          return saved.body.data;
        };
        const publish = async (locale: Locale) => {
          const published = await cms.adminRequest(
            'POST',
            `${entries}/${documentId}/actions/publish?locale=${locale}`,
            jwt,
            {},
          );
          expect(published.status, JSON.stringify(published.body)).toBe(200);
        };
        const marked = async (locale: Locale) =>
          (
            await cms.adminRequest('GET', `${entries}?locale=${locale}&filters[englishNeedsReview][$eq]=true`, jwt)
          ).body.results.map((row: { documentId: string }) => row.documentId);
        /** What the site reads of the published English entry. */
        const publicEnglish = async () =>
          (await read(collections.initiative, 'en')).find((node) => node.slug === 'rediscover-tokyo')!;
        const original = { ja: (await entry('ja')).text as string, en: (await entry('en')).text as string };
        expect((await entry('en')).englishNeedsReview).toBe(false);
        const status = async (locale: Locale) =>
          (await cms.adminRequest('GET', `${entries}?locale=${locale}&filters[slug][$eq]=rediscover-tokyo`, jwt)).body
            .results[0].status as string;

        // Saving the Japanese unchanged, or changing a shared field only, marks nothing.
        await save('ja', { text: original.ja, isNew: true });
        expect((await entry('en')).englishNeedsReview).toBe(false);

        // A change to the Japanese text marks the English, in its list, with the time; the English
        // version's own status is untouched (nothing of it was edited).
        const before = Date.now();
        await save('ja', { text: `${original.ja}（改訂）` });
        const english = await entry('en');
        expect(english.englishNeedsReview).toBe(true);
        expect(Date.parse(english.japaneseRevisedAt)).toBeGreaterThanOrEqual(before - 1000);
        expect(await status('en')).toBe('published');
        expect(await marked('en')).toContain(documentId);
        // Nothing public yet: the Japanese change is a draft, even once the English is republished.
        await publish('en');
        expect((await publicEnglish()).englishNeedsReview).toBe(false);

        // Publishing the Japanese makes the mark public, for the English page's notice.
        await publish('ja');
        expect(await publicEnglish()).toMatchObject({
          englishNeedsReview: true,
          japaneseRevisedAt: english.japaneseRevisedAt,
        });
        // Publishing the English unreviewed does not clear it.
        await publish('en');
        expect((await publicEnglish()).englishNeedsReview).toBe(true);

        // Editing the English clears the mark; publishing it clears it on the site. The Japanese
        // stays as it was published.
        await save('en', { text: `${original.en} (revised)` });
        expect((await entry('en')).englishNeedsReview).toBe(false);
        expect(await marked('en')).not.toContain(documentId);
        await publish('en');
        expect((await publicEnglish()).englishNeedsReview).toBe(false);
        expect(await status('ja')).toBe('published');

        // Confirming the English is still right (clearing the mark by hand) clears it too.
        await save('ja', { text: original.ja });
        expect((await entry('en')).englishNeedsReview).toBe(true);
        await save('en', { englishNeedsReview: false });
        expect((await entry('en')).englishNeedsReview).toBe(false);
        await publish('ja');
      });

      it('dates a change note when it is first published, and keeps the date when republished', async () => {
        const entries = `/content-manager/collection-types/${uid}`;
        const found = await cms.adminRequest('GET', `${entries}?locale=en&filters[slug][$eq]=rcep-certificates`, jwt);
        const documentId = found.body.results[0].documentId as string;
        const publicEnglish = async () =>
          (await read(collections.initiative, 'en')).find((node) => node.slug === 'rcep-certificates')!;
        const publish = () => cms.adminRequest('POST', `${entries}/${documentId}/actions/publish?locale=en`, jwt, {});
        const note = 'The support for certificates of origin under RCEP now covers seminars.';
        await cms.adminRequest('PUT', `${entries}/${documentId}?locale=en`, jwt, {
          changeNote: note,
          changeKind: 'major',
        });
        // A draft's note is not public.
        expect((await publicEnglish()).changeNote).toBeNull();
        const before = Date.now();
        expect((await publish()).status).toBe(200);
        const first = await publicEnglish();
        expect(first).toMatchObject({ changeNote: note, changeKind: 'major' });
        expect(Date.parse(first.changeNotedAt as string)).toBeGreaterThanOrEqual(before - 1000);
        // The editors see the date on the entry, which is still published as it is (not modified).
        const edited = await cms.adminRequest('GET', `${entries}?locale=en&filters[slug][$eq]=rcep-certificates`, jwt);
        expect(edited.body.results[0]).toMatchObject({ changeNotedAt: first.changeNotedAt, status: 'published' });
        // The Japanese has no note of its own.
        const ja = (await read(collections.initiative, 'ja')).find((node) => node.slug === 'rcep-certificates')!;
        expect(ja.changeNote).toBeNull();
        await new Promise((resolve) => setTimeout(resolve, 1100));
        expect((await publish()).status).toBe(200);
        expect((await publicEnglish()).changeNotedAt).toBe(first.changeNotedAt);
      });

      it('replaces everything with the seeds on --reset', async () => {
        const { code, output } = await seeder.seed(['--reset']);
        expect(code, output).toBe(0);
        const drafts = await cms.adminRequest(
          'GET',
          `/content-manager/collection-types/${uid}?locale=ja&filters[slug][$eq]=draft-only`,
          jwt,
        );
        expect(drafts.body.results).toHaveLength(0);
        const edited = await cms.adminRequest(
          'GET',
          `/content-manager/collection-types/${uid}?locale=ja&filters[slug][$eq]=restructuring-support`,
          jwt,
        );
        expect(edited.body.results[0].text).not.toBe('未公開の修正');
        expect(await counts()).toEqual(expectedCounts);
        // An import writes both languages: no English is left marked for review.
        const marked = await cms.adminRequest(
          'GET',
          `/content-manager/collection-types/${uid}?locale=en&filters[englishNeedsReview][$eq]=true`,
          jwt,
        );
        expect(marked.body.results).toEqual([]);
      });

      describe('editions', () => {
        const plans = '/content-manager/collection-types/api::annual-plan.annual-plan';
        const initiatives = `/content-manager/collection-types/${uid}`;
        const created: { url: string; documentId: string }[] = [];
        let nextPlan = '';
        let nextInitiative = '';

        /** A write through the admin; what it creates is deleted after the block. */
        async function create(url: string, data: Record<string, unknown>, locale = 'ja') {
          const response = await cms.adminRequest('POST', `${url}?locale=${locale}`, jwt, data);
          if (response.status === 201) created.push({ url, documentId: response.body.data.documentId });
          return response;
        }
        const act = (url: string, documentId: string, action: 'publish' | 'unpublish', locale = 'ja') =>
          cms.adminRequest('POST', `${url}/${documentId}/actions/${action}?locale=${locale}`, jwt, {});
        const message = (response: { body: { error?: { message?: string } } }) => response.body.error?.message ?? '';
        /** Every initiative slug the site's token is served in Japanese, over GraphQL and REST. */
        async function served() {
          const graphql = (await read(collections.initiative, 'ja')).map(
            (node) => `${String(node.edition)}/${String(node.slug)}`,
          );
          const rest = await fetch(
            `${cms.url}/api/initiatives?locale=ja&pagination[pageSize]=100&filters[edition][$eq]=2022`,
            {
              headers: { authorization: `Bearer ${token}` },
              signal: AbortSignal.timeout(10_000),
            },
          );
          const body = (await rest.json()) as { data: { slug: string }[] };
          return { graphql, rest2022: body.data.map((entry) => entry.slug) };
        }

        beforeAll(async () => {
          // Test data, not the plan: the annual plan of a fiscal 2022 edition, as a draft.
          const plan2021 = seeds.annualPlan[0]!;
          const titles = Object.fromEntries(
            Object.entries(collections.annualPlan.fields).map(([name]) => [
              name,
              `〔テスト用〕${String((plan2021[name] as Record<Locale, string>).ja)}`,
            ]),
          );
          const plan = await create(plans, { edition: 2022, ...titles });
          expect(plan.status, JSON.stringify(plan.body)).toBe(201);
          nextPlan = plan.body.data.documentId;
          // An initiative of the draft edition, with the slug of one of fiscal 2021, published.
          const initiative = await create(initiatives, {
            edition: 2022,
            slug: 'restructuring-support',
            order: 1,
            column: 'focus',
            category: 'managementSupport',
            isNew: false,
            text: '〔テスト用〕2022年度の取り組み',
          });
          expect(initiative.status, JSON.stringify(initiative.body)).toBe(201);
          nextInitiative = initiative.body.data.documentId;
          const published = await act(initiatives, nextInitiative, 'publish');
          expect(published.status, JSON.stringify(published.body)).toBe(200);
        });

        afterAll(async () => {
          for (const { url, documentId } of created.toReversed())
            await cms.adminRequest('DELETE', `${url}/${documentId}?locale=*`, jwt);
        });

        it('serves nothing of an edition whose annual plan is a draft, however its entries stand', async () => {
          const { graphql, rest2022 } = await served();
          expect(graphql).toHaveLength(31);
          expect(graphql.every((entry) => entry.startsWith('2021/'))).toBe(true);
          expect(rest2022).toEqual([]);
          const { body } = await cms.graphql(
            '{ initiatives(filters: { edition: { eq: 2022 } }) { slug text } annualPlans { edition } }',
            {},
            token,
          );
          expect(body.data).toEqual({ initiatives: [], annualPlans: [{ edition: 2021 }] });
          expect(JSON.stringify(body)).not.toContain('〔テスト用〕');
        });

        it('serves the edition in the locales where its annual plan is published, and stops when it is unpublished', async () => {
          expect((await act(plans, nextPlan, 'publish')).status).toBe(200);
          try {
            const { graphql, rest2022 } = await served();
            expect(graphql).toHaveLength(32);
            expect(graphql).toContain('2022/restructuring-support');
            expect(rest2022).toEqual(['restructuring-support']);
            // Not in English: the 2022 plan has no English version.
            const english = await read(collections.initiative, 'en');
            expect(english.map((node) => node.edition)).not.toContain(2022);
          } finally {
            expect((await act(plans, nextPlan, 'unpublish')).status).toBe(200);
          }
          expect((await served()).graphql).toHaveLength(31);
        });

        it('keeps a slug unique within its edition, not across editions', async () => {
          const taken = await create(initiatives, {
            edition: 2021,
            slug: 'restructuring-support',
            order: 98,
            column: 'focus',
            category: 'managementSupport',
            text: '重複',
          });
          expect(taken.status).toBe(400);
          expect(message(taken)).toMatch(/"restructuring-support" is taken by another Initiative of fiscal 2021/u);
          const moved = await cms.adminRequest('PUT', `${initiatives}/${nextInitiative}?locale=ja`, jwt, {
            edition: 2021,
          });
          expect(moved.status).toBe(400);
          expect(message(moved)).toMatch(
            /is taken by another Initiative of fiscal 2021 \(a slug is unique within its edition\)/u,
          );
        });

        it('refuses an entry without an edition, or of a year that has no annual plan', async () => {
          const entry = { slug: 'no-edition', order: 97, column: 'focus', category: 'managementSupport', text: 'x' };
          const without = await create(initiatives, entry);
          expect(without.status).toBe(400);
          expect(message(without)).toMatch(/"Edition \(fiscal year\)" \(edition\) is missing/u);
          const orphan = await create(initiatives, { ...entry, edition: 2030 });
          expect(orphan.status).toBe(400);
          expect(message(orphan)).toMatch(
            /fiscal 2030 has no annual plan: create the annual plan of fiscal 2030 first/u,
          );
        });

        it('keeps one annual plan per edition, and none deleted while its edition holds entries', async () => {
          const second = await create(plans, { edition: 2021, title: '二つ目' });
          expect(second.status).toBe(400);
          expect(message(second)).toMatch(/fiscal 2021 has its Annual plan already \(one per edition\)/u);
          const deleted = await cms.adminRequest('DELETE', `${plans}/${nextPlan}?locale=ja`, jwt);
          expect(deleted.status).toBe(400);
          expect(message(deleted)).toMatch(
            /Cannot delete the annual plan of fiscal 2022: its edition still holds entries \(Initiative\)/u,
          );
          const renamed = await cms.adminRequest('PUT', `${plans}/${nextPlan}?locale=ja`, jwt, { edition: 2023 });
          expect(renamed.status).toBe(400);
          expect(message(renamed)).toMatch(/cannot change from 2022 to 2023 while fiscal 2022 holds entries/u);
        });

        it("refuses to publish a link to another edition's entry", async () => {
          const pillars = await cms.adminRequest(
            'GET',
            '/content-manager/collection-types/api::activity-pillar.activity-pillar?locale=ja&filters[edition][$eq]=2021',
            jwt,
          );
          const pillar = pillars.body.results[0];
          const linked = await cms.adminRequest('PUT', `${initiatives}/${nextInitiative}?locale=ja`, jwt, {
            pillars: { connect: [{ documentId: pillar.documentId, locale: 'ja' }] },
          });
          expect(linked.status, JSON.stringify(linked.body)).toBe(200);
          const published = await act(initiatives, nextInitiative, 'publish');
          expect(published.status).toBe(400);
          expect(message(published)).toMatch(
            new RegExp(`links "${pillar.slug}" of fiscal 2021, not of this entry's edition \\(fiscal 2022\\)`, 'u'),
          );
        });
      });
    });

    validationSuite(cms);
    securitySuite(cms);
  });
}
