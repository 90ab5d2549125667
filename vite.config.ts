import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import manifest, { type TargetBrowser } from './manifest.config';

// One source, two builds: CACHE_LENS_BROWSER=chrome|firefox (scripts/build.mjs sets it).
const browser = (process.env.CACHE_LENS_BROWSER === 'firefox' ? 'firefox' : 'chrome') as TargetBrowser;
// E2E builds compile in test-only triggers (see src/background/e2e.ts); never shipped.
const e2e = process.env.CACHE_LENS_E2E === '1';
const outDir = process.env.CACHE_LENS_OUT_DIR ?? `dist/${e2e ? `${browser}-e2e` : browser}`;

export default defineConfig({
  plugins: [preact(), crx({ manifest: manifest(browser), browser })],
  define: {
    __CACHE_LENS_BROWSER__: JSON.stringify(browser),
    __CACHE_LENS_E2E__: JSON.stringify(e2e),
  },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The engine chunk (public-suffix list, cookie purposes) is ~500 KB raw and is loaded lazily after the first
    // rows; the panel's initial JS stays ~30 KB gzipped (bench/panel.ts measures both).
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      // The panel is only referenced from devtools.panels.create(), not from the manifest, so name it here.
      input: { panel: 'src/panel/index.html' },
    },
  },
  server: { port: 5174, strictPort: true, hmr: { port: 5174 } },
});
