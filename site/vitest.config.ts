import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { getViteConfig } from 'astro/config';
import type { ViteUserConfig } from 'vitest/config';
import { sourceConditions } from '../vitest.source.ts';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

// Vitest's own Vite is newer than Astro's, whose config type does not know `test`: the settings are
// checked against vitest's type here, and handed to Astro as a value.
const config = {
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    name: 'site',
    include: ['__tests__/**/*.test.ts'],
    // The shared, seeded CMS and the site built from it, for the files that only read them.
    globalSetup: ['../cms/__tests__/shared/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
} satisfies ViteUserConfig;

// Node imports astro.config.ts, and with it @tcci/schemas from dist/: build it when its source is newer.
execFileSync(process.execPath, [tsc, '-b', fileURLToPath(new URL('../seeds/tsconfig.build.json', import.meta.url))], {
  stdio: 'inherit',
});

// Astro's Vite config, so that component tests can render .astro files (AstroContainer) and
// astro:i18n resolves as it does in the build. The root is this package, whoever runs the tests.
export default getViteConfig(config, { root: fileURLToPath(new URL('.', import.meta.url)) });
