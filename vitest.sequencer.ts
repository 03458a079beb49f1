import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that start Strapi, build the site or drive Chromium, longest first (about 40 s to three
 * minutes each on a 2-core machine, as `pnpm test` prints them). Two run at a time: started first, the
 * long ones do not end the run with one worker busy alone while the other idles; the unit-test files
 * (a second or less each) fill the gaps.
 */
export const heaviestFirst = [
  'site/__tests__/editions.test.ts',
  'cms/__tests__/export.test.ts',
  'site/__tests__/accessibility.test.ts',
  'scripts/__tests__/stack.test.ts',
  'scripts/__tests__/recovery.test.ts',
  'cms/__tests__/local-state.test.ts',
  'site/__tests__/build.test.ts',
  'cms/__tests__/first-start.test.ts',
  'cms/__tests__/postgres.test.ts',
  'cms/__tests__/sqlite.test.ts',
  'site/__tests__/browser.test.ts',
  'site/__tests__/admin-edition.test.ts',
  'scripts/__tests__/security.test.ts',
];

/** Vitest's own order (failed first, then by duration or size), with the known heavy files ahead of it. */
export class HeaviestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const index = heaviestFirst.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
      return index === -1 ? heaviestFirst.length : index;
    };
    return (await super.sort(files)).toSorted((a, b) => rank(a) - rank(b));
  }
}
