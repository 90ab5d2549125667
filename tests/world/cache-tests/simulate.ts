/**
 * Runs one http-tests/cache-tests test (vendor/tests/*.mjs) against the engine's cache model, with a simulated
 * origin server and client in place of the suite's Node server and fetch() client. The checks are the suite's
 * (expected_type, statuses, response and request headers, bodies), written again here against the simulation.
 * The format is described by vendor/test-engine/lib/testsuite-schema.json.
 */
import type { BrowserProfile, HeaderList } from '../../../src/core/types';
import { anyText } from '../../../src/core/loose';
import { CacheModel, type FetchCacheMode, type ModelRequest, type ModelResponse } from '../../../src/core/cache/model';

export interface Profile {
  /** Shown in the output, e.g. "chrome" or "rfc shared". */
  name: string;
  kind: 'private' | 'shared';
  browser: BrowserProfile;
  /** Run as the suite runs browsers (fetch() from a page): browser_skip / cdn_only skipped, Set-Cookie unreadable. */
  browserMode: boolean;
}

export type Outcome = true | [string, string];

type Header = [string, string | number | string[], boolean?];
/** A header to check: present (name), with a value (magic allowed), equal to another header, or above an integer. */
type ExpectedHeader = string | [string, string | number] | HeaderComparison;
/** [name, '=', other header's name] or [name, '>', integer]. */
type HeaderComparison = [string, string, string | number];
/** A name, or [name, value]. */
type NamedHeader = string | [string, string];

/** One request of a test, as the suite's schema (vendor/test-engine/lib/testsuite-schema.json) describes it. */
interface ReqConfig {
  request_method?: string;
  request_headers?: Array<[string, string | number]>;
  request_body?: string;
  query_arg?: string;
  filename?: string;
  mode?: string;
  credentials?: string;
  cache?: FetchCacheMode;
  redirect?: string;
  pause_after?: boolean;
  disconnect?: boolean;
  magic_locations?: boolean;
  interim_responses?: unknown[];
  expected_interim_responses?: unknown[];
  magic_ims?: boolean;
  rfc850date?: string[];
  response_status?: [number, string?];
  response_headers?: Header[];
  response_body?: string | null;
  check_body?: boolean;
  expected_type?: 'cached' | 'not_cached' | 'lm_validated' | 'etag_validated';
  expected_method?: string;
  expected_status?: number | null;
  expected_request_headers?: NamedHeader[];
  response_pause?: number;
  expected_request_headers_missing?: NamedHeader[];
  expected_response_headers?: ExpectedHeader[];
  expected_response_headers_missing?: NamedHeader[];
  expected_response_text?: string | null;
  setup?: boolean;
  setup_tests?: string[];
}

export interface TestDef {
  id: string;
  name: string;
  kind?: 'required' | 'optimal' | 'check';
  requests: ReqConfig[];
  browser_only?: boolean;
  browser_skip?: boolean;
  cdn_only?: boolean;
  depends_on?: string[];
}

const BASE = 'http://127.0.0.1:8000';
/** 2026-01-01T00:00:00Z: the simulation's clock starts here (ms). */
const T0 = 1767225600000;
/** The suite's client pauses 3 s after a request marked pause_after. */
const PAUSE_MS = 3000;
/** Time a simulated network round trip takes (ms). */
const RTT_MS = 5;
const NO_BODY_STATUS = new Set([204, 304]);
const DATE_HEADERS = new Set(['date', 'expires', 'last-modified', 'if-modified-since', 'if-unmodified-since']);
const LOCATION_HEADERS = new Set(['location', 'content-location']);
const UNREADABLE_IN_BROWSERS = new Set(['set-cookie', 'set-cookie2']);

class Failure extends Error {
  constructor(
    readonly kind: 'Assertion' | 'Setup' | 'TypeError',
    message: string,
  ) {
    super(message);
  }
}

function check(isSetup: boolean, ok: boolean, message: string): void {
  if (!ok) throw new Failure(isSetup ? 'Setup' : 'Assertion', message);
}

function isSetupFor(r: ReqConfig, member: string): boolean {
  return r.setup === true || (Array.isArray(r.setup_tests) && r.setup_tests.includes(member));
}

/** IMF-fixdate as Date.prototype.toUTCString writes it, for `now + delta` seconds; or RFC 850 when asked. */
function httpDate(nowMs: number, deltaSeconds: number, rfc850: boolean): string {
  const d = new Date(nowMs + deltaSeconds * 1000);
  if (!rfc850) return d.toUTCString();
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())}-${months[d.getUTCMonth()]}-${String(d.getUTCFullYear()).slice(2)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} GMT`;
}

/** The suite's "magic" values: integer dates are offsets from the server's now; locations are relative to the URL path. */
function magic(name: string, value: Header[1], serverNowMs: number, basePath: string, r: ReqConfig): string {
  const lower = name.toLowerCase();
  if (DATE_HEADERS.has(lower) && typeof value === 'number' && Number.isInteger(value)) {
    return httpDate(serverNowMs, value, Array.isArray(r.rfc850date) && r.rfc850date.includes(lower));
  }
  if (LOCATION_HEADERS.has(lower) && r.magic_locations) return value ? `${basePath}/${String(value)}` : basePath;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** The forms of expected_response_headers with an operator have three members. */
function isComparison(h: Exclude<ExpectedHeader, string>): h is HeaderComparison {
  return h.length > 2;
}

function get(headers: HeaderList, name: string): string | null {
  const lower = name.toLowerCase();
  const vals = headers.filter((h) => h.name.toLowerCase() === lower).map((h) => h.value);
  return vals.length ? vals.join(', ') : null;
}

interface ServerRecord {
  requestNum: number;
  method: string;
  headers: HeaderList;
  savedHeaders: Array<[string, string]>;
}

interface ClientResponse {
  status: number;
  headers: HeaderList;
  body: string;
}

/** The suite's origin server, simulated: answers each request as the test's config for that request says. */
class Origin {
  readonly log: ServerRecord[] = [];

  constructor(
    private readonly uuid: string,
    private readonly requests: ReqConfig[],
  ) {}

  handle(url: string, method: string, headers: HeaderList, nowMs: number): (ModelResponse & { body: string }) | 'disconnect' {
    const srvNum = this.log.length + 1;
    const cliNum = Number.parseInt(get(headers, 'req-num') ?? '', 10);
    const num = cliNum || srvNum;
    const r = this.requests[num - 1];
    if (!r) return { status: 409, headers: [], requestTime: nowMs / 1000, responseTime: nowMs / 1000, body: 'config not found' };
    const pauseMs = typeof r.response_pause === 'number' ? r.response_pause * 1000 : 0;
    const at = nowMs + pauseMs;
    let status: number = Array.isArray(r.response_status) ? r.response_status[0] : 200;
    if (typeof r.expected_type === 'string' && r.expected_type.endsWith('validated')) {
      // Like the suite's server, the previous request's configured values (dates filled in once sent).
      const prev: HeaderList = (this.requests[num - 2]?.response_headers ?? []).map((h) => ({ name: h[0], value: String(h[1]) }));
      const lm = get(prev, 'last-modified');
      const etag = get(prev, 'etag');
      if ((lm !== null && get(headers, 'if-modified-since') === lm) || (etag !== null && get(headers, 'if-none-match') === etag))
        status = 304;
      else status = 999;
    }
    const path = new URL(url).pathname;
    const out: HeaderList = [
      { name: 'Server-Base-Url', value: path },
      { name: 'Server-Request-Count', value: String(srvNum) },
      { name: 'Client-Request-Count', value: String(cliNum) },
      { name: 'Server-Now', value: String(at) },
    ];
    const saved: Array<[string, string]> = [];
    for (const h of r.response_headers ?? []) {
      const value = magic(h[0], h[1], at, path, r);
      h[1] = value; // the suite's server fills the config in place; later checks read it
      out.push({ name: h[0], value });
      if (h.length < 3 || h[2] === true) {
        const prior = saved.find((s) => s[0].toLowerCase() === h[0].toLowerCase());
        if (prior) prior[1] = `${prior[1]}, ${value}`;
        else saved.push([h[0], value]);
      }
    }
    if (get(out, 'content-type') === null) out.push({ name: 'Content-Type', value: 'text/plain' });
    // Node's http server adds Date to every response that does not set one.
    if (get(out, 'date') === null) out.push({ name: 'Date', value: new Date(at).toUTCString() });
    this.log.push({ requestNum: cliNum, method, headers, savedHeaders: saved });
    if (r.disconnect) return 'disconnect';
    const body = NO_BODY_STATUS.has(status) || method === 'HEAD' ? '' : (r.response_body ?? this.uuid);
    return { status, headers: out, requestTime: nowMs / 1000, responseTime: (at + RTT_MS) / 1000, body };
  }
}

export function simulate(test: TestDef, profile: Profile): Outcome {
  const requests = JSON.parse(JSON.stringify(test.requests)) as ReqConfig[];
  const uuid = `00000000-0000-4000-8000-${test.id.length.toString(16).padStart(12, '0')}`;
  const origin = new Origin(uuid, requests);
  const cache = new CacheModel({ kind: profile.kind, browser: profile.browser });
  let now = T0;
  const responses: ClientResponse[] = [];
  try {
    for (let i = 0; i < requests.length; i++) {
      const r = requests[i]!; // i < requests.length
      const num = i + 1;
      const prev = responses[i - 1];
      let url = `${BASE}/test/${uuid}`;
      if (r.filename) url += `/${r.filename}`;
      if (r.query_arg) url += `?${r.query_arg}`;
      const headers: HeaderList = [];
      if (!profile.browserMode) {
        // The suite's Node client marks its requests so that caches see a plain request (fetching.mjs).
        headers.push({ name: 'Pragma', value: 'foo' }, { name: 'Cache-Control', value: 'nothing-to-see-here' });
      }
      for (const [name, value] of r.request_headers ?? []) {
        let v = String(value);
        if (r.magic_ims === true && name.toLowerCase() === 'if-modified-since' && typeof value === 'number') {
          v = httpDate(Number.parseInt(get(prev?.headers ?? [], 'server-now') ?? '0', 10), value, false);
        }
        headers.push({ name, value: v });
      }
      headers.push({ name: 'Test-Name', value: test.name }, { name: 'Test-ID', value: test.id }, { name: 'Req-Num', value: String(num) });
      const method = typeof r.request_method === 'string' ? r.request_method : 'GET';
      const mode = profile.browserMode ? (r.cache ?? 'default') : 'default';
      const req: ModelRequest = { url, method, headers, time: now / 1000, mode };
      const res = exchange(cache, origin, req, now);
      now += RTT_MS + (typeof r.response_pause === 'number' ? r.response_pause * 1000 : 0);
      if (res === 'network-error') throw new Failure('TypeError', `Response ${num}: network error (fetch failed)`);
      if (profile.browserMode) res.headers = res.headers.filter((h) => !UNREADABLE_IN_BROWSERS.has(h.name.toLowerCase()));
      responses.push(res);
      checkResponse(r, num, res, uuid);
      if (r.pause_after === true) now += PAUSE_MS;
    }
    checkServer(requests, responses, origin.log, profile);
  } catch (e) {
    if (e instanceof Failure) return [e.kind, e.message];
    return ['Harness', (e as Partial<Error> | null | undefined)?.stack ?? String(e)];
  }
  return true;
}

/** One request through the cache to the origin and back; what the client gets. */
function exchange(cache: CacheModel, origin: Origin, req: ModelRequest, nowMs: number): ClientResponse | 'network-error' {
  const decision = cache.lookup(req);
  const toClient = (m: ModelResponse): ClientResponse => ({ status: m.status, headers: [...m.headers], body: anyText(m.body ?? '') });
  if (decision.action === 'unavailable') return 'network-error';
  if (decision.action === 'fresh') return toClient(cache.serve(req, decision.entry!));
  const base =
    decision.action === 'revalidate' || decision.action === 'stale-while-revalidate'
      ? [...stripConditional(req.headers ?? []), ...decision.conditional]
      : (req.headers ?? []);
  const forwarded = [...base, ...decision.forward];
  const send = () => origin.handle(req.url, req.method ?? 'GET', forwarded, nowMs);
  if (decision.action === 'stale-while-revalidate') {
    const served = toClient(cache.serve(req, decision.entry!));
    const bg = send();
    cache.receive(req, { ...decision, action: 'revalidate' }, bg === 'disconnect' ? null : bg);
    return served;
  }
  const answer = send();
  const got = cache.receive(req, decision, answer === 'disconnect' ? null : answer);
  if (!got) return 'network-error';
  return toClient(got.response);
}

/** A cache's own revalidation replaces conditional headers the client sent with its stored validators. */
function stripConditional(headers: HeaderList): HeaderList {
  return headers.filter((h) => !/^if-(none-match|modified-since)$/i.test(h.name));
}

function checkResponse(r: ReqConfig, num: number, res: ClientResponse, uuid: string): void {
  const resNum = Number.parseInt(get(res.headers, 'server-request-count') ?? '', 10);
  if ('expected_type' in r) {
    const setup = isSetupFor(r, 'expected_type');
    if (r.expected_type === 'cached' && !(res.status === 304 && Number.isNaN(resNum))) {
      check(setup, resNum < num, `Response ${num} does not come from cache`);
    }
    if (r.expected_type === 'not_cached') check(setup, resNum === num, `Response ${num} comes from cache`);
  }
  if ('expected_status' in r) {
    if (r.expected_status !== null)
      check(
        isSetupFor(r, 'expected_status'),
        res.status === r.expected_status,
        `Response ${num} status is ${res.status}, not ${r.expected_status}`,
      );
  } else if ('response_status' in r) {
    const configured = r.response_status!; // the key is there; the schema makes its value a [status, phrase] array
    check(true, res.status === configured[0], `Response ${num} status is ${res.status}, not ${configured[0]}`);
  } else if (res.status === 999) {
    check(isSetupFor(r, 'expected_type'), false, `Request ${num} should have been conditional, but it was not.`);
  } else {
    check(true, res.status === 200, `Response ${num} status is ${res.status}, not 200`);
  }
  const serverNow = Number.parseInt(get(res.headers, 'server-now') ?? '0', 10);
  if (Array.isArray(r.expected_response_headers)) {
    const setup = isSetupFor(r, 'expected_response_headers');
    for (const h of r.expected_response_headers) {
      if (typeof h === 'string') {
        check(setup, get(res.headers, h) !== null, `Response ${num} ${h} header not present.`);
        continue;
      }
      const value = get(res.headers, h[0]);
      if (isComparison(h)) {
        check(setup, value !== null, `Response ${num} ${h[0]} header not present.`);
        // The schema: '=' names another header, '>' gives an integer.
        if (h[1] === '=')
          check(setup, value === get(res.headers, h[2] as string), `Response ${num} header ${h[0]} is ${value}, should match ${h[2]}`);
        else if (h[1] === '>')
          check(
            setup,
            Number.parseInt(value ?? '', 10) > (h[2] as number),
            `Response ${num} header ${h[0]} is ${value}, should be bigger than ${h[2]}`,
          );
        else throw new Error(`unknown operator ${h[1]}`);
        continue;
      }
      const expected = magic(h[0], h[1], serverNow, get(res.headers, 'server-base-url') ?? '', r);
      check(setup, value === expected, `Response ${num} header ${h[0]} is "${value}", not "${expected}"`);
    }
  }
  if (Array.isArray(r.expected_response_headers_missing)) {
    const setup = isSetupFor(r, 'expected_response_headers_missing');
    for (const h of r.expected_response_headers_missing) {
      if (typeof h === 'string') check(setup, get(res.headers, h) === null, `Response ${num} includes unexpected header ${h}`);
      // The suite's two-element form reads `response.headers[name]`, which a Fetch Headers object never has: no check.
    }
  }
  if (Array.isArray(r.expected_interim_responses)) throw new Failure('Setup', 'interim responses are not simulated');
  if (r.check_body === false) return;
  if ('expected_response_text' in r) {
    if (r.expected_response_text !== null)
      check(
        isSetupFor(r, 'expected_response_text'),
        res.body === r.expected_response_text,
        `Response body is "${res.body}", not "${r.expected_response_text}"`,
      );
  } else if ('response_body' in r && r.response_body !== null) {
    check(true, res.body === r.response_body, `Response body is "${res.body}", not "${r.response_body}"`);
  } else if (!NO_BODY_STATUS.has(res.status) && r.request_method !== 'HEAD') {
    check(true, res.body === uuid, `Response body is "${res.body}", not "${uuid}"`);
  }
}

function checkServer(requests: ReqConfig[], responses: ClientResponse[], log: ServerRecord[], profile: Profile): void {
  let k = 0;
  for (let i = 0; i < requests.length; i++) {
    const r = requests[i]!; // i < requests.length
    const num = i + 1;
    const setup = isSetupFor(r, 'expected_type');
    const seen = log[k];
    const validating: string[] = [];
    if ('expected_type' in r) {
      if (r.expected_type === 'cached') continue;
      if (r.expected_type === 'not_cached')
        check(setup, seen?.requestNum === num, `Response ${num} comes from cache (${seen?.requestNum} on server)`);
      if (r.expected_type === 'etag_validated') validating.push('if-none-match');
      if (r.expected_type === 'lm_validated') validating.push('if-modified-since');
    }
    k++;
    for (const v of validating) {
      check(setup, seen !== undefined, `request ${num} wasn't sent to server`);
      check(
        setup,
        get(seen!.headers, v) !== null, // the check above threw when seen is undefined
        `request ${num} doesn't have ${v} header`,
      );
    }
    if (Array.isArray(r.expected_request_headers)) {
      const s = isSetupFor(r, 'expected_request_headers');
      for (const h of r.expected_request_headers) {
        if (typeof h === 'string') check(s, seen !== undefined && get(seen.headers, h) !== null, `Request ${num} ${h} header not present.`);
        else check(s, seen !== undefined && get(seen.headers, h[0]) === h[1], `Request ${num} header ${h[0]} is not "${h[1]}"`);
      }
    }
    if (Array.isArray(r.expected_request_headers_missing)) {
      const s = isSetupFor(r, 'expected_request_headers_missing');
      for (const h of r.expected_request_headers_missing) {
        if (typeof h === 'string') check(s, seen === undefined || get(seen.headers, h) === null, `Request ${num} ${h} header present.`);
        else check(s, seen === undefined || get(seen.headers, h[0]) !== h[1], `Request ${num} header ${h[0]} is "${h[1]}"`);
      }
    }
    if (seen) {
      const res = responses[i];
      for (const [name, value] of seen.savedHeaders) {
        const lower = name.toLowerCase();
        if (profile.browserMode && UNREADABLE_IN_BROWSERS.has(lower)) continue;
        if (lower === 'date') continue;
        const received = res ? get(res.headers, name) : null;
        check(true, received === value, `Response ${num} header ${name} is "${received}", not "${value}"`);
      }
    }
    if ('expected_method' in r)
      check(
        isSetupFor(r, 'expected_method'),
        seen?.method === r.expected_method,
        `Request ${num} had method ${seen?.method}, not ${r.expected_method}`,
      );
  }
}
