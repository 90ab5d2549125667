import { describe, expect, it } from 'vitest';
import { OUR_PURPOSES, purposeFor } from './our-purposes';
import { lookupPurpose } from './purposes';

const lookup = (name: string, where?: { host?: string | null; domain?: string | null }) => lookupPurpose(name, where);

describe('purposes ours adds to the Open Cookie Database', () => {
  it('names load-balancer stickiness, refining a broad database category and saying which', () => {
    const p = purposeFor('AWSALB', null, lookup, { host: 'shop.example', domain: 'shop.example' });
    expect(p.category).toBe('Load balancing');
    expect(p.source).toBe('ours');
  });
  it('never overrides a specific database category (a Marketing cookie stays Marketing)', () => {
    const marketing = { category: 'Marketing', platform: 'Ads', description: 'ads' };
    expect(purposeFor('SERVERID', marketing, null, {}).category).toBe('Marketing');
    expect(purposeFor('SERVERID', marketing, null, {}).source).toBe('ocd');
  });
  it('says Unknown rather than guess, and is safe with hostile names', () => {
    for (const name of ['zz_not_a_cookie_we_know', '__proto__', 'constructor']) {
      const p = purposeFor(name, null, null, {});
      expect(p).toEqual({ category: 'Unknown', platform: null, description: null, source: 'unknown' });
    }
  });
  it('covers each family the issue names: session, stickiness, consent, bot protection', () => {
    const cats = new Set(OUR_PURPOSES.map((o) => o.category));
    for (const c of ['Login/session', 'Load balancing', 'Consent', 'Bot protection']) expect(cats.has(c), c).toBe(true);
    for (const [name, cat] of [
      ['PHPSESSID', 'Login/session'],
      ['euconsent-v2', 'Consent'],
      ['cf_clearance', 'Bot protection'],
      ['BIGipServerpool_web', 'Load balancing'],
    ] as const) {
      expect(purposeFor(name, null, null, {}).category, name).toBe(cat);
    }
  });
});
