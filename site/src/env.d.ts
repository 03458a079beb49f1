/// <reference types="astro/client" />

// For tsc (the Astro language server knows .astro files itself): an .astro import is a component.
declare module '*.astro' {
  import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
  const Component: AstroComponentFactory;
  export default Component;
}
