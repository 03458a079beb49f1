import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@tcci/cms/process';
import { eventually, TestCms } from '../../cms/__tests__/harness.ts';
import { seededSqliteDatabase } from '../../cms/__tests__/shared/shared.ts';
import { startServices } from '../rebuild/services.ts';

describe('the rebuild service with a real CMS', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'recovery-'));
  // A CMS of its own (it is stopped and started again), on a copy of the seeded database.
  const cms = new TestCms(seededSqliteDatabase);
  const secret = randomBytes(24).toString('hex');
  let services: Awaited<ReturnType<typeof startServices>>;
  let cmsEnv: Record<string, string>;
  let rebuildUrl = '';
  const publishEvent = JSON.stringify({
    event: 'entry.publish',
    uid: 'api::initiative.initiative',
    entry: { publishedAt: '2026-01-01' },
  });
  const webhook = (authorization: string, body = publishEvent) =>
    fetch(`${rebuildUrl}webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body,
      signal: AbortSignal.timeout(30_000),
    });
  const page = async (url: string) => (await fetch(url, { signal: AbortSignal.timeout(10_000) })).text();

  beforeAll(async () => {
    const ports = { site: await freePort(), rebuild: await freePort() };
    cmsEnv = { REBUILD_WEBHOOK_URL: `http://127.0.0.1:${ports.rebuild}/webhook`, REBUILD_SECRET: secret };
    await cms.start(cmsEnv);
    services = await startServices({
      cmsUrl: cms.url,
      siteToken: cms.siteToken(),
      secret,
      ports,
      dirs: { site: path.join(dir, 'live'), preview: path.join(dir, 'preview') },
      log: () => {},
    });
    rebuildUrl = services.urls.rebuild;
    services.site.request('first');
    await services.site.idle();
    expect(services.site.status().lastResult, JSON.stringify(services.site.status())).toMatchObject({
      result: 'success',
    });
  });

  afterAll(async () => {
    await services?.close();
    await cms.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the built site readable by its owner only', () => {
    const release = services.site.currentDir()!;
    expect(statSync(path.join(dir, 'live')).mode & 0o777).toBe(0o700);
    expect(statSync(release).mode & 0o777).toBe(0o700);
    for (const entry of readdirSync(release, { recursive: true, withFileTypes: true })) {
      const mode = statSync(path.join(entry.parentPath, entry.name)).mode & 0o777;
      expect(mode & 0o077, path.join(entry.parentPath, entry.name)).toBe(0);
    }
  });

  it('builds at most twice for a burst of 50 webhook calls', async () => {
    const before = services.site.status().counts.builds;
    const responses = await Promise.all(Array.from({ length: 50 }, () => webhook(`Bearer ${secret}`)));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(202));
    await services.site.idle();
    const builds = services.site.status().counts.builds - before;
    expect(builds).toBeGreaterThanOrEqual(1);
    expect(builds).toBeLessThanOrEqual(2);
  });

  it('answers a wrong secret with 401 and builds nothing', async () => {
    const before = services.site.status().counts.builds;
    expect((await webhook('Bearer not-the-secret')).status).toBe(401);
    await services.site.idle();
    expect(services.site.status().counts.builds).toBe(before);
  });

  it('keeps serving the last good site when the CMS is down, reports the error, and recovers at the next publish', async () => {
    const site = services.urls.site!;
    const before = await page(`${site}initiatives/`);
    await cms.stop();
    expect((await webhook(`Bearer ${secret}`)).status).toBe(202);
    await services.site.idle();
    const status = (await (await fetch(`${rebuildUrl}status`)).json()) as any;
    expect(status.site.lastResult.result).toBe('failure');
    expect(status.site.lastError.message).toBe(`The CMS at ${cms.url} cannot be reached (ECONNREFUSED).`);
    expect(await page(`${site}initiatives/`)).toBe(before);

    await cms.start(cmsEnv);
    const jwt = await cms.adminToken();
    const uid = 'api::initiative.initiative';
    const found = await cms.adminRequest(
      'GET',
      `/content-manager/collection-types/${uid}?locale=ja&filters[slug][$eq]=rediscover-tokyo`,
      jwt,
    );
    const documentId = found.body.results[0].documentId;
    const text = `復旧テスト${randomBytes(3).toString('hex')}`;
    await cms.adminRequest('PUT', `/content-manager/collection-types/${uid}/${documentId}?locale=ja`, jwt, { text });
    await cms.adminRequest(
      'POST',
      `/content-manager/collection-types/${uid}/${documentId}/actions/publish?locale=ja`,
      jwt,
      {},
    );
    expect(await eventually(async () => (await page(`${site}initiatives/`)).includes(text), 120_000)).toBe(true);
    expect(services.site.status().lastResult?.result).toBe('success');
  });
});
