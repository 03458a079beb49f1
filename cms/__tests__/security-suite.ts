import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestCms } from './harness.ts';
import { attempts, type Attempt } from './leak-attempts.ts';

const cm = '/content-manager/collection-types';

/** Counts the entries in an answer: objects that carry a slug or a document id. */
function entries(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + entries(item), 0);
  if (!value || typeof value !== 'object') return 0;
  const own = 'slug' in value || 'documentId' in value ? 1 : 0;
  return own + Object.values(value).reduce<number>((sum, item) => sum + entries(item), 0);
}

export interface AttemptResult {
  name: string;
  status: number;
  leaked: boolean;
  entries: number;
}

/**
 * The security suite of one CMS: canaries that are never published, and every attempt of the table
 * to read them with the site's read-only token. Runs inside the CMS suite, on its database.
 */
export function securitySuite(cms: TestCms) {
  describe('nothing unpublished leaves the CMS', () => {
    // The random middle part is what must never come back; the prefixes are used by oracle filters.
    const secret = randomBytes(6).toString('hex');
    const canary = (kind: string, locale: string) => `CANARY${kind}${secret}${locale}`;
    const ids: Record<string, string> = {};
    let jwt = '';
    let token = '';

    const request = async (method: string, url: string, body?: unknown) => {
      const result = await cms.adminRequest(method, url, jwt, body);
      expect(result.status, `${method} ${url}: ${JSON.stringify(result.body)}`).toBeLessThan(300);
      return result.body;
    };

    beforeAll(async () => {
      jwt = await cms.adminToken();
      token = cms.siteToken();
      // A draft-only initiative, in both locales.
      const initiatives = `${cm}/api::initiative.initiative`;
      const draft = await request('POST', `${initiatives}?locale=ja`, {
        edition: 2021,
        slug: 'canary-draft',
        order: 98,
        column: 'focus',
        category: 'memberServices',
        isNew: false,
        text: canary('D', 'ja'),
      });
      ids.draft = draft.data.documentId;
      await request('PUT', `${initiatives}/${ids.draft}?locale=en`, { text: canary('D', 'en') });
      // A draft-only vision area, and a published challenge whose unpublished edit links to it.
      const areas = `${cm}/api::vision-area.vision-area`;
      const area = await request('POST', `${areas}?locale=ja`, {
        edition: 2021,
        slug: 'canary-area',
        order: 9,
        title: canary('A', 'ja'),
      });
      ids.area = area.data.documentId;
      await request('PUT', `${areas}/${ids.area}?locale=en`, { title: canary('A', 'en') });
      const challenges = `${cm}/api::challenge.challenge`;
      const found = await request('GET', `${challenges}?locale=ja&filters[slug][$eq]=diverse-talent`);
      ids.edited = found.results[0].documentId;
      await request('PUT', `${challenges}/${ids.edited}?locale=ja`, {
        title: canary('E', 'ja'),
        area: { set: [{ documentId: ids.area, locale: 'ja' }] },
      });
      await request('PUT', `${challenges}/${ids.edited}?locale=en`, { title: canary('E', 'en') });
      // A mission published in Japanese whose English translation is saved but not published.
      const missions = `${cm}/api::mission.mission`;
      const mission = await request('POST', `${missions}?locale=ja`, {
        edition: 2021,
        slug: 'canary-mission',
        order: 9,
        title: 'カナリア',
      });
      ids.mission = mission.data.documentId;
      await request('POST', `${missions}/${ids.mission}/actions/publish?locale=ja`, {});
      await request('PUT', `${missions}/${ids.mission}?locale=en`, { title: canary('T', 'en') });
      // A draft edition (fiscal 2099's annual plan, never published) with an initiative published in both locales.
      const plans = `${cm}/api::annual-plan.annual-plan`;
      const plan = await request('POST', `${plans}?locale=ja`, { edition: 2099, title: canary('P', 'ja') });
      await request('PUT', `${plans}/${plan.data.documentId}?locale=en`, { title: canary('P', 'en') });
      const next = await request('POST', `${initiatives}?locale=ja`, {
        edition: 2099,
        slug: 'canary-draft',
        order: 1,
        column: 'focus',
        category: 'memberServices',
        isNew: false,
        text: canary('N', 'ja'),
      });
      ids.edition = next.data.documentId;
      await request('PUT', `${initiatives}/${ids.edition}?locale=en`, { text: canary('N', 'en') });
      for (const locale of ['ja', 'en'])
        await request('POST', `${initiatives}/${ids.edition}/actions/publish?locale=${locale}`, {});
    });

    const fill = (text: string) => text.replace(/\{(\w+)\}/gu, (_, name: string) => ids[name] ?? `{${name}}`);

    async function run(attempt: Attempt, bearer: string): Promise<AttemptResult> {
      const headers: Record<string, string> = { authorization: `Bearer ${bearer}` };
      let url: string;
      let init: RequestInit;
      if (attempt.graphql !== undefined && attempt.get) {
        const query = new URLSearchParams({ query: fill(attempt.graphql) });
        url = `${cms.url}${attempt.endpoint ?? '/graphql'}?${query}`;
        init = { method: 'GET', headers };
      } else if (attempt.graphql !== undefined) {
        url = `${cms.url}${attempt.endpoint ?? '/graphql'}`;
        init = {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ query: fill(attempt.graphql), variables: attempt.variables ?? {} }),
        };
      } else {
        url = `${cms.url}${fill(attempt.rest ?? attempt.endpoint ?? '/')}`;
        const body = attempt.body === undefined ? undefined : fill(JSON.stringify(attempt.body));
        init = {
          method: attempt.method ?? 'GET',
          headers: body ? { ...headers, 'content-type': 'application/json' } : headers,
          body,
        };
      }
      const response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
      const text = await response.text();
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: counted as no entries
      }
      const found = entries((parsed as { data?: unknown } | null)?.data ?? (Array.isArray(parsed) ? parsed : null));
      return {
        name: attempt.name,
        status: response.status,
        leaked: text.includes(secret) || (attempt.oracle === true && found > 0),
        entries: found,
      };
    }

    it(`returns no canary to the site's token through any of the ${attempts.length} attempts`, async () => {
      expect(attempts.length).toBeGreaterThanOrEqual(60);
      const results: AttemptResult[] = [];
      for (const attempt of attempts) results.push(await run(attempt, token));
      console.log(
        `Leak attempts with the read-only token (${results.length}):\n` +
          results.map((r) => `  ${r.leaked ? 'LEAK' : 'ok  '} ${r.status} ${r.name}`).join('\n'),
      );
      expect(results.filter((r) => r.leaked).map((r) => `${r.name} (HTTP ${r.status})`)).toEqual([]);
    });

    it('does serve the canaries to the editors and the preview token, so the attempts above are meaningful', async () => {
      const preview = cms.previewToken();
      const asPreview = await cms.graphql(
        `{ initiative(documentId: "${ids.draft}", locale: "en", status: DRAFT) { text } }`,
        {},
        preview,
      );
      expect(asPreview.body.data?.initiative).toEqual({ text: canary('D', 'en') });
      const edited = await cms.graphql(
        `{ challenge(documentId: "${ids.edited}", locale: "ja", status: DRAFT) { title area { title } } }`,
        {},
        preview,
      );
      expect(edited.body.data?.challenge).toEqual({ title: canary('E', 'ja'), area: { title: canary('A', 'ja') } });
      // The same queries with the site's token: the published versions.
      const published = await cms.graphql(
        `{ challenge(documentId: "${ids.edited}", locale: "ja") { title area { slug } } }`,
        {},
        token,
      );
      expect(published.body.data?.challenge?.title).not.toContain('CANARY');
      expect(published.body.data?.challenge?.area?.slug).not.toBe('canary-area');
      const missions = await cms.graphql('{ missions(locale: "ja") { slug } }', {}, token);
      expect(missions.body.data?.missions.map((m: { slug: string }) => m.slug)).toContain('canary-mission');
    });

    it("has exactly the site and preview tokens after its first start: none of Strapi's default ones", async () => {
      const list = await request('GET', '/admin/api-tokens');
      expect(list.data.map((t: { name: string }) => t.name).sort()).toEqual([
        'Site build (read-only)',
        'Site preview (drafts)',
      ]);
      expect(list.data.every((t: { type: string }) => t.type === 'read-only')).toBe(true);
    });

    it('grants CORS to its own origin only: never to a foreign origin or "null", with or without credentials', async () => {
      const cors = async (origin: string, path: string, method = 'OPTIONS') => {
        const response = await fetch(`${cms.url}${path}`, {
          method,
          headers: {
            origin,
            ...(method === 'OPTIONS'
              ? { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' }
              : {}),
          },
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        return {
          origin: response.headers.get('access-control-allow-origin'),
          credentials: response.headers.get('access-control-allow-credentials'),
        };
      };
      for (const origin of ['https://attacker.example', 'null', 'http://127.0.0.1:1', `${cms.url}.attacker.example`]) {
        for (const path of ['/admin/access-token', '/admin/login', '/graphql', '/api/initiatives']) {
          for (const method of ['OPTIONS', 'POST']) {
            expect(await cors(origin, path, method), `${method} ${path} from ${origin}`).toEqual({
              origin: null,
              credentials: null,
            });
          }
        }
      }
      expect(await cors(cms.url, '/admin/access-token')).toEqual({ origin: cms.url, credentials: 'true' });
    });

    it('refuses a query with too many aliases or too high a cost, saying which limit it broke', async () => {
      const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: initiatives { text }`).join(' ');
      const many = await cms.graphql(`{ ${aliases} }`, {}, token);
      expect(many.body.data ?? null).toBeNull();
      expect(many.body.errors?.[0]?.message).toMatch(/aliases/iu);
      const fields = 'slug order column category isNew text createdAt updatedAt publishedAt documentId';
      const wide = Array.from(
        { length: 8 },
        (_, i) =>
          `c${i}: branchClusters { ${fields.replace(/column category isNew text/u, 'name description')} branches { slug name focusItems { text } cluster { slug name branches { slug name } } } }`,
      ).join(' ');
      const costly = await cms.graphql(`{ ${wide} }`, {}, token);
      expect(costly.body.data ?? null).toBeNull();
      expect(JSON.stringify(costly.body.errors)).toMatch(/cost|depth|aliases/iu);
    });

    it('keeps its database, its write-ahead log and its token files readable by their owner only', () => {
      const database = cms.env.DATABASE_FILENAME; // PostgreSQL: no database file
      // SQLite runs in WAL mode: the log and its index hold the latest writes, drafts included.
      const sqliteFiles = database ? [database, `${database}-wal`, `${database}-shm`] : [];
      for (const file of [...sqliteFiles, cms.env.SITE_TOKEN_FILE!, cms.env.PREVIEW_TOKEN_FILE!]) {
        expect(existsSync(file), file).toBe(true);
        expect((statSync(file).mode & 0o777).toString(8), file).toBe('600');
      }
    });

    it('does not let a token an admin makes read drafts, even one named like the preview token', async () => {
      // An admin deletes the preview token and makes one of the same name: it is an ordinary token.
      const list = await request('GET', '/admin/api-tokens');
      const preview = list.data.find((t: { name: string }) => t.name === 'Site preview (drafts)');
      await request('DELETE', `/admin/api-tokens/${preview.id}`);
      const created = await request('POST', '/admin/api-tokens', {
        name: 'Site preview (drafts)',
        description: 'made by hand',
        type: 'read-only',
        lifespan: null,
      });
      const { body } = await cms.graphql('{ initiatives(status: DRAFT) { text } }', {}, created.data.accessKey);
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(body)).not.toContain(secret);
    });
  });
}
