import { describe, expect, it } from 'vitest';
import { buildCookieDb, generate, parseCsv, readCommitted } from '../../../scripts/gen-cookie-db';
import { lookupPurpose } from './purposes';

describe('Open Cookie Database', () => {
  it('the committed purposes.generated.json is what the generator produces', () => {
    expect(readCommitted()).toBe(generate());
  });
  it('parses quoted CSV fields with commas, quotes and newlines', () => {
    expect(parseCsv('a,"b, c","say ""hi""\nthere"\r\nx,,y\n')).toEqual([['a', 'b, c', 'say "hi"\nthere'], ['x', '', 'y']]);
  });
  it('keeps exact and wildcard entries apart', () => {
    const db = buildCookieDb('ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n1,P,Analytics,_x_,,"d, quoted",1 day,C,u,1\n2,Q,Functional,_x_long,,e,,C,u,0\n');
    expect(db.exact).toEqual({ _x_long: 1 });
    expect(db.prefixes).toEqual([['_x_', 0]]);
    expect(db.entries[0]).toEqual(['_x_', 0, 0, 'd, quoted', '1 day']);
  });
  it('looks up exact names first, then prefixes', () => {
    expect(lookupPurpose('_ga')).toMatchObject({ category: 'Analytics', platform: 'Google Analytics' });
    expect(lookupPurpose('_ga_ABC123')).toMatchObject({ category: 'Analytics' });
    expect(lookupPurpose('CookieConsent')).toMatchObject({ category: 'Functional' });
    expect(lookupPurpose('definitely-not-a-known-cookie-name')).toBeNull();
    expect(lookupPurpose('')).toBeNull();
  });
});
