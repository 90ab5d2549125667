import { describe, expect, it } from 'vitest';
import { urlShape } from './urls';

/**
 * Asset names as the common bundlers and frameworks write them (their documented default file-name patterns),
 * with names that are not versioned beside them. The rule in urls.ts is judged on this table.
 */
const VERSIONED = [
  // webpack [name].[contenthash].js (20 hex by default), and a [chunkhash:8]
  '/static/js/main.5f2b7c9e1a3d4b6c8e0f.js',
  '/static/js/787.3f9a8c2b.chunk.js',
  // Rollup / Vite [name]-[hash].js: 8 characters of base64url, "-" and "_" included
  '/assets/index-BZ_Jx9a-.js',
  '/assets/index-DiwrgTda.css',
  '/assets/vendor-C8Yx_3kQ.js',
  '/assets/Home-a1B2c3D4.js',
  '/assets/logo-_8kPq-Zz.svg',
  // esbuild chunk-[hash].js (8 upper-case letters and digits)
  '/out/chunk-ABCD1234.js',
  '/out/main-7XQ2K4LM.js',
  // Parcel [name].[hash].js
  '/dist/index.3f9a1c2e.js',
  // Next.js
  '/_next/static/chunks/pages/index-9b2a8c1d3e4f5a6b.js',
  '/_next/static/css/2b8e3d4f1a6c9e07.css',
  // Angular main.[16 hex].js
  '/main.3f9a8c2b4d5e6f70.js',
  '/styles.ef46db3751d8e999.css',
  // Rails: Sprockets (64 hex) and Propshaft (8 hex)
  '/assets/application-2d5b3a1f0e9c8b7a6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c.css',
  '/assets/application-4f9a1b2c.js',
  // Hugo fingerprint (sha256)
  '/css/main.min.8d4b1a2c3e5f6a7b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b.css',
  // short hex hashes
  '/js/app.3f9a1c.js',
  '/css/site.a1b2c3d.css',
  // versions in names, build stamps in paths, versions in queries (seen on the shared HARs)
  '/adrum/adrum-4.5.12.2461.js',
  '/js/jquery-1.12.4.min.js',
  '/lib/fizzy/fz-1.3.8-min.js',
  '/assets/homepage/20150828-152658/js/main.js',
  '/dist/css/general.css?1440665195',
  '/Stylesheets/sub.css?revisionid=48951a70-6eba-42d2-a4a9-17b3389e3ddf',
  '/static/widget.html?d938a8x',
  '/css/site.css?ver=5.8.1',
];

const UNVERSIONED = [
  '/js/app.js',
  '/css/style.css',
  '/js/jquery.min.js',
  '/js/bootstrap.bundle.min.js',
  '/js/widget-carousel.js',
  '/js/widget-Carousel.js',
  '/js/some-longword.js',
  '/css/theme-dark.css',
  '/js/analytics.js',
  '/js/facade.js',
  '/index.html',
  '/js/app.js?lang=en',
  '/css/print.css?media=print',
  '/js/zam5nzz.js',
];

describe('versioned asset names (bundler table)', () => {
  it.each(VERSIONED)('%s is versioned', (path) => {
    expect(urlShape(`https://example.com${path}`).versioned).toBe(true);
  });
  it.each(UNVERSIONED)('%s is not', (path) => {
    expect(urlShape(`https://example.com${path}`).versioned).toBe(false);
  });
});
