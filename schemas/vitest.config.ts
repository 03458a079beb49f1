import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'schemas', include: ['__tests__/**/*.test.ts'] },
});
