import { createServer, type Server } from 'node:http';
import { collections } from '@tcci/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsRequest, fetchCollection, fetchNodes, PlanSourceError, type Request } from '../src/lib/source.ts';

/** A request function that serves `total` branches page by page, recording every query it is sent. */
function pagedBranches(
  total: number,
  options: { missingEnglish?: string[]; emptyName?: string; editions?: number[] } = {},
) {
  const sent: { query: string; variables: Record<string, unknown> }[] = [];
  const request: Request = async (query, variables) => {
    sent.push({ query, variables });
    const pageSize = Number(variables.pageSize);
    const page = Number(variables.page);
    const all = (options.editions ?? [2021])
      .flatMap((edition) =>
        Array.from({ length: total }, (_, i) => ({
          edition,
          slug: `ward-${i + 1}`,
          order: i + 1,
          name:
            variables.locale === 'en' && options.emptyName === `ward-${i + 1}` ? '' : `${variables.locale} ${i + 1}`,
          focusItems: [{ text: `${variables.locale} item ${i + 1}` }],
        })),
      )
      .filter((node) => !(variables.locale === 'en' && options.missingEnglish?.includes(node.slug)));
    return {
      page: {
        nodes: all.slice((page - 1) * pageSize, page * pageSize),
        pageInfo: { page, pageSize, pageCount: Math.ceil(all.length / pageSize), total: all.length },
      },
    };
  };
  return { request, sent };
}

describe('fetchNodes', () => {
  it('follows the pagination to the last entry', async () => {
    const { request, sent } = pagedBranches(250);
    const nodes = await fetchNodes(collections.branch, 'ja', request);
    expect(nodes).toHaveLength(250);
    expect(nodes.at(-1)?.slug).toBe('ward-250');
    expect(sent.map((s) => s.variables.page)).toEqual([1, 2, 3]);
  });

  it('never asks for drafts', async () => {
    const { request, sent } = pagedBranches(5);
    await fetchCollection('branch', request);
    expect(sent.length).toBeGreaterThan(0);
    for (const { query, variables } of sent) {
      expect(query).not.toMatch(/status|DRAFT/iu);
      expect(Object.keys(variables)).not.toContain('status');
    }
  });

  it('asks for drafts only for the preview', async () => {
    const { request, sent } = pagedBranches(5);
    await fetchCollection('branch', request, { drafts: true });
    expect(sent.length).toBeGreaterThan(0);
    for (const { query } of sent) expect(query).toContain('status: DRAFT');
  });

  it('fails when the CMS serves fewer entries than it counts', async () => {
    const request: Request = async () => ({ page: { nodes: [], pageInfo: { page: 1, pageCount: 1, total: 3 } } });
    await expect(fetchNodes(collections.branch, 'ja', request)).rejects.toThrow(
      'reported 3 branch entries but served 0',
    );
  });
});

describe('fetchCollection', () => {
  it('keeps apart the entries of two editions that share a slug, each locale matched in its edition', async () => {
    const records = await fetchCollection(
      'branch',
      pagedBranches(2, { editions: [2021, 2022], missingEnglish: ['ward-2'] }).request,
    );
    expect(records.map((r) => `${r.locale}:${r.entry.edition}:${r.entry.slug}:${r.untranslated.join(',')}`)).toEqual([
      'ja:2021:ward-1:',
      'ja:2021:ward-2:',
      'ja:2022:ward-1:',
      'ja:2022:ward-2:',
      'en:2021:ward-1:',
      'en:2021:ward-2:name,focusItems',
      'en:2022:ward-1:',
      'en:2022:ward-2:name,focusItems',
    ]);
  });

  it('parses every entry of every locale with the model', async () => {
    const records = await fetchCollection('branch', pagedBranches(3).request);
    expect(records.map((r) => `${r.locale}:${r.entry.name}`)).toEqual([
      'ja:ja 1',
      'ja:ja 2',
      'ja:ja 3',
      'en:en 1',
      'en:en 2',
      'en:en 3',
    ]);
    expect(records[3]?.entry.focusItems).toEqual(['en item 1']);
  });

  it('falls back to Japanese for a missing translation and says which fields', async () => {
    const records = await fetchCollection(
      'branch',
      pagedBranches(3, { missingEnglish: ['ward-2'], emptyName: 'ward-3' }).request,
    );
    const english = records.filter((r) => r.locale === 'en');
    expect(english.map((r) => [r.entry.name, r.untranslated])).toEqual([
      ['en 1', []],
      ['ja 2', ['name', 'focusItems']],
      ['ja 3', ['name']],
    ]);
  });

  it('names the collection, entry, locale and field of data that does not parse', async () => {
    const request: Request = async (_query, variables) => ({
      page: {
        nodes: [{ slug: 'koto', order: 'eighth', name: 'Koto', focusItems: [{ text: 'x' }] }],
        pageInfo: { page: variables.page, pageCount: 1, total: 1 },
      },
    });
    await expect(fetchCollection('branch', request)).rejects.toThrow(
      /^The CMS sent invalid data: branch "koto" \(ja\), field "order": /u,
    );
  });
});

describe('cmsRequest', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(req.headers.authorization === 'Bearer good' ? 500 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: null, error: { status: 401, message: 'Missing or invalid credentials' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('says the token was refused', async () => {
    const error = await cmsRequest(url, 'bad')('{ x }', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanSourceError);
    expect((error as Error).message).toBe(`The CMS at ${url} refused the API token (HTTP 401): check STRAPI_TOKEN.`);
  });

  it('says the CMS cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(cmsRequest(`http://127.0.0.1:${port}`, 'x')('{ x }', {})).rejects.toThrow(
      `The CMS at http://127.0.0.1:${port} cannot be reached (ECONNREFUSED).`,
    );
  });
});
