import { defineConfig } from 'vitest/config';
import { sourceConditions } from '../vitest.source.ts';

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    name: 'cms',
    include: ['__tests__/**/*.test.ts'],
    globalSetup: ['__tests__/global-setup.ts', '__tests__/shared/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
  },
});
