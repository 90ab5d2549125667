/**
 * Proxy-Status (RFC 9209): how each intermediary handled the response, nearest the origin first. The field is a
 * Structured Field List (RFC 9651 §3.1) of proxy names (String or Token) with parameters; the error types and
 * parameters are data tables below, each with its section. Pure and bounded; never throws.
 */
import { parseList, Token } from 'structured-headers';

const RFC9209 = 'https://www.rfc-editor.org/rfc/rfc9209';
const MAX_FIELD_CHARS = 16 * 1024;
const MAX_ENTRIES = 16;
const MAX_NOTES = 8;

type ParamType = 'token' | 'string' | 'string-or-token' | 'integer' | 'token-or-bytes';

/** Parameters every entry may carry (RFC 9209 §2.1). */
export const PROXY_STATUS_PARAMS: Readonly<Record<string, { type: ParamType; section: string }>> = {
  error: { type: 'token', section: '2.1.1' },
  'next-hop': { type: 'string-or-token', section: '2.1.2' },
  'next-protocol': { type: 'token-or-bytes', section: '2.1.3' },
  'received-status': { type: 'integer', section: '2.1.4' },
  details: { type: 'string', section: '2.1.5' },
};

export interface ProxyErrorType {
  /** What happened, in plain words. */
  plain: string;
  section: string;
  /** Extra parameters this error type defines (RFC 9209 §2.3.x). */
  params?: Readonly<Record<string, ParamType>>;
}

/** The proxy error types (RFC 9209 §2.3). */
export const PROXY_ERROR_TYPES: Readonly<Record<string, ProxyErrorType>> = {
  dns_timeout: { plain: "looking up the next hop's name in DNS timed out", section: '2.3.1' },
  dns_error: {
    plain: "DNS answered the next hop's name with an error",
    section: '2.3.2',
    params: { rcode: 'string', 'info-code': 'integer' },
  },
  destination_not_found: { plain: 'it could not work out where to send the request', section: '2.3.3' },
  destination_unavailable: { plain: 'the next hop was considered unavailable (for example by health checks)', section: '2.3.4' },
  destination_ip_prohibited: { plain: "its configuration forbids connecting to the next hop's address", section: '2.3.5' },
  destination_ip_unroutable: { plain: "the next hop's address cannot be reached (no route)", section: '2.3.6' },
  connection_refused: { plain: 'the next hop refused the connection (nothing listening, or a firewall)', section: '2.3.7' },
  connection_terminated: { plain: 'the next hop closed the connection before a complete response', section: '2.3.8' },
  connection_timeout: { plain: 'opening a connection to the next hop timed out', section: '2.3.9' },
  connection_read_timeout: { plain: 'the next hop stopped sending data for too long', section: '2.3.10' },
  connection_write_timeout: { plain: 'sending the request to the next hop took too long', section: '2.3.11' },
  connection_limit_reached: { plain: 'it has reached its limit of connections to the next hop', section: '2.3.12' },
  tls_protocol_error: { plain: 'the TLS handshake with the next hop failed', section: '2.3.13' },
  tls_certificate_error: { plain: "the next hop's TLS certificate could not be verified", section: '2.3.14' },
  tls_alert_received: {
    plain: 'the next hop sent a TLS alert',
    section: '2.3.15',
    params: { 'alert-id': 'integer', 'alert-message': 'string' },
  },
  http_request_error: {
    plain: 'the request was malformed, so it was answered with a client error',
    section: '2.3.16',
    params: { 'status-code': 'integer', 'status-phrase': 'string' },
  },
  http_request_denied: { plain: 'its policy denied the request', section: '2.3.17' },
  http_response_incomplete: { plain: "the next hop's response was incomplete", section: '2.3.18' },
  http_response_header_section_size: {
    plain: "the next hop's response headers were too large in total",
    section: '2.3.19',
    params: { 'header-section-size': 'integer' },
  },
  http_response_header_size: {
    plain: "a header of the next hop's response was too large",
    section: '2.3.20',
    params: { 'header-name': 'string', 'header-size': 'integer' },
  },
  http_response_body_size: { plain: "the next hop's response body was too large", section: '2.3.21', params: { 'body-size': 'integer' } },
  http_response_trailer_section_size: {
    plain: "the next hop's trailers were too large in total",
    section: '2.3.22',
    params: { 'trailer-section-size': 'integer' },
  },
  http_response_trailer_size: {
    plain: "a trailer of the next hop's response was too large",
    section: '2.3.23',
    params: { 'trailer-name': 'string', 'trailer-size': 'integer' },
  },
  http_response_transfer_coding: {
    plain: "the next hop's transfer coding could not be decoded",
    section: '2.3.24',
    params: { coding: 'token' },
  },
  http_response_content_coding: {
    plain: "the next hop's content coding could not be decoded",
    section: '2.3.25',
    params: { coding: 'token' },
  },
  http_response_timeout: { plain: 'the next hop took too long to send its response', section: '2.3.26' },
  http_upgrade_failed: { plain: 'switching protocols with the next hop failed', section: '2.3.27' },
  http_protocol_error: { plain: 'the next hop broke the HTTP protocol', section: '2.3.28' },
  proxy_internal_response: { plain: 'it answered itself, without asking the next hop', section: '2.3.29' },
  proxy_internal_error: { plain: 'it failed internally', section: '2.3.30' },
  proxy_configuration_error: { plain: 'its configuration is wrong', section: '2.3.31' },
  proxy_loop_detected: { plain: 'the request came back to it in a loop', section: '2.3.32' },
};

function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

function typeOk(type: ParamType, v: unknown): boolean {
  switch (type) {
    case 'token':
      return v instanceof Token;
    case 'string':
      return typeof v === 'string';
    case 'string-or-token':
      return typeof v === 'string' || v instanceof Token;
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'token-or-bytes':
      return v instanceof Token || v instanceof ArrayBuffer || ArrayBuffer.isView(v);
  }
  return false;
}

function text(v: unknown): string {
  if (v instanceof Token) return v.toString();
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '?';
}

export interface ProxyStatusEntry {
  proxy: string;
  /** The error token, if any (known or not). */
  error?: string;
  /** Plain words for a known error. */
  errorPlain?: string;
  /** Section of RFC 9209 for a known error. */
  errorSection?: string;
  nextHop?: string;
  receivedStatus?: number;
  details?: string;
}

export interface ProxyStatusParse {
  entries: ProxyStatusEntry[];
  invalid: boolean;
  unknownParams: string[];
  badParams: string[];
}

/** Parse Proxy-Status field lines; each line on its own, so one bad line keeps the others. */
export function parseProxyStatus(lines: readonly string[]): ProxyStatusParse {
  const out: ProxyStatusParse = { entries: [], invalid: false, unknownParams: [], badParams: [] };
  for (const line0 of lines.slice(0, MAX_ENTRIES)) {
    const line = typeof line0 === 'string' ? line0.slice(0, MAX_FIELD_CHARS) : '';
    let list;
    try {
      list = parseList(line);
    } catch {
      out.invalid = true;
      continue;
    }
    for (const [value, params] of list) {
      if (out.entries.length >= MAX_ENTRIES) break;
      if (Array.isArray(value) || !(typeof value === 'string' || value instanceof Token)) {
        out.invalid = true;
        continue;
      }
      const entry: ProxyStatusEntry = { proxy: value.toString().slice(0, 120) };
      const errorValue = params.get('error');
      const errorType = errorValue instanceof Token ? own(PROXY_ERROR_TYPES, errorValue.toString()) : undefined;
      for (const [name, v] of params) {
        const general = own(PROXY_STATUS_PARAMS, name);
        const specific = errorType?.params ? own(errorType.params, name) : undefined;
        const type = general?.type ?? specific;
        if (type === undefined) {
          if (!out.unknownParams.includes(name) && out.unknownParams.length < MAX_NOTES) out.unknownParams.push(name.slice(0, 64));
        } else if ((!typeOk(type, v) || (name === 'error' && !errorType)) && out.badParams.length < MAX_NOTES) {
          out.badParams.push(`${name}=${text(v).slice(0, 64)}`);
        }
      }
      if (errorValue instanceof Token) {
        entry.error = errorValue.toString();
        if (errorType) {
          entry.errorPlain = errorType.plain;
          entry.errorSection = errorType.section;
        }
      }
      const nextHop = params.get('next-hop');
      if (typeof nextHop === 'string' || nextHop instanceof Token) entry.nextHop = nextHop.toString().slice(0, 120);
      const received = params.get('received-status');
      if (typeof received === 'number' && Number.isInteger(received)) entry.receivedStatus = received;
      const details = params.get('details');
      if (typeof details === 'string') entry.details = details.slice(0, 200);
      out.entries.push(entry);
    }
  }
  return out;
}

/** One sentence per entry, for the proxy-status finding. */
export function describeProxyStatus(e: ProxyStatusEntry): { meaning: string; link: string } {
  const parts: string[] = [];
  if (e.error && e.errorPlain) parts.push(`${e.errorPlain} (${e.error})`);
  else if (e.error) parts.push(`an error RFC 9209 does not define (${e.error})`);
  else parts.push('handled it without reporting an error');
  if (e.nextHop) parts.push(`next hop ${e.nextHop}`);
  if (e.receivedStatus !== undefined) parts.push(`it received status ${e.receivedStatus} from there`);
  if (e.details) parts.push(`details: ${e.details}`);
  return { meaning: parts.join('; '), link: `${RFC9209}#section-${e.errorSection ?? '2'}` };
}
