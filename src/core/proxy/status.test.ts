import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { explainProxy } from './index';
import { PROXY_FIXES, PROXY_NOTES } from './notes';
import { describeProxyStatus, parseProxyStatus, PROXY_ERROR_TYPES } from './status';
import type { ExchangeRecord, HeaderList } from '../types';

function exchange(res: HeaderList): ExchangeRecord {
  return {
    id: '1',
    url: 'https://app.example/',
    method: 'GET',
    status: 502,
    requestHeaders: [],
    responseHeaders: res,
    requestTimeMs: 0,
    responseTimeMs: 0,
    source: 'network',
  };
}
const ps = (...values: string[]) => explainProxy(exchange(values.map((value) => ({ name: 'Proxy-Status', value }))));

describe('Proxy-Status (RFC 9209)', () => {
  it("explains each entry: the proxy, the error type in plain words, the next hop, with the error type's section", () => {
    const e = ps('ExampleProxy; error=http_protocol_error', 'AnotherProxy; next-hop=example.com');
    const found = e.findings.filter((f) => f.id === 'proxy-status');
    expect(found.map((f) => f.summary)).toEqual([
      'Proxy-Status from ExampleProxy: the next hop broke the HTTP protocol (http_protocol_error).',
      'Proxy-Status from AnotherProxy: handled it without reporting an error; next hop example.com.',
    ]);
    expect(found[0]?.link).toBe('https://www.rfc-editor.org/rfc/rfc9209#section-2.3.28');
    expect(found[0]?.severity).toBe('info');
    expect(found[0]?.fix).toBeTruthy();
  });
  it('reads received-status and details, and the parameters of one error type', () => {
    const p = parseProxyStatus(['"edge 1"; error=dns_error; rcode="NXDOMAIN"; info-code=0; received-status=503; details="lookup failed"']);
    expect(p.unknownParams).toEqual([]);
    expect(p.badParams).toEqual([]);
    expect(p.entries[0]).toMatchObject({ proxy: 'edge 1', error: 'dns_error', receivedStatus: 503, details: 'lookup failed' });
    expect(describeProxyStatus(p.entries[0]!).meaning).toMatch(/DNS answered .* received status 503 from there; details: lookup failed/);
    // rcode belongs to dns_error only
    expect(parseProxyStatus(['edge; error=connection_refused; rcode="x"']).unknownParams).toEqual(['rcode']);
  });
  it('unknown parameters and values of the wrong type or outside the registry', () => {
    expect(ids(ps('ExampleProxy; unknown=1'))).toEqual(expect.arrayContaining(['proxy-status', 'proxy-status-unknown-param']));
    expect(parseProxyStatus(['ExampleProxy; error="string"']).badParams).toEqual(['error="string"']);
    expect(parseProxyStatus(['ExampleProxy; error=made_up_error']).badParams).toEqual(['error=made_up_error']);
    expect(parseProxyStatus(['ExampleProxy; received-status="503"']).badParams).toEqual(['received-status="503"']);
    expect(ids(ps('ExampleProxy; error=connection_timeout'))).not.toContain('proxy-status-bad-param');
    // own properties only
    expect(parseProxyStatus(['p; error=constructor; constructor=1']).badParams).toEqual(['error=constructor']);
    expect(parseProxyStatus(['p; error=constructor; constructor=1']).unknownParams).toEqual(['constructor']);
  });
  it('a line that is not a Structured Field List is ignored and said so; the others are kept', () => {
    const e = ps('ok-proxy; error=proxy_loop_detected', 'bad proxy; ;;');
    expect(ids(e)).toContain('proxy-status-invalid');
    expect(e.findings.filter((f) => f.id === 'proxy-status')).toHaveLength(1);
  });
  it('never throws and stays bounded on any input', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 200 }), { maxLength: 40 }), (lines) => {
        const p = parseProxyStatus(lines);
        expect(p.entries.length).toBeLessThanOrEqual(16);
        expect(p.unknownParams.length).toBeLessThanOrEqual(8);
        explainProxy(exchange(lines.map((value) => ({ name: 'proxy-status', value }))));
      }),
    );
  });
  it('the error table cites RFC 9209 §2.3 sections, and every proxy note has a fix', () => {
    for (const [name, t] of Object.entries(PROXY_ERROR_TYPES)) expect(t.section, name).toMatch(/^2\.3\.\d+$/);
    expect(Object.keys(PROXY_NOTES).filter((id) => !Object.hasOwn(PROXY_FIXES, id))).toEqual([]);
    expect(Object.keys(PROXY_FIXES).filter((id) => !Object.hasOwn(PROXY_NOTES, id))).toEqual([]);
  });
});

function ids(r: { findings: Array<{ id: string }> }): string[] {
  return r.findings.map((f) => f.id);
}
