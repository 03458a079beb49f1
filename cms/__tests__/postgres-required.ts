import { postgresAdminUrl, postgresReachable } from './harness.ts';

/**
 * Why the PostgreSQL tests cannot run here, or undefined when a server answers at TEST_POSTGRES_URL.
 * With REQUIRE_POSTGRES=1 (CI sets it) an unreachable server is an error instead: the suite must not
 * pass by skipping there.
 */
export async function postgresSkipReason(): Promise<string | undefined> {
  if (await postgresReachable()) return undefined;
  const reason =
    `no PostgreSQL server answers at ${postgresAdminUrl}: start one (e.g. ` +
    '`pg_ctlcluster 15 main start`, or `docker run -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:15`) ' +
    'or point TEST_POSTGRES_URL at one';
  if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`REQUIRE_POSTGRES=1, but ${reason}.`);
  return reason;
}
