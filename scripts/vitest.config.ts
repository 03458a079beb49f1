import { defineConfig } from 'vitest/config';
import { sourceConditions } from '../vitest.source.ts';

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    name: 'scripts',
    include: ['__tests__/**/*.test.ts'],
    globalSetup: ['../cms/__tests__/shared/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
