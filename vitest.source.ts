/**
 * Resolve conditions for every vitest project: the workspace packages' `source` export (their
 * TypeScript) first, so no test depends on an earlier `build:lib`, then Vite's defaults for code
 * that runs in Node (which a custom list replaces rather than extends since Vite 6).
 */
export const sourceConditions = ['source', 'module', 'node', 'development|production'];
