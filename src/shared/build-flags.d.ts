// Replaced at build time by vite.config.ts `define`.
declare const __CACHE_LENS_BROWSER__: 'chrome' | 'firefox';
declare const __CACHE_LENS_E2E__: boolean;
