#!/usr/bin/env node
/**
 * Store-ready zips of dist/chrome and dist/firefox (build first: npm run build), into artifacts/:
 *   artifacts/cache-lens-chrome-<version>.zip, artifacts/cache-lens-firefox-<version>.zip
 * Uses the system `zip` (Info-ZIP): files at the archive root, no directory entries, no extra attributes (-X),
 * as the Chrome Web Store and AMO expect. Then runs `web-ext lint` on the Firefox build unless --no-lint.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outDir = join(root, 'artifacts');
mkdirSync(outDir, { recursive: true });

if (spawnSync('zip', ['-v'], { stdio: 'ignore' }).status !== 0) {
  console.error('package: the `zip` command is missing (apt-get install zip)');
  process.exit(1);
}

for (const browser of ['chrome', 'firefox']) {
  const dist = join(root, 'dist', browser);
  if (!existsSync(join(dist, 'manifest.json'))) {
    console.error(`package: ${dist} is not built; run npm run build first`);
    process.exit(1);
  }
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
  if (manifest.version !== version) throw new Error(`${browser}: manifest version ${manifest.version} != package.json ${version}`);
  const zipFile = join(outDir, `cache-lens-${browser}-${version}.zip`);
  rmSync(zipFile, { force: true });
  execFileSync('zip', ['-r', '-X', '-D', '-q', zipFile, '.', '-x', '*.map', '.*'], { cwd: dist, stdio: 'inherit' });
  console.log(`packaged ${zipFile}`);
}

if (!process.argv.includes('--no-lint')) {
  const lint = spawnSync('npx', ['--no-install', 'web-ext', 'lint', '-s', join(root, 'dist/firefox'), '-o', 'json'], {
    cwd: root,
    encoding: 'utf8',
  });
  const report = JSON.parse(lint.stdout.slice(lint.stdout.indexOf('{')));
  console.log(
    `web-ext lint dist/firefox: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`,
  );
  for (const e of report.errors) console.log(`  error ${e.code}: ${e.message} (${e.file ?? ''})`);
  if (report.summary.errors > 0) process.exit(1);
}
