import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { heaviestFirst } from '../../vitest.sequencer.ts';

const root = path.resolve(import.meta.dirname, '../..');
const workflow = parse(readFileSync(path.join(root, '.github/workflows/publish.yml'), 'utf8'));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const steps: { run?: string; uses?: string; env?: Record<string, string>; with?: Record<string, string> }[] =
  workflow.jobs.build.steps;

describe('the publish workflow', () => {
  it('runs on a CMS publish, by hand and on a push to main', () => {
    expect(workflow.on.repository_dispatch.types).toEqual(['cms-publish']);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    expect(workflow.on.push.branches).toEqual(['main']);
  });

  it('lets a newer publish replace an older queued one, one at a time', () => {
    expect(workflow.concurrency).toEqual({ group: 'publish-site', 'cancel-in-progress': false });
  });

  it("builds with the README's build command against the production CMS, from secrets", () => {
    const build = steps.find((step) => step.run?.includes('pnpm --filter @tcci/site build'));
    expect(build?.env).toMatchObject({
      CMS_URL: '${{ secrets.CMS_URL }}',
      STRAPI_TOKEN: '${{ secrets.STRAPI_TOKEN }}',
    });
    expect(readme).toContain('pnpm --filter @tcci/site build');
    expect(steps.some((step) => step.run === 'pnpm install --frozen-lockfile')).toBe(true);
  });

  it('builds the public site: its public address required, and the whole plan as PDF, with Japanese fonts', () => {
    const build = steps.find((step) => step.run?.includes('pnpm --filter @tcci/site build'));
    expect(build?.env).toMatchObject({ SITE_URL: '${{ vars.SITE_URL }}', SITE_HOSTED: 'true', SITE_PDF: '1' });
    const fonts = steps.findIndex((step) => step.run?.includes('apt-get install -y fonts-noto-cjk'));
    expect(fonts).toBeGreaterThan(-1);
    expect(fonts).toBeLessThan(steps.indexOf(build!));
  });

  it('keeps the link-preview pictures and the search’s compressed files between runs, restored before the build', () => {
    const cache = steps.findIndex((step) => step.uses?.startsWith('actions/cache@'));
    expect(steps[cache]?.with?.path?.trim().split('\n')).toEqual(['site/.tmp/og-cache', 'site/.tmp/search-cache']);
    expect(cache).toBeLessThan(steps.findIndex((step) => step.run?.includes('pnpm --filter @tcci/site build')));
  });

  it('installs the pnpm the workspace pins and the Node it supports', () => {
    const pinned = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
    expect(steps.some((step) => step.run === `npm install -g pnpm@${pinned}`)).toBe(true);
    expect(steps.find((step) => step.uses?.startsWith('actions/setup-node'))?.with?.['node-version']).toBe(20);
  });

  it('deploys site/dist to GitHub Pages after the build', () => {
    expect(steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact'))?.with?.path).toBe('site/dist');
    expect(workflow.jobs.deploy.needs).toBe('build');
    expect(workflow.jobs.deploy.steps[0].uses).toMatch(/^actions\/deploy-pages@/u);
    expect(workflow.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
  });
});

describe('the CI workflow', () => {
  const ci = parse(readFileSync(path.join(root, '.github/workflows/ci.yml'), 'utf8'));
  const ciRun = readFileSync(path.join(root, '.ci/run'), 'utf8');
  const job = ci.jobs.test;

  it('runs on every push and every pull request', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.on.push).toBeNull();
    expect(ci.on.pull_request).toBeNull();
  });

  it('runs .ci/run, which installs the test prerequisites and runs the README test command', () => {
    expect(job.steps.map((step: { run?: string }) => step.run).filter(Boolean)).toEqual(['bash .ci/run']);
    // Each command runs as is, or through the script's `step`, which times it.
    const commands = ciRun.split('\n').map((line) => line.replace(/^step /u, ''));
    expect(commands).toContain('pnpm test:prerequisites');
    const testLine = /## Test it\n\n```sh\n(.+)\n```/u.exec(readme)?.[1];
    expect(testLine).toBeDefined();
    expect(commands).toContain(testLine);
    const rootScripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;
    expect(rootScripts.test).toMatch(/^pnpm test:prerequisites && /u);
  });

  it('has a PostgreSQL beside it, which the suite must reach', () => {
    expect(job.services.postgres.image).toMatch(/^postgres:15/u);
    expect(job.env.TEST_POSTGRES_URL).toBe('postgres://postgres@postgres:5432/postgres');
    expect(ciRun).toContain('export REQUIRE_POSTGRES=1');
  });
});

describe('the order the suite runs its files in', () => {
  it('names test files that exist, each once', () => {
    for (const file of heaviestFirst) expect(existsSync(path.join(root, file)), file).toBe(true);
    expect(new Set(heaviestFirst).size).toBe(heaviestFirst.length);
  });
});
