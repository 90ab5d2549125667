/**
 * The npm package's builds (called by scripts/build.mjs after the extension):
 *   dist/npm/cli.js                 the `cache-lens` bin: one bundled ESM file, Node 20+, no TypeScript at run time
 *   dist/npm/index.js               the library (`import { explainHar, explain, readHar } from 'cache-lens'`)
 *   dist/npm/types/lib/index.d.ts   its declarations (tsc, declarations only)
 *   dist/npm/cache-lens.global.js   the engine as one classic script defining `CacheLens` (no imports, no Node or DOM
 *                                   APIs; carries its own URL, TextDecoder and atob when the host has none)
 * Dependencies (tldts, structured-headers) and the generated data are bundled in, so the package needs nothing at
 * run time.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const NPM_OUT = join(root, 'dist/npm');

/** esbuild options of the classic script (also used by src/lib/global.test.ts, which builds it in memory). */
export const GLOBAL_BUILD = {
  absWorkingDir: root,
  bundle: true,
  charset: 'utf8',
  entryPoints: ['src/lib/global.ts'],
  platform: 'neutral',
  format: 'iife',
  globalName: 'CacheLens',
  target: 'es2020',
  // The engine's few host APIs come from the shims module (which defers to the host's own when it has them).
  inject: ['src/lib/shims.ts'],
};

export async function buildNpm({ quiet = false, types = true, outDir = NPM_OUT } = {}) {
  const started = Date.now();
  const out = outDir;
  rmSync(out, { recursive: true, force: true });
  const common = { absWorkingDir: root, bundle: true, legalComments: 'none', logLevel: quiet ? 'warning' : 'info', charset: 'utf8' };
  const cli = await build({
    ...common,
    metafile: true,
    entryPoints: ['src/cli/bin.ts'],
    outfile: join(out, 'cli.js'),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  });
  chmodSync(join(out, 'cli.js'), 0o755);
  await build({ ...common, entryPoints: ['src/lib/index.ts'], outfile: join(out, 'index.js'), platform: 'neutral', format: 'esm', target: 'es2022' });
  await build({ ...common, ...GLOBAL_BUILD, outfile: join(out, 'cache-lens.global.js') });
  if (types) {
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', 'src/lib/tsconfig.types.json', '--outDir', join(out, 'types')], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`declarations failed:\n${r.stdout}${r.stderr}`);
    // package.json "types" points here; keep a short index at the top for editors that look beside index.js
    addJsExtensions(join(out, 'types'));
    writeFileSync(join(out, 'index.d.ts'), "export * from './types/lib/index.js';\n");
  }
  writeThirdPartyLicences(cli.metafile, out);
  const size = (f) => `${(readFileSync(join(out, f)).length / 1024).toFixed(0)} kB`;
  console.log(`built ${relative(root, out) || '.'} (cli.js ${size('cli.js')}, index.js ${size('index.js')}, cache-lens.global.js ${size('cache-lens.global.js')}) in ${Date.now() - started} ms`);
}

/**
 * tsc writes `from './explain-har'`; a consumer resolving as Node does (moduleResolution node16/nodenext, the package
 * being "type": "module") needs `./explain-har.js`. Every relative specifier in the declarations gets its extension.
 */
function addJsExtensions(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      addJsExtensions(p);
      continue;
    }
    if (!name.endsWith('.d.ts')) continue;
    const text = readFileSync(p, 'utf8').replace(/((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*)\2/g, (m, lead, q, spec) => {
      if (/\.(js|json)$/.test(spec)) return m;
      const base = join(dirname(p), spec);
      if (existsSync(`${base}.d.ts`)) return `${lead}${q}${spec}.js${q}`;
      if (existsSync(join(base, 'index.d.ts'))) return `${lead}${q}${spec}/index.js${q}`;
      return m;
    });
    writeFileSync(p, text);
  }
}

/** The packages bundled into the build, with their licence texts (they are redistributed inside cli.js / index.js). */
function writeThirdPartyLicences(metafile, outDir) {
  const pkgs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) pkgs.add(m[1]);
  }
  let out = 'Cache Lens bundles the following packages into dist/npm (cli.js, index.js, cache-lens.global.js).\n';
  for (const name of [...pkgs].sort()) {
    const dir = join(root, 'node_modules', name);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^licen[sc]e/i.test(f));
    out += `\n${'='.repeat(78)}\n${name} ${pkg.version} (${pkg.license ?? 'see below'})\n${'='.repeat(78)}\n\n`;
    out += file ? readFileSync(join(dir, file), 'utf8').trim() + '\n' : `No licence file shipped; package.json says: ${pkg.license}\n`;
  }
  writeFileSync(join(outDir, "THIRD-PARTY-LICENSES.txt"), out);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildNpm({ quiet: process.argv.includes('--quiet'), types: !process.argv.includes('--no-types') });
}
