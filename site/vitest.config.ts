import { fileURLToPath } from 'node:url';
import { getViteConfig } from 'astro/config';

// Astro's Vite config, so that component tests can render .astro files (AstroContainer) and
// astro:i18n resolves as it does in the build. The root is this package, whoever runs the tests.
export default getViteConfig(
  {
    test: {
      name: 'site',
      include: ['__tests__/**/*.test.ts'],
      // The shared, seeded CMS and the site built from it, for the files that only read them.
      globalSetup: ['../cms/__tests__/shared/global-setup.ts'],
      fileParallelism: false,
      testTimeout: 240_000,
      hookTimeout: 240_000,
    },
  },
  { root: fileURLToPath(new URL('.', import.meta.url)) },
);
