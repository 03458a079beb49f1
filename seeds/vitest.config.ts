import { defineConfig } from 'vitest/config';
import { sourceConditions } from '../vitest.source.ts';

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: { name: 'seeds', include: ['__tests__/**/*.test.ts'] },
});
