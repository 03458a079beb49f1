// One ESLint config for the whole workspace: typescript-eslint's type-checked rules (each file
// against the tsconfig that covers it, found by the project service) and eslint-plugin-astro's
// for .astro files. ESLint loads this file with jiti.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.tmp/**',
      '**/.astro/**',
      'cms/types/generated/**',
      'cms/.strapi/**',
      // Strapi's admin panel customisation, compiled by Strapi's own bundler.
      'cms/src/admin/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...astro.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        // cms/tsconfig.json is Strapi's compile config, which leaves out the package's vitest config.
        projectService: { allowDefaultProject: ['cms/vitest.config.mts'] },
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.astro'],
      },
    },
  },
  {
    // astro-eslint-parser finds the tsconfig itself (it has no project service).
    files: ['**/*.astro'],
    languageOptions: { parserOptions: { projectService: false, project: true } },
  },
  {
    files: ['**/*.ts', '**/*.astro'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests poke at raw YAML and JSON answers, whose shape is the point of the test.
    files: ['**/__tests__/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Fakes implement async interfaces (a builder, a request, a store) without awaiting anything.
      '@typescript-eslint/require-await': 'off',
      // Failure messages print whatever the CMS or a server answered, object or not.
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      // Test servers take async handlers; a handler that throws fails its test through the request.
      '@typescript-eslint/no-misused-promises': 'off',
    },
  },
);
