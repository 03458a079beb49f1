import { describe, it } from 'vitest';
import { cmsSuite } from './cms-suite.ts';
import { postgresAdminUrl, postgresDatabase, postgresReachable } from './harness.ts';

// The same suite on PostgreSQL, in a database created for it. CI sets REQUIRE_POSTGRES=1, so there an
// unreachable server fails the run instead of skipping the suite.
const reachable = await postgresReachable();

if (reachable) {
  cmsSuite('the CMS on PostgreSQL', () => postgresDatabase());
} else if (process.env.REQUIRE_POSTGRES === '1') {
  describe('the CMS on PostgreSQL', () => {
    it('needs a PostgreSQL server', () => {
      throw new Error(`No PostgreSQL server answers at ${postgresAdminUrl} (set TEST_POSTGRES_URL).`);
    });
  });
} else {
  describe.skip(`the CMS on PostgreSQL (no server at ${postgresAdminUrl})`, () => {
    it('runs when a PostgreSQL server is reachable', () => {});
  });
}
