/**
 * Where the team's shared material lives (course notes, reference cases, real HARs; see its README).
 * By default `../shared` beside the repository; `CACHE_LENS_SHARED` (absolute, or relative to the repository) moves it,
 * for a clone placed elsewhere. Every test, script and bench finds the folder through this one helper.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is tests/support/shared.ts). */
export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** The shared folder, resolved once. */
export const SHARED_DIR = resolve(ROOT, process.env.CACHE_LENS_SHARED ?? '../shared');

/** A path inside the shared folder. */
export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

/** A JSON file inside the shared folder, parsed; a clear error when the folder is not where we look. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- callers in src/core name the shape of the file they read; T is that one cast
export function readSharedJson<T = unknown>(...parts: string[]): T {
  const file = sharedPath(...parts);
  if (!existsSync(file)) {
    throw new Error(`${file} not found: put the shared folder beside the repository or set CACHE_LENS_SHARED`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The shared real-world HARs (fixtures/har), by file name, sorted. */
export function sharedHarFiles(): string[] {
  return readdirSync(sharedPath('fixtures', 'har'))
    .filter((f) => f.endsWith('.har'))
    .sort();
}

/** A text file inside the shared folder (for tests under src/core, which may not import Node APIs themselves). */
export function readSharedText(...parts: string[]): string {
  return readFileSync(sharedPath(...parts), 'utf8');
}
