import { describe, expect, it } from 'vitest';
import { buildCookieDb, compactCookieDb, domainsOf, generate, parseCsv, readCommitted } from '../../../scripts/gen-cookie-db';
import { lookupPurpose } from './purposes';

describe('Open Cookie Database', () => {
  it('the committed purposes.generated.json is what the generator produces', () => {
    expect(readCommitted()).toBe(generate());
  });
  it('parses quoted CSV fields with commas, quotes and newlines', () => {
    expect(parseCsv('a,"b, c","say ""hi""\nthere"\r\nx,,y\n')).toEqual([
      ['a', 'b, c', 'say "hi"\nthere'],
      ['x', '', 'y'],
    ]);
  });
  it('keeps exact and wildcard entries apart', () => {
    const db = buildCookieDb(
      'ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n1,P,Analytics,_x_,,"d, quoted",1 day,C,u,1\n2,Q,Functional,_x_long,,e,,C,u,0\n',
    );
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
  it('reads the Domain column as hosts', () => {
    expect(domainsOf('facebook.com (3rd party)')).toEqual(['facebook.com']);
    expect(domainsOf('.bing.com (3rd party) or .microsoft.com (3rd party)')).toEqual(['bing.com', 'microsoft.com']);
    expect(domainsOf('ads-[account].adhese.com')).toEqual(['adhese.com']);
    expect(domainsOf('')).toEqual([]);
    expect(domainsOf('Advertiser website')).toEqual([]);
  });
  it('stores every string once in the compact form', () => {
    const db = buildCookieDb(
      'ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n' +
        '1,P,Analytics,a,x.com (3rd party),same,1 day,C,u,0\n2,P,Analytics,b,,same,1 day,C,u,0\n3,Q,Marketing,c_,x.com,other,,C,u,1\n',
    );
    const c = compactCookieDb(db);
    expect(c.texts).toEqual(['', 'same', '1 day', 'other']);
    expect(c.domainLists).toEqual(['', 'x.com']);
    expect(c.rows).toEqual([
      ['a', 0, 0, 1, 2, 1, 0],
      ['b', 0, 0, 1, 2, 0, 0],
      ['c_', 1, 1, 3, 0, 1, 1],
    ]);
  });
  it('an entry naming another site does not give a generic name its purpose (sessionid is not Instagram marketing on every site)', () => {
    expect(lookupPurpose('sessionid', { host: 'www.shop.example', domain: 'www.shop.example' })).toBeNull();
    expect(lookupPurpose('sessionid')).toBeNull();
    expect(lookupPurpose('sessionid', { host: 'www.instagram.com', domain: 'instagram.com' })).toMatchObject({
      platform: 'Instagram',
      category: 'Marketing',
    });
    expect(lookupPurpose('sessionid', { host: 'www.instagram.com', domain: 'instagram.com' })?.possibly).toBeUndefined();
    // Two platforms list "token", each for its own domain.
    expect(lookupPurpose('token', { host: 'ib.adnxs.com', domain: 'adnxs.com' })).toMatchObject({ platform: 'Xandr' });
    expect(lookupPurpose('token', { host: 'track.adform.net', domain: 'track.adform.net' })).toMatchObject({ platform: 'Adform' });
    expect(lookupPurpose('token', { host: 'api.example.com', domain: 'api.example.com' })).toBeNull();
  });
  it('a distinctive name set elsewhere is only "possibly" the listed platform', () => {
    const p = lookupPurpose('_fbp', { host: 'www.shop.example', domain: 'shop.example' });
    expect(p).toMatchObject({ platform: 'Facebook', category: 'Marketing', possibly: true, listedFor: ['facebook.com'] });
    expect(p?.description).toMatch(/^Possibly: the database lists this name for facebook\.com/);
    const sure = lookupPurpose('_fbp', { host: 'www.facebook.com', domain: 'facebook.com' });
    expect(sure?.possibly).toBeUndefined();
    expect(sure?.description).not.toMatch(/^Possibly/);
  });
  it('entries without a Domain apply everywhere, as before', () => {
    expect(lookupPurpose('_ga', { host: 'www.shop.example', domain: 'shop.example' })).toMatchObject({ platform: 'Google Analytics' });
    expect(lookupPurpose('_ga', { host: 'www.shop.example', domain: 'shop.example' })?.possibly).toBeUndefined();
  });
});
