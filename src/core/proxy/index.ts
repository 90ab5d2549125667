/**
 * explainProxy: the intermediaries between the browser and the application, from Via (RFC 9110 §7.6.3),
 * Forwarded (RFC 7239), X-Forwarded-For/-Proto/-Host and X-Real-IP. Forwarding fields are request fields; the
 * browser normally never sends them, so they are read from the request (added by an extension or local tool) and,
 * when a server echoes them, from the response.
 */
import type { ProxyExplanation } from '../explanation';
import { isList, recordOf, valueText } from '../loose';
import type { ExchangeRecord, Finding, LooseHeaderList } from '../types';
import { applyNote, fill } from '../notes';
import { PROXY_FIXES, PROXY_GATEWAY_STATUS, PROXY_NOTES } from './notes';
import { parseForwarded, parseVia, parseXForwardedFor } from './parsers';
import { describeProxyStatus, parseProxyStatus } from './status';

export { parseForwarded, parseVia, parseXForwardedFor, isPrivateAddress, validNode } from './parsers';
export { parseProxyStatus, PROXY_ERROR_TYPES, PROXY_STATUS_PARAMS } from './status';

/** A proxy finding with its fix (PROXY_FIXES), placeholders filled from the same parameters. */
export function proxyNote(id: string, params?: Record<string, string | number>): Finding {
  const f = applyNote(PROXY_NOTES, id, params);
  const fix = Object.prototype.hasOwnProperty.call(PROXY_FIXES, id) ? PROXY_FIXES[id] : undefined;
  if (fix !== undefined) f.fix = fill(fix, params);
  return f;
}

const MAX_HEADER_LINES = 10_000;

/** The fields explainProxy reads (lower case). */
const WANTED: ReadonlySet<string> = new Set([
  'via',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-real-ip',
  'proxy-status',
]);
/** Proxy-Status entries explained at most, one finding each (the parse itself keeps up to 16). */
const MAX_STATUS_NOTES = 4;
/**
 * WANTED_FIRST[n] has bit k set when a wanted name of n characters starts with the k-th letter (a = 0): most field
 * names (Content-Type, Accept-Encoding, cf-cache-status...) are then passed over by a few number operations.
 */
const WANTED_FIRST: readonly number[] = (() => {
  const out: number[] = [];
  for (const n of WANTED) out[n.length] = (out[n.length] ?? 0) | (1 << (n.charCodeAt(0) - 97)); // names start with a-z
  for (let i = 0; i < out.length; i++) out[i] ??= 0;
  return out;
})();
const NO_LINES: string[] = [];

/**
 * One pass over a header list: the wanted fields' values by lower-case name, in wire order. Names whose length and
 * first letter no wanted field has are skipped without lower-casing them (most of a response's fields).
 */
function fieldLines(headers: LooseHeaderList | undefined): Map<string, string[]> | null {
  if (!isList(headers)) return null;
  let out: Map<string, string[]> | null = null;
  const n = Math.min(headers.length, MAX_HEADER_LINES);
  for (let i = 0; i < n; i++) {
    const h = headers[i];
    if (!h) continue;
    const raw = h.name;
    if (typeof raw !== 'string') continue;
    const letters = WANTED_FIRST[raw.length];
    if (letters === undefined || letters === 0) continue;
    // | 0x20 lower-cases A-Z and keeps a-z; no other character lower-cases to a-z but U+0130 (i) and U+212A (k),
    // and a shift of 32 or more is taken mod 32 by JavaScript, so the range test comes first.
    const k = (raw.charCodeAt(0) | 0x20) - 97;
    if (k < 0 || k > 25 || (letters & (1 << k)) === 0) continue;
    const name = raw.toLowerCase();
    if (!WANTED.has(name)) continue;
    const value = typeof h.value === 'string' ? h.value : valueText(h.value);
    out ??= new Map();
    let list = out.get(name);
    if (!list) out.set(name, (list = []));
    // Chrome's HAR export joins repeated field lines with "\n": each one is a field line (every Via hop counts).
    if (value.includes('\n')) {
      for (const part of value.split('\n', 256)) if (part.trim() && list.length < MAX_HEADER_LINES) list.push(part.trim());
    } else list.push(value);
  }
  return out;
}

function lines(fields: Map<string, string[]> | null, name: string): string[] {
  return fields?.get(name) ?? NO_LINES;
}

function firstValue(list: string[]): string | null {
  const [line] = list;
  if (line === undefined) return null;
  const v = line.split(',')[0]!.trim(); // split gives at least one part
  return v ? v.slice(0, 256) : null;
}

/**
 * Adds a finding. A module function rather than a closure made in each explainProxy call: making that closure cost
 * more than most calls' own work (and esbuild's keepNames, which tsx applies, names each one as it is made).
 */
function addNote(findings: Finding[], id: string, params?: Record<string, string | number>): void {
  findings.push(proxyNote(id, params));
}

function short(v: string, n = 120): string {
  return v.length > n ? v.slice(0, n - 3) + '...' : v;
}

/** A forwarding field as picked by explainProxy: the request's own lines, else a response echo. */
interface Picked {
  list: string[];
  where: 'request' | 'response' | null;
}

/** Forwarding fields: the request's own (what the browser sent) first, else a response echo. */
function pick(req: Map<string, string[]> | null, res: Map<string, string[]> | null, name: string): Picked {
  const inReq = lines(req, name);
  if (inReq.length) return { list: inReq, where: 'request' };
  const inRes = lines(res, name);
  return inRes.length ? { list: inRes, where: 'response' } : { list: [], where: null };
}

export function explainProxy(x: ExchangeRecord): ProxyExplanation {
  const findings: Finding[] = [];
  const req = fieldLines(x.requestHeaders);
  const res = fieldLines(x.responseHeaders);
  // Most exchanges carry none of the fields read here: the answer is then empty, without parsing anything.
  if (req === null && res === null) {
    return { via: [], forwarded: [], xForwardedFor: [], xForwardedProto: null, xForwardedHost: null, xRealIp: null, plain: [], findings };
  }

  // Via on the response: the chain that carried the response back (origin side first).
  const via = parseVia(lines(res, 'via'));
  if (via.hops.length)
    addNote(findings, 'via-hops', {
      count: via.hops.length,
      hops: short(via.hops.map((h) => h.received + (h.comment ? ` (${h.comment})` : '')).join(' → '), 200),
    });
  for (const entry of via.invalid.slice(0, 3)) addNote(findings, 'via-invalid', { entry });

  // Proxy-Status (RFC 9209) on the response: how each intermediary handled it.
  const psLines = lines(res, 'proxy-status');
  if (psLines.length) {
    const ps = parseProxyStatus(psLines);
    if (ps.invalid) addNote(findings, 'proxy-status-invalid');
    for (const e of ps.entries.slice(0, MAX_STATUS_NOTES)) {
      const d = describeProxyStatus(e);
      const f = proxyNote('proxy-status', { proxy: e.proxy, meaning: d.meaning });
      f.link = d.link; // the section of the error type reported
      findings.push(f);
    }
    if (ps.unknownParams.length) addNote(findings, 'proxy-status-unknown-param', { params: ps.unknownParams.join(', ') });
    if (ps.badParams.length) addNote(findings, 'proxy-status-bad-param', { params: ps.badParams.join(', ') });
  }

  const fwd = pick(req, res, 'forwarded');
  const forwarded = parseForwarded(fwd.list);
  if (forwarded.elements.length)
    addNote(findings, 'forwarded-chain', { count: forwarded.elements.length, first: forwarded.elements[0]?.for ?? 'not given' });
  for (const entry of forwarded.invalid.slice(0, 3)) addNote(findings, 'forwarded-invalid', { entry });

  const xffField = pick(req, res, 'x-forwarded-for');
  const xff = parseXForwardedFor(xffField.list);
  if (xff.addresses.length) {
    addNote(findings, 'xff-chain', {
      where: xffField.where === 'request' ? 'in the request' : 'echoed in the response',
      count: xff.addresses.length,
      chain: short(xff.addresses.join(', '), 200),
    });
    const [firstAddress, ...others] = xff.addresses;
    const lastAddress = others.at(-1);
    if (firstAddress !== undefined && lastAddress !== undefined) addNote(findings, 'xff-trap', { first: firstAddress, last: lastAddress });
    for (const entry of xff.invalid.slice(0, 3)) addNote(findings, 'xff-invalid', { entry });
  }
  if (forwarded.elements.length && xff.addresses.length) addNote(findings, 'forwarded-and-xff');

  const proto = pick(req, res, 'x-forwarded-proto');
  const host = pick(req, res, 'x-forwarded-host');
  const realIp = pick(req, res, 'x-real-ip');
  const xForwardedProto = firstValue(proto.list);
  const xForwardedHost = firstValue(host.list);
  const xRealIp = firstValue(realIp.list);
  if (xRealIp) addNote(findings, 'x-real-ip', { value: xRealIp });

  // Where the fields were seen (most exchanges with proxy fields carry only Via: nothing to say then).
  if (fwd.where !== null || xffField.where !== null || proto.where !== null || host.where !== null || realIp.where !== null) {
    const fromBrowser = [
      ['Forwarded', fwd.where],
      ['X-Forwarded-For', xffField.where],
      ['X-Forwarded-Proto', proto.where],
      ['X-Forwarded-Host', host.where],
      ['X-Real-IP', realIp.where],
    ] as const;
    const sentByBrowser = fromBrowser.filter(([, w]) => w === 'request').map(([n]) => n);
    if (sentByBrowser.length) addNote(findings, 'xff-from-browser', { header: sentByBrowser.join(', ') });
    for (const [name, where] of fromBrowser) {
      if (where !== 'response') continue;
      const value = lines(res, name.toLowerCase()).join(', ');
      addNote(findings, 'xff-echoed', { header: name, value: short(value, 80) });
    }
  }

  if (xForwardedProto && /^https:/i.test(recordOf(x).url ?? '') && xForwardedProto.toLowerCase() === 'http')
    addNote(findings, 'proto-downgrade', { proto: xForwardedProto });

  // A gateway status with a proxy in the Via chain: the proxy nearest the origin could not get an answer.
  const gateway =
    typeof x.status === 'number' && Object.prototype.hasOwnProperty.call(PROXY_GATEWAY_STATUS, x.status)
      ? PROXY_GATEWAY_STATUS[x.status]
      : undefined;
  if (gateway && via.hops.length)
    addNote(findings, 'proxy-gateway-error', { meaning: gateway.meaning, rule: gateway.rule, proxy: via.hops[0]!.received }); // hops.length checked

  return {
    via: via.hops,
    forwarded: forwarded.elements,
    xForwardedFor: xff.addresses,
    xForwardedProto,
    xForwardedHost,
    xRealIp,
    plain: findings.map((f) => f.summary),
    findings,
  };
}
