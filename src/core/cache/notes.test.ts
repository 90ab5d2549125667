import { describe, expect, it } from 'vitest';
import { applyNote } from '../notes';
import { CACHE_NOTES } from './notes';

describe('cache notes catalogue', () => {
  const entries = Object.entries(CACHE_NOTES);
  it('has at least 30 notes, each complete and linked to an RFC or MDN', () => {
    expect(entries.length).toBeGreaterThanOrEqual(30);
    for (const [id, n] of entries) {
      expect(n.topic, id).toBe('cache');
      expect(['error', 'warning', 'info', 'good'], id).toContain(n.severity);
      expect(n.summary.length, id).toBeGreaterThan(20);
      expect(n.rule.length, id).toBeGreaterThan(10);
      expect(n.link, id).toMatch(/^https:\/\/(www\.rfc-editor\.org\/rfc\/rfc\d+#section-[\d.]+|developer\.mozilla\.org\/)/);
    }
  });

  it('fills parameters', () => {
    const f = applyNote(CACHE_NOTES, 'cc-invalid-value', { name: 'max-age', value: 'abc' });
    expect(f.summary).toContain('max-age');
    expect(f.summary).toContain('"abc"');
    expect(f.summary).not.toContain('{');
  });
});
