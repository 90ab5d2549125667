/**
 * Extracts the CDN-relevant response fields of more public HARs (MIT-licensed test data of sitespeedio/pagexray and
 * micmro/PerfCascade beyond the copies in ../shared/fixtures/har) into har-extracts.json, so the set can be rebuilt
 * without the HARs themselves. Reads a local mirror of each repository at a pinned commit (`git show`); run it only
 * to refresh the extracts. Labels are not made here: label.ts labels the extracts like every other capture.
 *
 *   npx tsx tests/world/cdn-captures/collect.ts /path/to/mirrors
 * (a mirror is <dir>/<owner>+<name>/repo, a bare git directory, as the project's fetch tool leaves it)
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { harFields, type HarEntry, type Headers } from './label';

const here = dirname(fileURLToPath(import.meta.url));

/** [repository, commit, path]: HARs not already in ../shared/fixtures/har. */
export const HARS: ReadonlyArray<readonly [string, string, string]> = [
  ['micmro/PerfCascade', '141951297cfdb13b9692066ba4e6f1c7eebf1248', 'src/test-data/browsertime_h2_filamentgroup.com.har'],
  ['micmro/PerfCascade', '141951297cfdb13b9692066ba4e6f1c7eebf1248', 'src/test-data/browsertime_sitespeed.io.har'],
  ['micmro/PerfCascade', '141951297cfdb13b9692066ba4e6f1c7eebf1248', 'src/test-data/capture-har_cnn.har'],
  ['micmro/PerfCascade', '141951297cfdb13b9692066ba4e6f1c7eebf1248', 'src/test-data/chrome_h2_h2o.examp1e.net.har'],
  ['micmro/PerfCascade', '141951297cfdb13b9692066ba4e6f1c7eebf1248', 'src/test-data/chrome_h2_www.nghttp2.org.har'],
  ['micmro/PerfCascade', '141951297cfdb13b9692066ba4e6f1c7eebf1248', 'src/test-data/firefox_www.nghttp2.org.har'],
  [
    'micmro/PerfCascade',
    '141951297cfdb13b9692066ba4e6f1c7eebf1248',
    'src/test-data/wpt_github.com.151226_X7_b43d35e592fab70e0ba012fe11a41020.har',
  ],
  ['micmro/PerfCascade', '141951297cfdb13b9692066ba4e6f1c7eebf1248', 'src/test-data/wpt_h2_www.filamentgroup.com.har'],
  ['micmro/PerfCascade', '141951297cfdb13b9692066ba4e6f1c7eebf1248', 'src/test-data/wpt_h2_www.nghttp2.org.har'],
  ['micmro/PerfCascade', '141951297cfdb13b9692066ba4e6f1c7eebf1248', 'src/test-data/www.bbc.com.har'],
  ['sitespeedio/pagexray', 'c9f22741d20bdb171b695de66fe2614d43fdb961', 'test/files/case-sensitive-protocol.har'],
  ['sitespeedio/pagexray', 'c9f22741d20bdb171b695de66fe2614d43fdb961', 'test/files/domains/run.sitespeed.io.har'],
  ['sitespeedio/pagexray', 'c9f22741d20bdb171b695de66fe2614d43fdb961', 'test/files/en.wikipedia.org.spdy-wpt.har'],
  ['sitespeedio/pagexray', 'c9f22741d20bdb171b695de66fe2614d43fdb961', 'test/files/http/http1.1-chrome.har'],
  ['sitespeedio/pagexray', 'c9f22741d20bdb171b695de66fe2614d43fdb961', 'test/files/http/http2-firefox.har'],
  ['sitespeedio/pagexray', 'c9f22741d20bdb171b695de66fe2614d43fdb961', 'test/files/http/spdy-firefox.har'],
  ['sitespeedio/pagexray', 'c9f22741d20bdb171b695de66fe2614d43fdb961', 'test/files/redirect/aftonbladet.se-redirecting-to-www.har'],
  ['sitespeedio/pagexray', 'c9f22741d20bdb171b695de66fe2614d43fdb961', 'test/files/redirect/assa.har'],
  ['sitespeedio/pagexray', 'c9f22741d20bdb171b695de66fe2614d43fdb961', 'test/files/redirect/frontendredirect.har'],
  ['sitespeedio/pagexray', 'c9f22741d20bdb171b695de66fe2614d43fdb961', 'test/files/redirect/mousel.lu.har'],
  ['sitespeedio/pagexray', 'c9f22741d20bdb171b695de66fe2614d43fdb961', 'test/files/redirect/redirect-and-redirect-back.har'],
  ['sitespeedio/pagexray', 'c9f22741d20bdb171b695de66fe2614d43fdb961', 'test/files/redirect/www.etat.lu.har'],
  ['sitespeedio/pagexray', 'c9f22741d20bdb171b695de66fe2614d43fdb961', 'test/files/requests/expressen.har'],
  ['sitespeedio/pagexray', 'c9f22741d20bdb171b695de66fe2614d43fdb961', 'test/files/sitespeed/browsertime-recalculate-style.har'],
  ['sitespeedio/pagexray', 'c9f22741d20bdb171b695de66fe2614d43fdb961', 'test/files/size/allSizes.har'],
  ['sitespeedio/pagexray', 'c9f22741d20bdb171b695de66fe2614d43fdb961', 'test/files/www.sitespeed.io-redirecting-to-https.har'],
];

export interface Extract {
  id: string;
  source: string;
  url: string;
  ip: string | null;
  status: number;
  headers: Headers;
  wpt?: string;
}

function main(): void {
  const mirrors = process.argv[2];
  if (!mirrors) throw new Error('usage: collect.ts <mirror directory>');
  const out: Extract[] = [];
  const seen = new Set<string>();
  for (const [repo, commit, path] of HARS) {
    const gitDir = join(mirrors, repo.replace('/', '+'), 'repo');
    const text = execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${path}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const har = JSON.parse(text.replace(/^\uFEFF/, '')) as { log?: { entries?: HarEntry[] | null } | null };
    const name = path
      .split('/')
      .pop()!
      .replace(/\.har$/, '');
    (har.log?.entries ?? []).forEach((e, i) => {
      const fields = harFields(e);
      if (!fields) return;
      const { url, ip, status, headers } = fields;
      const key = JSON.stringify([url, ip, status, headers]);
      if (seen.has(key)) return;
      seen.add(key);
      const x: Extract = {
        id: `${repo.split('/')[1]}:${name}#${i}`,
        source: `https://github.com/${repo}/blob/${commit}/${path}`,
        url,
        ip,
        status,
        headers,
      };
      if (fields.wpt !== undefined) x.wpt = fields.wpt;
      out.push(x);
    });
  }
  const body = JSON.stringify(
    { note: 'Generated by collect.ts from MIT-licensed HARs (see SOURCES.md). CDN-relevant response fields only.', extracts: out },
    null,
    0,
  ).replace(/\{"id":/g, '\n{"id":');
  writeFileSync(join(here, 'har-extracts.json'), body + '\n');
  console.log(`${out.length} responses from ${HARS.length} HARs`);
}

if (process.argv[1] && process.argv[1].endsWith('collect.ts')) main();
