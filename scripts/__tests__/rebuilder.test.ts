import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  changesPublicSite,
  createRebuildHandler,
  createStaticHandler,
  maxBodyBytes,
  secretMatches,
} from '../rebuild/http.ts';
import { githubDispatcher, githubRunReader } from '../rebuild/builders.ts';
import { Rebuilder, type RebuilderStatus } from '../rebuild/rebuilder.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'rebuild-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A build that writes a small site after `delayMs`, counting builds and how many ran at once. */
function fakeBuild(options: { delayMs?: number; fail?: () => boolean } = {}) {
  const stats = { builds: 0, running: 0, maxRunning: 0 };
  // Like the site build, it creates the folder it is given.
  const build = async (dir: string, info: { id: string }) => {
    mkdirSync(dir, { recursive: true });
    stats.builds += 1;
    stats.running += 1;
    stats.maxRunning = Math.max(stats.maxRunning, stats.running);
    try {
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 20));
      if (options.fail?.()) throw new Error('The CMS at http://127.0.0.1:1 cannot be reached (ECONNREFUSED).');
      writeFileSync(path.join(dir, 'index.html'), `<p>${info.id}</p>`, { flag: 'wx' });
      writeFileSync(path.join(dir, '404.html'), '<p>ページが見つかりません</p>');
      mkdirSync(path.join(dir, 'en', '404'), { recursive: true });
      writeFileSync(path.join(dir, 'en', '404', 'index.html'), '<p>Page not found</p>');
    } finally {
      stats.running -= 1;
    }
  };
  return { build, stats };
}

const quiet = () => {};

describe('Rebuilder', () => {
  it('coalesces a burst of 50 requests into at most 2 builds, never two at once', async () => {
    const { build, stats } = fakeBuild({ delayMs: 50 });
    const rebuilder = new Rebuilder({ build, root, log: quiet });
    for (let i = 0; i < 50; i += 1) rebuilder.request(`event ${i}`);
    await rebuilder.idle();
    expect(stats.builds).toBeGreaterThanOrEqual(1);
    expect(stats.builds).toBeLessThanOrEqual(2);
    expect(stats.maxRunning).toBe(1);
    expect(rebuilder.status().counts).toMatchObject({ requested: 50, failed: 0 });
  });

  it('builds once more after a build when events arrive during it', async () => {
    const { build, stats } = fakeBuild({ delayMs: 50 });
    const rebuilder = new Rebuilder({ build, root, log: quiet });
    rebuilder.request('first');
    await new Promise((resolve) => setTimeout(resolve, 10));
    for (let i = 0; i < 10; i += 1) rebuilder.request(`during ${i}`);
    await rebuilder.idle();
    expect(stats.builds).toBe(2);
  });

  it('waits for a burst to pause, then builds once for all of it', async () => {
    const { build, stats } = fakeBuild();
    const rebuilder = new Rebuilder({ build, root, settleMs: 200, log: quiet });
    // A publish in Japanese, then in English a moment later: one build, covering both.
    rebuilder.request('entry.publish ja');
    await new Promise((resolve) => setTimeout(resolve, 120));
    rebuilder.request('entry.publish en');
    expect(stats.builds).toBe(0);
    await rebuilder.idle();
    expect(stats.builds).toBe(1);
    expect(rebuilder.status().lastResult).toMatchObject({ result: 'success' });
    expect(rebuilder.status().counts).toMatchObject({ builds: 1, requested: 2, coalesced: 1 });
  });

  it('does not wait for ever when the events never pause', async () => {
    const { build, stats } = fakeBuild();
    const rebuilder = new Rebuilder({ build, root, settleMs: 50, log: quiet });
    rebuilder.request('event 0');
    // An event every 20 ms for 1.5 s: the first build starts after at most 500 ms of them.
    for (let i = 1; i <= 75; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      rebuilder.request(`event ${i}`);
    }
    expect(stats.builds).toBeGreaterThanOrEqual(1);
    await rebuilder.idle();
    expect(rebuilder.status().counts).toMatchObject({ requested: 76, failed: 0 });
  });

  it('swaps the new release in only when it is complete, and keeps few old ones', async () => {
    const { build } = fakeBuild();
    const rebuilder = new Rebuilder({ build, root, keep: 1, log: quiet });
    for (let i = 0; i < 4; i += 1) {
      rebuilder.request(`build ${i}`);
      await rebuilder.idle();
      const current = rebuilder.currentDir()!;
      expect(readFileSync(path.join(current, 'index.html'), 'utf8')).toContain(rebuilder.status().current!.id);
    }
    expect(readdirSync(path.join(root, 'releases'))).toHaveLength(2);
  });

  it('keeps the last good site and reports the error when a build fails', async () => {
    let failing = false;
    const { build } = fakeBuild({ fail: () => failing });
    const rebuilder = new Rebuilder({ build, root, log: quiet });
    rebuilder.request('good');
    await rebuilder.idle();
    const good = rebuilder.currentDir();
    failing = true;
    rebuilder.request('bad');
    await rebuilder.idle();
    expect(rebuilder.currentDir()).toBe(good);
    const status = rebuilder.status();
    expect(status.lastResult).toMatchObject({ result: 'failure', error: expect.stringContaining('cannot be reached') });
    expect(status.lastError?.message).toContain('cannot be reached');
    // The kind the admin tells editors in their language.
    expect(status.lastResult?.failure).toBe('cms-unreachable');
    expect(status.mode).toBe('local');
    expect(status.current?.id).toBe(path.basename(good!));
    expect(readdirSync(path.join(root, 'releases'))).toHaveLength(1);
  });
});

describe('the rebuild service over HTTP', () => {
  let server: Server;
  let url = '';
  let rebuilder: Rebuilder;
  let stats: { builds: number };
  const secret = 'a-shared-secret';

  beforeEach(async () => {
    const fake = fakeBuild();
    stats = fake.stats;
    rebuilder = new Rebuilder({ build: fake.build, root, log: quiet });
    server = createServer(createRebuildHandler({ secret, site: rebuilder }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (body: string, headers: Record<string, string> = { authorization: `Bearer ${secret}` }) =>
    fetch(`${url}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(10_000),
    });
  const publish = JSON.stringify({
    event: 'entry.publish',
    uid: 'api::initiative.initiative',
    entry: { publishedAt: '2026-01-01' },
  });

  it('refuses a wrong or missing secret with 401 and builds nothing', async () => {
    expect((await post(publish, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await post(publish, {})).status).toBe(401);
    expect((await post(publish, { authorization: secret })).status).toBe(401);
    await rebuilder.idle();
    expect(stats.builds).toBe(0);
  });

  it('answers 400 to a body that is not JSON and 413 to one that is too large', async () => {
    expect((await post('{not json')).status).toBe(400);
    expect((await post('{"no":"event"}')).status).toBe(400);
    expect((await post(`{"event":"entry.publish","x":"${'x'.repeat(maxBodyBytes)}"}`)).status).toBe(413);
    await rebuilder.idle();
    expect(stats.builds).toBe(0);
  });

  it('rebuilds on publish, and reports it in /status', async () => {
    const response = await post(publish);
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ accepted: 'entry.publish', rebuild: true });
    await rebuilder.idle();
    expect(stats.builds).toBe(1);
    const status = (await (await fetch(`${url}/status`)).json()) as { site: RebuilderStatus };
    expect(status.site).toMatchObject({ running: null, queued: 0, lastResult: { result: 'success' }, lastError: null });
    expect(status.site.current?.id).toBe(status.site.lastResult?.id);
  });

  it('does not rebuild the public site for a saved draft', async () => {
    const response = await post(JSON.stringify({ event: 'entry.update', entry: { publishedAt: null } }));
    expect(await response.json()).toMatchObject({ rebuild: false });
    await rebuilder.idle();
    expect(stats.builds).toBe(0);
  });

  it('serves the current release, its 404 page, and 503 before the first build', async () => {
    const site = createServer(createStaticHandler(rebuilder));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const siteUrl = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
    try {
      expect((await fetch(`${siteUrl}/`)).status).toBe(503);
      rebuilder.request('first');
      await rebuilder.idle();
      const page = await fetch(`${siteUrl}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(rebuilder.status().current!.id);
      const missing = await fetch(`${siteUrl}/nowhere/`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('ページが見つかりません');
      // Under a locale's prefix, that locale's 404 page.
      const missingInEnglish = await fetch(`${siteUrl}/en/nowhere/`);
      expect(missingInEnglish.status).toBe(404);
      expect(await missingInEnglish.text()).toContain('Page not found');
    } finally {
      await new Promise<void>((resolve) => site.close(() => resolve()));
    }
  });
});

describe('helpers', () => {
  it('compare secrets exactly', () => {
    expect(secretMatches('abc', 'abc')).toBe(true);
    expect(secretMatches('abd', 'abc')).toBe(false);
    expect(secretMatches('abcd', 'abc')).toBe(false);
    expect(secretMatches(undefined, 'abc')).toBe(false);
    expect(secretMatches('', '')).toBe(false);
  });

  it('tell which events change the public site', () => {
    expect(changesPublicSite({ event: 'entry.publish' })).toBe(true);
    expect(changesPublicSite({ event: 'entry.unpublish' })).toBe(true);
    expect(changesPublicSite({ event: 'entry.delete' })).toBe(true);
    expect(changesPublicSite({ event: 'entry.update', entry: { publishedAt: '2026-01-01' } })).toBe(true);
    expect(changesPublicSite({ event: 'entry.update', entry: { publishedAt: null } })).toBe(false);
    expect(changesPublicSite({ event: 'entry.create' })).toBe(false);
    expect(changesPublicSite({ event: 'entry.draft-discard', entry: { publishedAt: null } })).toBe(false);
    expect(changesPublicSite({ event: 'media.create' })).toBe(false);
  });
});

describe('REBUILD_MODE=github', () => {
  it('sends a repository_dispatch of type cms-publish, and reports a refusal', async () => {
    const received: { url?: string; auth?: string; body?: any }[] = [];
    const runsAsked: string[] = [];
    const runs: { status: number; list: Record<string, unknown>[] } = { status: 200, list: [] };
    let answer = 204;
    const api = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (req.method === 'GET') {
          // The publish workflow's runs: the latest, as GitHub's API lists it.
          runsAsked.push(req.url ?? '');
          res.writeHead(runs.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ workflow_runs: runs.list }));
          return;
        }
        received.push({ url: req.url, auth: req.headers.authorization, body: JSON.parse(body) });
        res.writeHead(answer);
        res.end(answer === 204 ? '' : '{"message":"Bad credentials"}');
      });
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const apiUrl = `http://127.0.0.1:${(api.address() as { port: number }).port}`;
    try {
      const dispatch = githubDispatcher({ repository: 'tcci/plan', token: 't0ken', apiUrl });
      const rebuilder = new Rebuilder({ build: dispatch, handsOff: true, log: quiet });
      rebuilder.request('entry.publish api::branch.branch');
      await rebuilder.idle();
      expect(received).toEqual([
        {
          url: '/repos/tcci/plan/dispatches',
          auth: 'Bearer t0ken',
          body: {
            event_type: 'cms-publish',
            client_payload: { id: expect.any(String), reasons: ['entry.publish api::branch.branch'] },
          },
        },
      ]);
      expect(rebuilder.status()).toMatchObject({ mode: 'ci', lastResult: { result: 'success' } });
      answer = 401;
      rebuilder.request('again');
      await rebuilder.idle();
      expect(rebuilder.status().lastError?.message).toMatch(/^GitHub refused the dispatch \(HTTP 401\)/u);

      // What the CI's latest run says, for the admin's "Is it live?".
      const reader = new Rebuilder({
        build: dispatch,
        handsOff: true,
        ciRun: githubRunReader({ repository: 'tcci/plan', token: 't0ken', apiUrl }),
        ciCheckMs: 0,
        log: quiet,
      });
      await reader.refreshCi();
      expect(reader.status().ci).toEqual({ run: null });
      runs.list = [
        {
          status: 'completed',
          conclusion: 'failure',
          run_started_at: '2026-12-04T01:00:00Z',
          updated_at: '2026-12-04T01:02:00Z',
          html_url: 'https://github.com/tcci/plan/actions/runs/1',
        },
      ];
      await reader.refreshCi();
      expect(reader.status().ci).toEqual({
        run: {
          status: 'completed',
          conclusion: 'failure',
          startedAt: '2026-12-04T01:00:00Z',
          updatedAt: '2026-12-04T01:02:00Z',
          url: 'https://github.com/tcci/plan/actions/runs/1',
        },
      });
      expect(runsAsked.at(-1)).toBe('/repos/tcci/plan/actions/workflows/publish.yml/runs?per_page=1');
      // GitHub unreachable or refusing: the last run known stays, with the reason.
      runs.status = 503;
      await reader.refreshCi();
      expect(reader.status().ci).toMatchObject({
        run: { conclusion: 'failure' },
        error: "GitHub answered HTTP 503 for the publish workflow's runs.",
      });
    } finally {
      await new Promise<void>((resolve) => api.close(() => resolve()));
    }
    expect(() => githubDispatcher({ repository: 'not a repo', token: 'x' })).toThrow(
      'GITHUB_REPOSITORY must be "owner/name"',
    );
  });
});
