import { defineConfig } from 'vitest/config';

// Every package keeps its own vitest config; the root runs them all as projects, with one summary.
export default defineConfig({
  test: {
    projects: ['schemas', 'seeds', 'cms', 'site', 'scripts'],
  },
});
