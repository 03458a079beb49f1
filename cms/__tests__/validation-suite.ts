import { beforeAll, describe, expect, it } from 'vitest';
import type { TestCms } from './harness.ts';

const cm = '/content-manager/collection-types';
const initiatives = `${cm}/api::initiative.initiative`;

/**
 * The CMS refuses what the site's model rejects, through the admin API an editor's browser uses, with
 * a message that names the field. Runs inside the CMS suite, on its database.
 */
export function validationSuite(cms: TestCms) {
  describe('the CMS refuses content the site cannot publish', () => {
    let jwt = '';
    const admin = (method: string, url: string, body?: unknown) => cms.adminRequest(method, url, jwt, body);

    beforeAll(async () => {
      jwt = await cms.adminToken();
    });

    const newInitiative = async (slug: string, text: string) => {
      const created = await admin('POST', `${initiatives}?locale=ja`, {
        edition: 2021,
        slug,
        order: 90,
        column: 'covid',
        category: 'memberServices',
        isNew: false,
        text,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.data.documentId as string;
    };

    it('refuses to publish whitespace-only Japanese text, naming the field, and the site never sees it', async () => {
      const documentId = await newInitiative('blank-text', '下書き');
      const saved = await admin('PUT', `${initiatives}/${documentId}?locale=ja`, { text: ' \u3000 ' });
      expect(saved.status).toBe(400);
      expect(saved.body.error.message).toMatch(/"Initiative" \(text\) must not be empty/u);
      // Saved empty (an incomplete draft is allowed), it still cannot be published.
      expect((await admin('PUT', `${initiatives}/${documentId}?locale=ja`, { text: '' })).status).toBe(200);
      const published = await admin('POST', `${initiatives}/${documentId}/actions/publish?locale=ja`, {});
      expect(published.status).toBe(400);
      expect(published.body.error.message).toMatch(
        /^Cannot publish Initiative \(ja\): "Initiative" \(text\) is missing/u,
      );
      const { body } = await cms.graphql(
        '{ initiatives(filters: { slug: { eq: "blank-text" } }) { slug } }',
        {},
        cms.siteToken(),
      );
      expect(body.data.initiatives).toEqual([]);
    });

    it('refuses to publish an English version that lacks a required field in that locale', async () => {
      const documentId = await newInitiative('english-missing', '日本語だけの取り組み');
      expect((await admin('POST', `${initiatives}/${documentId}/actions/publish?locale=ja`, {})).status).toBe(200);
      // The admin sends the shared fields with a new translation; the English text is left out.
      const english = await admin('PUT', `${initiatives}/${documentId}?locale=en`, {
        slug: 'english-missing',
        order: 90,
        column: 'covid',
        category: 'memberServices',
        isNew: false,
      });
      expect(english.status, JSON.stringify(english.body)).toBeLessThan(300);
      const published = await admin('POST', `${initiatives}/${documentId}/actions/publish?locale=en`, {});
      expect(published.status).toBe(400);
      expect(published.body.error.message).toMatch(
        /Cannot publish Initiative \(en\): "Initiative" \(text\) is missing/u,
      );
    });

    it('refuses to publish a link to an unpublished entry, and to unpublish an entry a published one needs', async () => {
      const areas = `${cm}/api::vision-area.vision-area`;
      const challenges = `${cm}/api::challenge.challenge`;
      const area = await admin('POST', `${areas}?locale=ja`, {
        edition: 2021,
        slug: 'unpublished-area',
        order: 8,
        title: '未公開の領域',
      });
      expect(area.status, JSON.stringify(area.body)).toBe(201);
      const challenge = await admin('POST', `${challenges}?locale=ja`, {
        edition: 2021,
        slug: 'linked-challenge',
        order: 11,
        title: '未公開の領域への挑戦',
        area: { set: [{ documentId: area.body.data.documentId, locale: 'ja' }] },
      });
      expect(challenge.status, JSON.stringify(challenge.body)).toBe(201);
      const documentId = challenge.body.data.documentId;
      const published = await admin('POST', `${challenges}/${documentId}/actions/publish?locale=ja`, {});
      expect(published.status).toBe(400);
      expect(published.body.error.message).toMatch(
        /"Vision area" \(area\) links "unpublished-area", which is not published in ja/u,
      );

      // A published challenge's area cannot be unpublished from under it.
      const linked = await cms.graphql(
        '{ challenges(locale: "ja", filters: { slug: { eq: "business-succession" } }) { area { documentId } } }',
        {},
        cms.siteToken(),
      );
      const areaId = linked.body.data.challenges[0].area.documentId as string;
      const unpublish = await admin('POST', `${areas}/${areaId}/actions/unpublish?locale=ja`, {});
      expect(unpublish.status).toBe(400);
      expect(unpublish.body.error.message).toMatch(/the published Challenge "[a-z-]+" links to it in "Vision area"/u);
      const { body } = await cms.graphql('{ visionAreas(locale: "ja") { slug } }', {}, cms.siteToken());
      expect(body.data.visionAreas).toHaveLength(4);
    });
  });
}
