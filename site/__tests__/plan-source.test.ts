import { describe, expect, it } from 'vitest';
import { planSource, planSourceFor, PlanSourceError } from '../src/lib/plan-source.ts';

describe('the plan source', () => {
  it('is the CMS unless PLAN_SOURCE says seeds', () => {
    expect(planSource({})).toBe('cms');
    expect(planSource({ PLAN_SOURCE: 'cms' })).toBe('cms');
    expect(planSource({ PLAN_SOURCE: 'seeds' })).toBe('seeds');
    expect(() => planSource({ PLAN_SOURCE: 'yaml' })).toThrow('PLAN_SOURCE is "yaml"');
  });

  it('may be the seeds for astro check (sync) and dev', () => {
    expect(planSourceFor('sync', { PLAN_SOURCE: 'seeds' })).toBe('seeds');
    expect(planSourceFor('dev', { PLAN_SOURCE: 'seeds' })).toBe('seeds');
  });

  it('is never the seeds for a build, which stops with one sentence saying why', () => {
    expect(planSourceFor('build', {})).toBe('cms');
    expect(planSourceFor('build', { PLAN_SOURCE: 'cms' })).toBe('cms');
    const build = () => planSourceFor('build', { PLAN_SOURCE: 'seeds' });
    expect(build).toThrow(PlanSourceError);
    expect(build).toThrow(
      /^PLAN_SOURCE=seeds is for `astro check` and unit tests only: [^.]* unset PLAN_SOURCE to build\.$/u,
    );
  });
});
