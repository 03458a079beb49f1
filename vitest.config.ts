import { defineConfig } from 'vitest/config';

// Every package keeps its own vitest config; the root runs them all as projects, with one summary.
// In CI a JSON report is written too, from which .ci/run prints the closing count.
export default defineConfig({
  test: {
    projects: ['schemas', 'seeds', 'cms', 'site', 'scripts'],
    // The unit-test projects (schemas, seeds) run their files two at a time; the projects whose files
    // start Strapi, build the site or drive Chromium run theirs one at a time, after them (fileParallelism).
    maxWorkers: 2,
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.tmp/test-results.json' }]] : ['default'],
  },
});
