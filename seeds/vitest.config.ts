import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'seeds', include: ['__tests__/**/*.test.ts'] },
});
