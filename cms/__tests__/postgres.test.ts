import { cmsSuite } from './cms-suite.ts';
import { postgresDatabase } from './harness.ts';
import { postgresSkipReason } from './postgres-required.ts';

// The same suite on PostgreSQL, in a database created for it. Without a server its tests are reported
// as skipped, with the reason; with REQUIRE_POSTGRES=1 (CI) this file fails instead.
cmsSuite('the CMS on PostgreSQL', () => postgresDatabase(), await postgresSkipReason());
