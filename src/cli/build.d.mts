import type { BuildOptions } from 'esbuild';
export const NPM_OUT: string;
export const GLOBAL_BUILD: BuildOptions;
export function buildNpm(options?: { quiet?: boolean; types?: boolean; outDir?: string }): Promise<void>;
