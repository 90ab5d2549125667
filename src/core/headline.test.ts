import { describe, expect, it } from 'vitest';
import { CACHE_NOTES } from './cache/notes';
import { COOKIE_NOTES } from './cookies/notes';
import { CDN_NOTES } from './cdn/notes';
import { PROXY_NOTES } from './proxy/notes';
import { ENGINE_NOTES } from './engine-notes';
import { findingLabel, headline, headlineFinding } from './headline';
import type { Finding, Severity } from './types';

const f = (id: string, severity: Severity): Finding => ({ id, severity, topic: 'cache', summary: id, rule: '', link: '' });

describe('headline finding', () => {
  it('takes the worst severity first', () => {
    expect(headlineFinding([f('heuristic-freshness', 'info'), f('no-validator', 'warning')])?.id).toBe('no-validator');
    expect(headlineFinding([f('no-validator', 'warning'), f('cookie-rejected-domain-mismatch', 'error')])?.id).toBe(
      'cookie-rejected-domain-mismatch',
    );
  });
  it('ranks by consequence within one severity: a rejected cookie before a syntax error, a leak before a re-download', () => {
    expect(headlineFinding([f('cookie-samesite-invalid', 'error'), f('cookie-rejected-public-suffix', 'error')])?.id).toBe(
      'cookie-rejected-public-suffix',
    );
    expect(headlineFinding([f('no-validator', 'warning'), f('set-cookie-shared', 'warning')])?.id).toBe('set-cookie-shared');
    expect(headlineFinding([f('cc-syntax', 'warning'), f('no-validator', 'warning')])?.id).toBe('no-validator');
  });
  it('keeps the explanation order between equals, and says nothing for no findings', () => {
    expect(headlineFinding([f('cc-syntax', 'warning'), f('date-invalid', 'warning')])?.id).toBe('cc-syntax');
    expect(headline([])).toBeNull();
    expect(headline([f('cookie-rejected-too-large', 'error')])).toEqual({
      id: 'cookie-rejected-too-large',
      severity: 'error',
      label: 'cookie rejected',
    });
  });
  it('labels every catalogue id with a short phrase, never the raw id', () => {
    const ids = [CACHE_NOTES, COOKIE_NOTES, CDN_NOTES, PROXY_NOTES, ENGINE_NOTES].flatMap((c) => Object.keys(c));
    expect(ids.length).toBeGreaterThan(150);
    for (const id of ids) {
      const label = findingLabel(id);
      expect(label, id).not.toBe(id);
      expect(label.length, id).toBeLessThanOrEqual(32);
    }
  });
  it('is safe with hostile ids', () => {
    expect(findingLabel('__proto__')).toBe('__proto__');
    expect(findingLabel('constructor')).toBe('constructor');
  });
});
