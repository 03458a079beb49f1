import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { runBuild } from '../../site/__tests__/run-build.ts';
import { freePort, localTokenFile, startCms, type RunningCms } from '../scripts/process.mts';
import { admin } from './harness.ts';
import { copySeededDatabase } from './shared/shared.ts';

// Local state follows its database: a CMS started as `pnpm start` and `pnpm build` start it (no token
// files named, not production) writes its tokens into files of its database's own, and the site build
// finds the key of its database there. So switching databases never breaks a local build, and a
// database's key is not overwritten by another's. Two Strapi boots: database A, then database B, each a
// copy of the seeded database (so neither start imports the seeds again).

const secret = () => randomBytes(24).toString('base64');
const secrets = {
  APP_KEYS: `${secret()},${secret()}`,
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  ENCRYPTION_KEY: secret(),
};
// Nothing of the machine's own CMS setup: the database and the token files come from the test alone.
const inherited = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) =>
      !/^(DATABASE_|ADMIN_|SEEDS_DIR|SITE_TOKEN_FILE|PREVIEW_TOKEN_FILE|SEED_ON_START|STRAPI_TOKEN|CMS_)/u.test(key),
  ),
);

describe('local state follows its database', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'local-state-'));
  const databases = { A: path.join(dir, 'a.db'), B: path.join(dir, 'b.db') };
  /** The environment of a local run on one database: the CMS's, and the build's beside it. */
  const local = (database: string): Record<string, string> => ({
    ...(inherited as Record<string, string>),
    ...secrets,
    NODE_ENV: 'development',
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: database,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    STRAPI_TELEMETRY_DISABLED: 'true',
    SITE_LOG_LEVEL: 'warn',
  });
  const tokenOf = (database: string) => localTokenFile('site', local(database));
  let cms: RunningCms | undefined;
  let port = 0;
  let keyOfA = '';

  afterAll(async () => {
    await cms?.stop();
    for (const database of Object.values(databases))
      rmSync(path.dirname(tokenOf(database)), { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives each database token files of its own, in the CMS app', () => {
    expect(tokenOf(databases.A)).not.toBe(tokenOf(databases.B));
    expect(path.dirname(tokenOf(databases.A))).toBe(path.dirname(localTokenFile('preview', local(databases.A))));
    expect(tokenOf(databases.A)).toMatch(/\/cms\/\.tmp\/tokens\/[0-9a-f]{12}\/site-token$/u);
    // A file named outright still wins.
    expect(localTokenFile('site', { ...local(databases.A), SITE_TOKEN_FILE: path.join(dir, 'named') })).toBe(
      path.join(dir, 'named'),
    );
  });

  it('builds the site from a local CMS on database A with the token it wrote', { timeout: 420_000 }, async () => {
    port = await freePort();
    for (const database of Object.values(databases)) await copySeededDatabase(database);
    cms = await startCms({ port, env: local(databases.A) });
    const running = cms;
    keyOfA = readFileSync(tokenOf(databases.A), 'utf8').trim();
    expect(keyOfA).toMatch(/^[0-9a-f]{64,}$/u);
    onTestFinished(() => running.stop());
    const { code, output } = await runBuild({
      ...local(databases.A),
      CMS_URL: cms.url,
      SITE_OUT_DIR: path.join(dir, 'a'),
    });
    expect(code, `${output}\n--- the CMS's log:\n${cms.log().slice(-3000)}`).toBe(0);
    expect(output).toContain(`from ${cms.url}`);
  });

  it('then from a local CMS on database B, leaving the key of A where A finds it', { timeout: 420_000 }, async () => {
    cms = await startCms({ port, env: local(databases.B) });
    const { code, output } = await runBuild({
      ...local(databases.B),
      CMS_URL: cms.url,
      SITE_OUT_DIR: path.join(dir, 'b'),
    });
    expect(code, `${output}\n--- the CMS's log:\n${cms.log().slice(-3000)}`).toBe(0);
    expect(output).toContain(`from ${cms.url}`);
    expect(readFileSync(tokenOf(databases.A), 'utf8').trim()).toBe(keyOfA);
    expect(readFileSync(tokenOf(databases.B), 'utf8').trim()).not.toBe(keyOfA);
  });

  it(
    'tells a local user what to do when the local CMS refuses the token of the build’s database',
    { timeout: 300_000 },
    async () => {
      // The CMS on B answers, the build is set for A: A's key is refused.
      const { code, output } = await runBuild({
        ...local(databases.A),
        CMS_URL: cms!.url,
        SITE_OUT_DIR: path.join(dir, 'x'),
      });
      expect(code).toBe(1);
      expect(output).toContain(`The local CMS at ${cms!.url} refused the API token in`);
      expect(output).toContain(`runs on another database than sqlite:${databases.A}`);
      expect(output).toMatch(/stop it and run pnpm build again/u);
      expect(output).not.toContain('check STRAPI_TOKEN');
    },
  );
});
