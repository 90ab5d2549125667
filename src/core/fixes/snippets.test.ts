import { describe, expect, it } from 'vitest';
import * as cacheNotes from '../cache/notes';
import * as cdnNotes from '../cdn/notes';
import * as cookieNotes from '../cookies/notes';
import * as engineNotes from '../engine-notes';
import { explain } from '../explain';
import type { NoteCatalog } from '../notes';
import * as proxyNotes from '../proxy/notes';
import type { ExchangeRecord, Finding } from '../types';
import { DOCS, FIX_SNIPPETS, snippetsFor, withSnippets } from './snippets';

/** Every area's notes module: its catalogue (`*_NOTES`) and its fix sentences (any `*_FIXES` export). */
const AREAS = { cache: cacheNotes, cookies: cookieNotes, cdn: cdnNotes, proxy: proxyNotes, engine: engineNotes } as Record<
  string,
  Record<string, unknown>
>;

function exportsEnding(mod: Record<string, unknown>, suffix: string): Array<Record<string, unknown>> {
  return Object.entries(mod)
    .filter(([k, v]) => k.endsWith(suffix) && v && typeof v === 'object')
    .map(([, v]) => v as Record<string, unknown>);
}

const CATALOGUE_IDS = new Set(
  Object.values(AREAS).flatMap((m) => exportsEnding(m, '_NOTES').flatMap((c) => Object.keys(c as NoteCatalog))),
);
const FIXES = Object.values(AREAS).flatMap((m) => exportsEnding(m, '_FIXES'));
const hasFix = (id: string) => FIXES.some((f) => Object.hasOwn(f, id) && typeof f[id] === 'string' && f[id].length > 0);

/**
 * Catalogue entries with no fix sentence yet (`*_FIXES` tables are found here by name). An id not on this list without
 * a fix fails, and so does a listed id that has one now: the list stays the truth. Empty: every finding says what to change.
 */
const WITHOUT_FIX_YET: string[] = [];

const SERVERS = ['nginx', 'apache', 'express', 'caddy', 'cloudflare'] as const;
const DOC_HOSTS: Record<(typeof SERVERS)[number], string> = {
  nginx: 'https://nginx.org/',
  apache: 'https://httpd.apache.org/',
  express: 'https://expressjs.com/',
  caddy: 'https://caddyserver.com/',
  cloudflare: 'https://developers.cloudflare.com/',
};

describe('fixes: catalogues', () => {
  it('every catalogue id has a fix sentence, apart from the listed gaps', () => {
    expect(CATALOGUE_IDS.size).toBeGreaterThan(100);
    const missing = [...CATALOGUE_IDS].filter((id) => !hasFix(id)).sort();
    expect(
      missing.filter((id) => !WITHOUT_FIX_YET.includes(id)),
      'ids without a fix',
    ).toEqual([]);
    expect(
      WITHOUT_FIX_YET.filter((id) => !missing.includes(id)),
      'listed as without a fix, but they have one now: drop them from the list',
    ).toEqual([]);
  });

  it('every snippet belongs to a catalogue id (no orphan data)', () => {
    expect(Object.keys(FIX_SNIPPETS).filter((id) => !CATALOGUE_IDS.has(id))).toEqual([]);
  });

  it('covers the findings a header change fixes', () => {
    for (const id of [
      'no-validator',
      'heuristic-freshness',
      'long-max-age-unversioned',
      'versioned-without-immutable',
      'public-with-authorization',
      'set-cookie-shared',
      'vary-user-agent',
      'vary-cookie',
      'pragma-in-response',
      'expires-invalid',
      'expires-overridden',
      'cookie-not-secure-on-https',
      'cookie-session-without-httponly',
      'cookie-samesite-missing',
    ]) {
      expect(snippetsFor({ id }), id).toBeDefined();
    }
    // Facts and good news have nothing to configure.
    for (const id of ['no-store', 'cacheable-with-validator', 'revalidated-304', 'cookie-well-protected', 'status-hit', 'engine-error'])
      expect(snippetsFor({ id }), id).toBeUndefined();
  });
});

describe('fixes: the table', () => {
  it('each entry says what the response carries afterwards, and every snippet links its vendor page', () => {
    for (const [id, s] of Object.entries(FIX_SNIPPETS)) {
      if (s.header === '') expect(s.removes?.length, id).toBeGreaterThan(0);
      for (const line of s.header ? s.header.split('\n') : []) expect(line, id).toMatch(/^[A-Za-z-]+: \S/);
      expect(`${s.header} ${s.note ?? ''}`, id).not.toMatch(/\{\w+\}/); // no placeholders filled from page data
      expect(SERVERS.filter((k) => s[k]).length, id).toBeGreaterThanOrEqual(4);
      for (const k of SERVERS) {
        const sn = s[k];
        if (!sn) continue;
        expect(sn.code.length, `${id} ${k}`).toBeGreaterThan(5);
        expect(sn.doc.startsWith(DOC_HOSTS[k]), `${id} ${k} ${sn.doc}`).toBe(true);
        expect(Object.values(DOCS)).toContain(sn.doc);
      }
      expect(['cache-rule', 'transform-rule', 'worker', undefined]).toContain(s.cloudflare?.kind);
    }
  });

  it('is frozen all the way down and shared by reference', () => {
    const s = FIX_SNIPPETS['versioned-without-immutable']!;
    expect(Object.isFrozen(FIX_SNIPPETS)).toBe(true);
    expect(Object.isFrozen(s) && Object.isFrozen(s.nginx) && Object.isFrozen(s.cloudflare)).toBe(true);
    expect(FIX_SNIPPETS['versioned-no-lifetime']).toBe(s);
    expect(() => {
      (s as { header: string }).header = 'x';
    }).toThrow();
  });

  it('the snippets send the header the entry names', () => {
    const s = FIX_SNIPPETS['pragma-in-response']!;
    expect(s.header).toBe('Cache-Control: no-cache');
    expect(s.removes).toEqual(['Pragma']);
    expect(s.nginx!.code).toContain('add_header Cache-Control "no-cache" always;');
    expect(s.nginx!.code).toContain('proxy_hide_header Pragma;');
    expect(s.apache!.code).toContain('Header unset Pragma');
    expect(s.caddy!.code).toContain('-Pragma');
    const c = FIX_SNIPPETS['cookie-samesite-missing']!;
    expect(c.header).toBe('Set-Cookie: <name>=<value>; SameSite=Lax');
    expect(c.cloudflare!.kind).toBe('worker');
    expect(c.express!.code).toContain("sameSite: 'lax'");
  });
});

describe('fixes: lookup', () => {
  it('own properties only', () => {
    for (const id of ['constructor', '__proto__', 'toString', 'hasOwnProperty', '', 'NO-VALIDATOR'])
      expect(snippetsFor({ id }), id).toBeUndefined();
    expect(snippetsFor({ id: 42 } as unknown as Finding)).toBeUndefined();
    expect(snippetsFor(null)).toBeUndefined();
  });

  it("withSnippets gives the findings that have one the shared object, leaves the others and the engine's own alone", () => {
    const rec: ExchangeRecord = {
      id: 'a',
      url: 'https://www.example.com/page',
      method: 'GET',
      status: 200,
      requestHeaders: [],
      responseHeaders: [
        { name: 'Date', value: 'Thu, 01 Jan 2026 00:00:00 GMT' },
        { name: 'Cache-Control', value: 'no-cache' },
        { name: 'Pragma', value: 'no-cache' },
        { name: 'Set-Cookie', value: 'sid=1; Path=/' },
      ],
      requestTimeMs: 1767225600000,
      responseTimeMs: 1767225600000,
      source: 'network',
      navigation: 'top-level',
    };
    const e = explain(rec, { browser: 'chrome', now: 1767225600 });
    const ids = e.findings.map((f) => f.id);
    expect(ids).toContain('pragma-in-response');
    expect(ids).toContain('cookie-samesite-missing');
    expect(
      e.findings.some((f) => 'snippets' in f),
      'the engine itself leaves them out',
    ).toBe(false);
    const out = withSnippets(e.findings);
    expect(out).not.toBe(e.findings);
    expect(out.length).toBe(e.findings.length);
    for (let i = 0; i < out.length; i++) {
      const f = out[i]!;
      if (Object.hasOwn(FIX_SNIPPETS, f.id)) {
        expect(f.snippets, f.id).toBe(FIX_SNIPPETS[f.id]);
        expect({ ...f, snippets: undefined }).toEqual({ ...e.findings[i], snippets: undefined });
      } else expect(f, f.id).toBe(e.findings[i]);
    }
    expect(out.find((f) => f.id === 'pragma-in-response')!.snippets!.header).toBe('Cache-Control: no-cache');
    expect(
      e.findings.some((f) => 'snippets' in f),
      "the engine's findings are not changed",
    ).toBe(false);
    const again = withSnippets(out);
    for (let i = 0; i < out.length; i++) expect(again[i]).toBe(out[i]);
  });
});
