import { describe, expect, it } from 'vitest';
import { explainProxy, parseForwarded, parseVia, parseXForwardedFor, isPrivateAddress, validNode } from './index';
import type { ExchangeRecord, HeaderList } from '../types';

function exchange(req: HeaderList, res: HeaderList, extra: Partial<ExchangeRecord> = {}): ExchangeRecord {
  return {
    id: '1',
    url: 'https://myapp.example.com/',
    method: 'GET',
    status: 200,
    requestHeaders: req,
    responseHeaders: res,
    requestTimeMs: 0,
    responseTimeMs: 0,
    source: 'network',
    ...extra,
  };
}
const ids = (r: { findings: Array<{ id: string }> }) => r.findings.map((f) => f.id);

describe('Via (RFC 9110 §7.6.3)', () => {
  it('splits hops, keeps protocol names and comments (with commas inside)', () => {
    const v = parseVia(['1.0 fred, 1.1 p.example.net (Apache/2.4, mod_proxy)', 'HTTP/2 edge.example:443']);
    expect(v.invalid).toEqual([]);
    expect(v.hops).toEqual([
      { protocol: '1.0', received: 'fred' },
      { protocol: '1.1', received: 'p.example.net', comment: 'Apache/2.4, mod_proxy' },
      { protocol: 'HTTP/2', received: 'edge.example:443' },
    ]);
  });
  it('reports entries without a received-by', () => {
    expect(parseVia(['1.1']).invalid).toEqual(['1.1']);
  });
});

describe('Forwarded (RFC 7239)', () => {
  it('reads multiple elements, quoted strings, bracketed IPv6 with port, case-insensitive names', () => {
    const f = parseForwarded([
      'for=192.0.2.60;proto=http;By=203.0.113.43',
      'For="[2001:db8:cafe::17]:4711", for=unknown;host="ex\\"ample.com"',
    ]);
    expect(f.invalid).toEqual([]);
    expect(f.elements).toEqual([
      { for: '192.0.2.60', proto: 'http', by: '203.0.113.43' },
      { for: '[2001:db8:cafe::17]:4711' },
      { for: 'unknown', host: 'ex"ample.com' },
    ]);
  });
  it('flags unquoted IPv6, bad nodes and pairs without "="', () => {
    expect(parseForwarded(['for=2001:db8::1']).invalid).toHaveLength(1);
    expect(parseForwarded(['for="[2001:db8::1"']).invalid).toHaveLength(1);
    expect(parseForwarded(['for']).invalid).toHaveLength(1);
    expect(validNode('_hidden:_port')).toBe(true);
    expect(validNode('192.0.2.1:99999x')).toBe(false);
  });
});

describe('X-Forwarded-For', () => {
  it('keeps the order and flags non-addresses', () => {
    const x = parseXForwardedFor(['203.0.113.50, 198.51.100.7', '2001:db8::2, <script>']);
    expect(x.addresses).toEqual(['203.0.113.50', '198.51.100.7', '2001:db8::2', '<script>']);
    expect(x.invalid).toEqual(['<script>']);
  });
  it('knows private ranges', () => {
    expect(isPrivateAddress('10.1.2.3')).toBe(true);
    expect(isPrivateAddress('172.20.0.1')).toBe(true);
    expect(isPrivateAddress('203.0.113.50')).toBe(false);
    expect(isPrivateAddress('fd00::1')).toBe(true);
  });
});

describe('explainProxy', () => {
  it('explains the double-proxy trap: left-most is the claimed client, right-most the nearest proxy', () => {
    const r = explainProxy(exchange([], [{ name: 'X-Forwarded-For', value: '203.0.113.50, 172.68.1.1' }]));
    expect(r.xForwardedFor).toEqual(['203.0.113.50', '172.68.1.1']);
    const trap = r.findings.find((f) => f.id === 'xff-trap');
    expect(trap?.summary).toContain('203.0.113.50');
    expect(trap?.summary).toContain('172.68.1.1');
    expect(trap?.summary).toMatch(/x_for=2/);
    expect(ids(r)).toContain('xff-echoed');
  });
  it('a single XFF entry is not the trap; fields sent by the browser are flagged', () => {
    const r = explainProxy(
      exchange(
        [
          { name: 'x-forwarded-for', value: '1.2.3.4' },
          { name: 'X-Real-IP', value: '1.2.3.4' },
        ],
        [],
      ),
    );
    expect(ids(r)).not.toContain('xff-trap');
    expect(ids(r)).toContain('xff-from-browser');
    expect(r.xRealIp).toBe('1.2.3.4');
  });
  it('request fields win over a response echo', () => {
    const r = explainProxy(exchange([{ name: 'x-forwarded-for', value: '1.1.1.1' }], [{ name: 'x-forwarded-for', value: '2.2.2.2' }]));
    expect(r.xForwardedFor).toEqual(['1.1.1.1']);
  });
  it('X-Forwarded-Proto http on an https page is a TLS-termination warning', () => {
    const r = explainProxy(
      exchange(
        [],
        [
          { name: 'x-forwarded-proto', value: 'http' },
          { name: 'x-forwarded-host', value: 'myapp.example.com' },
        ],
      ),
    );
    expect(r.xForwardedProto).toBe('http');
    expect(r.xForwardedHost).toBe('myapp.example.com');
    expect(ids(r)).toContain('proto-downgrade');
  });
  it('a 502 with a Via chain blames the hop nearest the origin', () => {
    const r = explainProxy(exchange([], [{ name: 'Via', value: '1.1 apache.internal, 1.1 lb.example' }], { status: 502 }));
    expect(r.via).toHaveLength(2);
    const f = r.findings.find((x) => x.id === 'proxy-gateway-error');
    expect(f?.summary).toMatch(/not running/);
    expect(f?.rule).toContain('apache.internal');
    expect(ids(explainProxy(exchange([], [], { status: 502 })))).not.toContain('proxy-gateway-error');
  });
  it('Forwarded and XFF together are noted; nothing at all gives an empty explanation', () => {
    const r = explainProxy(
      exchange(
        [],
        [
          { name: 'forwarded', value: 'for=192.0.2.60' },
          { name: 'x-forwarded-for', value: '192.0.2.60' },
        ],
      ),
    );
    expect(ids(r)).toContain('forwarded-and-xff');
    const empty = explainProxy(exchange([], []));
    expect(empty).toEqual({
      via: [],
      forwarded: [],
      xForwardedFor: [],
      xForwardedProto: null,
      xForwardedHost: null,
      xRealIp: null,
      plain: [],
      findings: [],
    });
  });
});

describe('Via lines joined with "\\n" (Chrome HAR export)', () => {
  it('every hop is kept, none is invalid', () => {
    const x = {
      id: '1',
      url: 'https://example.com/',
      method: 'GET',
      status: 200,
      requestHeaders: [],
      responseHeaders: [{ name: 'Via', value: '1.1 varnish\n1.1 abc.cloudfront.net (CloudFront)' }],
      requestTimeMs: 0,
      responseTimeMs: 0,
      source: 'network' as const,
    };
    const r = explainProxy(x);
    expect(r.via.map((h) => h.received)).toEqual(['varnish', 'abc.cloudfront.net']);
    expect(r.findings.map((f) => f.id)).not.toContain('via-invalid');
  });
});
