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

  it('refuses a weak ADMIN_PASSWORD with a clear error, creating nothing', async () => {
    cms = new TestCms(sqliteDatabase);
    await expect(cms.start({ ADMIN_PASSWORD: 'password', SEED_ON_START: 'false' })).rejects.toThrow(
      /ADMIN_PASSWORD must contain an uppercase letter/u,
    );
  });
});
