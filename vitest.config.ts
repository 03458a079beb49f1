import { defineConfig } from 'vitest/config';
import { HeaviestFirst } from './vitest.sequencer.ts';

// Every package keeps its own vitest config; the root runs them all as projects, with one summary.
// In CI a JSON report is written too, from which .ci/run prints the closing count.
export default defineConfig({
  test: {
    projects: ['schemas', 'seeds', 'cms', 'site', 'scripts'],
    // Two files at a time, across the projects: the machines have two cores, and the files that start
    // Strapi, build the site or drive Chromium spend much of their time waiting on those processes.
    // Every such file uses its own ports, folders and databases (or the shared CMS, read only).
    maxWorkers: 2,
    sequence: { sequencer: HeaviestFirst },
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.tmp/test-results.json' }]] : ['default'],
  },
});
