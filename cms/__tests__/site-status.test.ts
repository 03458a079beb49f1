// What the admin's "Is it live?" makes of the rebuild service's /status: a local build's result, or
// in CI mode the CI's latest run, which builds and deploys the site.
import { describe, expect, it } from 'vitest';
import { readRebuildStatus, siteStatusUrl } from '../src/plan/site-status.ts';

describe('the site status the admin shows', () => {
  it('reads /status beside the webhook the CMS calls, unless SITE_STATUS_URL says where', () => {
    expect(siteStatusUrl({ REBUILD_WEBHOOK_URL: 'http://127.0.0.1:4322/webhook' })).toBe(
      'http://127.0.0.1:4322/status',
    );
    expect(siteStatusUrl({ REBUILD_WEBHOOK_URL: 'https://hooks.example.org/plan/webhook?x=1' })).toBe(
      'https://hooks.example.org/plan/status',
    );
    expect(siteStatusUrl({ SITE_STATUS_URL: 'https://status.example.org/status' })).toBe(
      'https://status.example.org/status',
    );
    expect(siteStatusUrl({})).toBeUndefined();
  });

  it('tells a local build’s failure by its kind, and which build is online', () => {
    const status = readRebuildStatus({
      site: {
        mode: 'local',
        current: { id: 'a', startedAt: '2026-12-04T01:00:00.000Z', builtAt: '2026-12-04T01:00:09.000Z' },
        running: null,
        queued: 0,
        lastResult: {
          result: 'failure',
          finishedAt: '2026-12-04T02:00:00.000Z',
          failure: 'cms-unreachable',
          error: 'The CMS at http://127.0.0.1:1 cannot be reached (ECONNREFUSED).',
        },
      },
    });
    expect(status).toEqual({
      mode: 'local',
      queued: 0,
      building: undefined,
      last: {
        result: 'failure',
        finishedAt: '2026-12-04T02:00:00.000Z',
        failure: 'cms-unreachable',
        message: 'The CMS at http://127.0.0.1:1 cannot be reached (ECONNREFUSED).',
      },
      online: { startedAt: '2026-12-04T01:00:00.000Z', finishedAt: '2026-12-04T01:00:09.000Z' },
    });
  });

  it('in CI mode, takes the CI’s latest run for the last build: running, failed or deployed', () => {
    const ci = (run: Record<string, unknown>) =>
      readRebuildStatus({ site: { mode: 'ci', queued: 0, lastResult: { result: 'success' }, ci: { run } } });
    const run = {
      startedAt: '2026-12-04T01:00:00Z',
      updatedAt: '2026-12-04T01:02:00Z',
      url: 'https://github.com/tcci/plan/actions/runs/1',
    };
    expect(ci({ ...run, status: 'in_progress' })).toMatchObject({
      mode: 'ci',
      building: '2026-12-04T01:00:00Z',
      last: undefined,
      online: undefined,
    });
    expect(ci({ ...run, status: 'completed', conclusion: 'failure' })).toMatchObject({
      last: { result: 'failure', failure: 'build-error', message: 'The CI run ended: failure.' },
      online: undefined,
      ciRun: run.url,
    });
    expect(ci({ ...run, status: 'completed', conclusion: 'success' })).toMatchObject({
      last: { result: 'success', finishedAt: run.updatedAt },
      online: { startedAt: run.startedAt, finishedAt: run.updatedAt },
    });
  });
});
