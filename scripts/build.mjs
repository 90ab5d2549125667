#!/usr/bin/env node
/**
 * Builds dist/chrome and dist/firefox from the one source (vite + crxjs, browser picked by CACHE_LENS_BROWSER).
 *   node scripts/build.mjs              -> dist/chrome, dist/firefox
 *   node scripts/build.mjs --e2e        -> also dist/chrome-e2e, dist/firefox-e2e (test-only hooks compiled in)
 *   node scripts/build.mjs --only firefox
 *   node scripts/build.mjs --only npm   -> only dist/npm: the cache-lens command, library and classic script (src/cli/build.mjs)
 */
import { build } from 'vite';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const withE2e = args.includes('--e2e') || process.env.CACHE_LENS_E2E === '1';
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? args[onlyIdx + 1] : null;
const quiet = args.includes('--quiet');

const targets = [];
for (const browser of ['chrome', 'firefox']) {
  if (only && only !== browser) continue;
  targets.push({ browser, e2e: false });
  if (withE2e) targets.push({ browser, e2e: true });
}

/** Guards the promises the manifest makes (no content scripts, no WAR, no externally_connectable). */
function checkManifest(dir) {
  const file = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  for (const key of ['content_scripts', 'web_accessible_resources', 'externally_connectable']) {
    if (key in manifest) {
      const value = manifest[key];
      if (Array.isArray(value) && value.length === 0) delete manifest[key];
      else throw new Error(`${file}: unexpected ${key}`);
    }
  }
  // Stores refuse a package whose icons are missing.
  for (const icon of Object.values(manifest.icons ?? {})) {
    if (!existsSync(join(dir, icon))) throw new Error(`${file}: icon ${icon} is not in the build`);
  }
  writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

// The config imports manifest.config.ts, which Vite's future native config loader cannot do; the bundled loader can.
process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';

for (const { browser, e2e } of targets) {
  const started = Date.now();
  process.env.CACHE_LENS_BROWSER = browser;
  process.env.CACHE_LENS_E2E = e2e ? '1' : '0';
  const outDir = `dist/${e2e ? `${browser}-e2e` : browser}`;
  process.env.CACHE_LENS_OUT_DIR = outDir;
  await build({ configFile: 'vite.config.ts', logLevel: quiet ? 'warn' : 'info', mode: 'production' });
  if (!existsSync(join(outDir, 'manifest.json'))) throw new Error(`${outDir}: no manifest.json`);
  checkManifest(outDir);
  console.log(`built ${outDir} in ${Date.now() - started} ms`);
}

// The npm package (cache-lens bin, library, classic script): src/cli/build.mjs.
if (!only || only === 'npm') await (await import('../src/cli/build.mjs')).buildNpm({ quiet });
