import { defineConfig } from 'vitest/config';

// Every package keeps its own vitest config; the root runs them all as projects, with one summary.
// In CI a JSON report is written too, from which .ci/run prints the closing count.
export default defineConfig({
  test: {
    projects: ['schemas', 'seeds', 'cms', 'site', 'scripts'],
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.tmp/test-results.json' }]] : ['default'],
  },
});
