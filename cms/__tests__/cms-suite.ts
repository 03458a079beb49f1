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
import { loadSeeds, seedDir } from '@tcci/seeds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCms, type TestDatabase } from './harness.ts';
import { CommandRunner } from './command-runner.ts';
import { securitySuite } from './security-suite.ts';
import { validationSuite } from './validation-suite.ts';

const all = Object.entries(collections) as [CollectionKey, CollectionDef][];
const seeds = loadSeeds() as unknown as Record<CollectionKey, Record<string, unknown>[]>;

/** What the CMS should serve for a seed entry in one locale (public fields; absent optional fields left out). */
function expectedEntry(collection: CollectionDef, entry: Record<string, unknown>, locale: Locale) {
  const out: Record<string, unknown> = {};
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
      if (collection.kind === 'single') {
        const { body } = await cms.graphql(query, { locale }, token);
        expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
        return body.data.entry ? [body.data.entry] : [];
      }
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
        'mutation { updateAnnualPlan(data: { title: "x" }) { documentId } }',
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
        'mutation { updateAnnualPlan(data: { title: "x" }) { documentId } }',
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
        expect(layouts.list).toEqual(['order', 'text', 'column', 'category', 'isNew', 'slug']);
        expect(metadatas.isNew.edit).toMatchObject({
          label: '新 (new)',
          description: 'A new project this year (新規事業). Shared: the same in Japanese and English.',
        });
        expect(metadatas.text.edit).toMatchObject({
          label: 'Initiative',
          description: 'Per language: Japanese and English each have their own.',
        });
        const branches = await cms.adminRequest(
          'GET',
          '/content-manager/content-types/api::branch.branch/configuration',
          jwt,
        );
        expect(branches.body.data.contentType.layouts.list).toEqual(['order', 'name', 'slug']);
      });

      it('has an Editor role that creates, edits and publishes plan content and nothing else', async () => {
        const roles = await cms.adminRequest('GET', '/admin/roles', jwt);
        const editorRole = roles.body.data.find((role: { code: string }) => role.code === 'strapi-editor');
        const invited = await cms.adminRequest('POST', '/admin/users', jwt, {
          email: 'editor@example.com',
          firstname: 'Plan',
          lastname: 'Editor',
          roles: [editorRole.id],
        });
        expect(invited.status, JSON.stringify(invited.body)).toBe(201);
        const registered = await fetch(`${cms.url}/admin/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            registrationToken: invited.body.data.registrationToken,
            userInfo: { firstname: 'Plan', lastname: 'Editor', password: 'Editor-Passw0rd' },
          }),
          signal: AbortSignal.timeout(30_000),
        });
        const editor = ((await registered.json()) as { data: { token: string } }).data.token;
        const missions = '/content-manager/collection-types/api::mission.mission';

        const created = await cms.adminRequest('POST', `${missions}?locale=ja`, editor, {
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

        // Nothing else: no deleting, no users, roles, tokens, webhooks or locales.
        for (const [method, url] of [
          ['DELETE', `${missions}/${documentId}?locale=ja`],
          ['GET', '/admin/users'],
          ['GET', '/admin/roles'],
          ['GET', '/admin/api-tokens'],
          ['GET', '/admin/webhooks'],
          ['POST', '/i18n/locales'],
        ] as const) {
          const response = await cms.adminRequest(
            method,
            url,
            editor,
            method === 'POST' ? { code: 'fr', name: 'French' } : undefined,
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
          const file = path.join(dir, 'initiatives.yaml');
          writeFileSync(file, readFileSync(file, 'utf8').replace(/^ {2}column: covid$/mu, '  column: sidebar'));
          const { code, output } = await seeder.seed(['--reset'], { SEEDS_DIR: dir });
          expect(code, output).toBe(1);
          expect(output).toMatch(/seeds\/initiatives\.yaml: entry \d+ \(slug "[a-z0-9-]+"\), field "column": /u);
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
      });
    });

    validationSuite(cms);
    securitySuite(cms);
  });
}
