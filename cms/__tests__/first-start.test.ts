import { afterEach, describe, expect, it } from 'vitest';
import { sqliteDatabase, TestCms } from './harness.ts';

describe('the first start', () => {
  let cms: TestCms | undefined;
  afterEach(async () => {
    await cms?.destroy();
    cms = undefined;
  });

  it("without ADMIN_EMAIL and ADMIN_PASSWORD creates no admin: the admin shows Strapi's registration page", async () => {
    cms = new TestCms(sqliteDatabase);
    await cms.start({ ADMIN_EMAIL: '', ADMIN_PASSWORD: '', SEED_ON_START: 'false' });
    const response = await fetch(`${cms.url}/admin/init`, { signal: AbortSignal.timeout(10_000) });
    expect(((await response.json()) as { data: { hasAdmin: boolean } }).data.hasAdmin).toBe(false);
  });

  it('registers the rebuild webhook with its secret for every entry event when REBUILD_WEBHOOK_URL is set', async () => {
    cms = new TestCms(sqliteDatabase);
    await cms.start({
      SEED_ON_START: 'false',
      REBUILD_WEBHOOK_URL: 'http://127.0.0.1:9/webhook',
      REBUILD_SECRET: 's3cret',
    });
    const { body } = await cms.adminRequest('GET', '/admin/webhooks', await cms.adminToken());
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({
      name: 'Rebuild the site',
      url: 'http://127.0.0.1:9/webhook',
      headers: { Authorization: 'Bearer s3cret' },
      isEnabled: true,
    });
    expect([...body.data[0].events].sort()).toEqual([
      'entry.create',
      'entry.delete',
      'entry.publish',
      'entry.unpublish',
      'entry.update',
    ]);
  });

  it('refuses REBUILD_WEBHOOK_URL without REBUILD_SECRET', async () => {
    cms = new TestCms(sqliteDatabase);
    // An empty value, so that a secret in a local cms/.env does not stand in.
    await expect(
      cms.start({ SEED_ON_START: 'false', REBUILD_WEBHOOK_URL: 'http://127.0.0.1:9/webhook', REBUILD_SECRET: '' }),
    ).rejects.toThrow(/REBUILD_WEBHOOK_URL is set but REBUILD_SECRET is not/u);
  });

  it('refuses a weak ADMIN_PASSWORD with a clear error, creating nothing', async () => {
    cms = new TestCms(sqliteDatabase);
    await expect(cms.start({ ADMIN_PASSWORD: 'password', SEED_ON_START: 'false' })).rejects.toThrow(
      /ADMIN_PASSWORD must contain an uppercase letter/u,
    );
  });
});
