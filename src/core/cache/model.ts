/**
 * An executable model of one HTTP cache (RFC 9111), private (a browser, under the rfc / chrome / firefox profile)
 * or shared (a CDN or proxy, always RFC). It holds the responses seen so far and answers, for a later request, what
 * the cache does with it: serve it fresh, serve it stale (stale-while-revalidate), revalidate it (which validators),
 * or go to the network; then takes the network's answer: stores it, freshens a stored response with a 304 or a HEAD
 * response, invalidates after unsafe methods.
 *
 * Every rule that decides is either RFC 9111 (section cited at the rule) or a profile entry in profiles.ts with its
 * browser source. The one-exchange judgement (storability, lifetime, age) is freshness.ts's: the model calls it.
 */
import { orEmpty } from '../loose';
import type { BrowserProfile, ExchangeRecord, HeaderList, LooseHeader, LooseHeaderList, LooseRecord } from '../types';
import type { CacheKind } from '../explanation';
import { fill } from '../notes';
import { buildFacts, type ResponseFacts } from './facts';
import { computeView, effectiveNoCache, type ViewResult } from './freshness';
import { parseCacheControl, parseETag, parseHttpDate, parsePragma, parseVary } from './parsers';
import { profileFor, type CacheProfile } from './profiles';
import { fieldValues, firstField } from './fields';
import { humanDuration } from './urls';
import { parseDictionary } from 'structured-headers';

/** How the next use comes about (what the user does). `fetch` is a plain subresource use (the Fetch API's default). */
export type LoadKind = 'navigation' | 'reload' | 'hard-reload';
/** What kind of resource the request is for: browsers treat the page itself differently on reload. */
export type Destination = 'document' | 'iframe' | 'subresource';
/** The Fetch standard's request cache mode (https://fetch.spec.whatwg.org/#concept-request-cache-mode). */
export type FetchCacheMode = 'default' | 'no-store' | 'reload' | 'no-cache' | 'force-cache' | 'only-if-cached';

export type CacheAction = 'fresh' | 'stale-while-revalidate' | 'revalidate' | 'network' | 'unavailable';

export interface ModelRequest {
  url: string;
  method?: string;
  headers?: HeaderList;
  /** Epoch seconds. */
  time: number;
  load?: LoadKind;
  destination?: Destination;
  mode?: FetchCacheMode;
}

export interface ModelResponse {
  status: number;
  headers: HeaderList;
  /** Epoch seconds: request sent, response received. */
  requestTime: number;
  responseTime: number;
  /** Opaque to the model: carried with the stored response (a test's body, an exchange id). */
  body?: unknown;
  id?: string;
}

export interface StoredResponse extends ModelResponse {
  url: string;
  method: string;
  /** The request that produced it: Vary's secondary keys are matched against its headers (RFC 9111 §4.1). */
  requestHeaders: HeaderList;
  id: string;
}

export type DecisionReason =
  | 'no-entry'
  | 'vary-mismatch'
  | 'vary-star'
  | 'unsafe-method'
  | 'method'
  | 'fresh'
  | 'fresh-max-stale'
  | 'force-cache'
  | 'stale-while-revalidate'
  | 'stale'
  | 'stale-no-validator'
  | 'response-no-cache'
  | 'request-no-cache'
  | 'request-no-cache-bypass'
  | 'request-max-age'
  | 'request-min-fresh'
  | 'request-no-store'
  | 'conditional-request'
  | 'mode-no-store'
  | 'mode-reload'
  | 'mode-no-cache'
  | 'only-if-cached-miss'
  | 'reload-main'
  | 'reload-subresource'
  | 'reload-all'
  | 'reload-immutable'
  | 'hard-reload';

export interface CacheDecision {
  action: CacheAction;
  reason: DecisionReason;
  /** The stored response the decision is about (served, or revalidated), null when none applies. */
  entry: StoredResponse | null;
  /** Validators sent with a revalidation (If-None-Match, If-Modified-Since). */
  conditional: Readonly<HeaderList>;
  /** May the network's answer be stored (false: the request or its mode said no-store)? */
  mayStore: boolean;
  /** Fields the browser adds to the request it forwards (Fetch: cache modes add Cache-Control / Pragma). */
  forward: Readonly<HeaderList>;
  /** Seconds, at the request's time, for the entry (null without one). */
  age: number | null;
  lifetime: number | null;
  /** Plain sentence, the rule, its link. */
  plain: string;
  rule: string;
  link: string;
}

export interface Received {
  /** What the client gets. */
  response: ModelResponse;
  /** What happened to the cache. */
  outcome: 'stored' | 'updated' | 'not-stored' | 'removed' | 'passed-through';
  /** URLs whose stored responses were invalidated (RFC 9111 §4.4). */
  invalidated: string[];
}

const RFC = 'https://www.rfc-editor.org/rfc/rfc9111';
const FETCH = 'https://fetch.spec.whatwg.org/#http-network-or-cache-fetch';

/** Sentences (plain, then rule and link) for each reason; `{...}` filled by the model. */
export const DECISION_TEXT: Readonly<Record<DecisionReason, { plain: string; rule: string; link: string }>> = {
  'no-entry': {
    plain: 'Nothing is stored for this URL yet, so the request goes to the server.',
    rule: 'A cache can only reuse a response it stored (RFC 9111 §4).',
    link: `${RFC}#section-4`,
  },
  'vary-mismatch': {
    plain:
      'A copy is stored, but it was made for a request with different {fields}, so it does not match and the request goes to the server.',
    rule: 'Vary: the stored request and the new one must agree on every listed field (RFC 9111 §4.1).',
    link: `${RFC}#section-4.1`,
  },
  'vary-star': {
    plain: 'The stored copy has Vary: *, which never matches a later request: the request goes to the server.',
    rule: 'RFC 9111 §4.1: Vary: * always fails to match.',
    link: `${RFC}#section-4.1`,
  },
  'unsafe-method': {
    plain: '{method} changes things on the server, so caches pass it through (and forget what they stored for the URL once it succeeds).',
    rule: 'RFC 9111 §4 and §4.4: unsafe methods are forwarded and invalidate.',
    link: `${RFC}#section-4.4`,
  },
  method: {
    plain: 'Responses to {method} are not reused, so the request goes to the server.',
    rule: 'RFC 9111 §4: the method must allow reuse.',
    link: `${RFC}#section-4`,
  },
  fresh: {
    plain: 'Fresh for another {remaining}: served from the cache without contacting the server.',
    rule: 'A fresh stored response may be reused without validation (RFC 9111 §4.2).',
    link: `${RFC}#section-4.2`,
  },
  'fresh-max-stale': {
    plain: 'Stale, but the request accepts a stale copy (max-stale), so the cache serves it.',
    rule: 'RFC 9111 §5.2.1.2 max-stale.',
    link: `${RFC}#section-5.2.1.2`,
  },
  'force-cache': {
    plain: 'The page asked for any stored copy (cache mode force-cache), fresh or not, so the cache serves it.',
    rule: 'Fetch: cache mode "force-cache" uses a stored response regardless of its freshness.',
    link: 'https://fetch.spec.whatwg.org/#concept-request-cache-mode',
  },
  'stale-while-revalidate': {
    plain:
      'Stale, but inside its stale-while-revalidate window: served from the cache at once while a fresh copy is fetched in the background.',
    rule: 'RFC 5861 §3: stale-while-revalidate.',
    link: 'https://www.rfc-editor.org/rfc/rfc5861#section-3',
  },
  stale: {
    plain:
      'Stale (its lifetime has run out): the next use sends a conditional request with {validators}; if unchanged, the server answers 304 and the stored body is reused.',
    rule: 'A stale response must be validated before reuse (RFC 9111 §4.2, §4.3.1).',
    link: `${RFC}#section-4.3.1`,
  },
  'stale-no-validator': {
    plain: 'Stale and without a validator (no ETag or Last-Modified): downloaded again in full.',
    rule: 'Without a validator a stale response cannot be revalidated (RFC 9111 §4.3.1).',
    link: `${RFC}#section-4.3.1`,
  },
  'response-no-cache': {
    plain: 'no-cache: every use sends a conditional request with {validators} first; if unchanged, the server answers 304.',
    rule: 'RFC 9111 §5.2.2.4 no-cache.',
    link: `${RFC}#section-5.2.2.4`,
  },
  'request-no-cache': {
    plain: 'The request said no-cache, so the stored copy is checked with the server ({validators}) before use.',
    rule: 'RFC 9111 §5.2.1.4 (request no-cache).',
    link: `${RFC}#section-5.2.1.4`,
  },
  'request-no-cache-bypass': {
    plain: 'The request said no-cache; this browser then skips its cache and downloads the response in full.',
    rule: 'Browser behaviour (see the profile source).',
    link: `${RFC}#section-5.2.1.4`,
  },
  'request-max-age': {
    plain: 'The request accepts a copy at most {value} s old; this one is older, so it is checked with the server.',
    rule: 'RFC 9111 §5.2.1.1 max-age (request).',
    link: `${RFC}#section-5.2.1.1`,
  },
  'request-min-fresh': {
    plain: 'The request wants a copy fresh for at least {value} s more; this one is not, so it is checked with the server.',
    rule: 'RFC 9111 §5.2.1.3 min-fresh.',
    link: `${RFC}#section-5.2.1.3`,
  },
  'request-no-store': {
    plain: 'The request said no-store: the cache neither uses nor keeps a copy.',
    rule: 'RFC 9111 §5.2.1.5 (request no-store).',
    link: `${RFC}#section-5.2.1.5`,
  },
  'conditional-request': {
    plain:
      'The page sent its own conditional headers, so the browser passes the request to the server untouched (and does not store the answer).',
    rule: 'Fetch: a request with If-* headers in cache mode "default" is treated as "no-store".',
    link: FETCH,
  },
  'mode-no-store': {
    plain: 'The page asked to bypass the cache (cache mode no-store): straight to the server, and nothing is kept.',
    rule: 'Fetch cache mode "no-store".',
    link: 'https://fetch.spec.whatwg.org/#concept-request-cache-mode',
  },
  'mode-reload': {
    plain: 'The page asked for a fresh download (cache mode reload): straight to the server; the answer is stored.',
    rule: 'Fetch cache mode "reload".',
    link: 'https://fetch.spec.whatwg.org/#concept-request-cache-mode',
  },
  'mode-no-cache': {
    plain: 'The page asked the browser to check with the server (cache mode no-cache): a conditional request with {validators}.',
    rule: 'Fetch cache mode "no-cache".',
    link: 'https://fetch.spec.whatwg.org/#concept-request-cache-mode',
  },
  'only-if-cached-miss': {
    plain: 'Only a stored copy was acceptable and there is none usable: the request fails (504).',
    rule: 'RFC 9111 §5.2.1.7 only-if-cached.',
    link: `${RFC}#section-5.2.1.7`,
  },
  'reload-main': {
    plain: 'A normal reload makes {browser} check the page itself with the server ({validators}).',
    rule: 'Browser reload behaviour (see the profile source).',
    link: 'https://blog.chromium.org/2017/01/reload-reloaded-faster-and-leaner-page_26.html',
  },
  'reload-subresource': {
    plain:
      'A normal reload makes {browser} check only the page itself; this resource is fresh for another {remaining} and is reused without asking.',
    rule: 'Browser reload behaviour (see the profile source); a fresh stored response may be reused (RFC 9111 §4.2).',
    link: 'https://blog.chromium.org/2017/01/reload-reloaded-faster-and-leaner-page_26.html',
  },
  'reload-all': {
    plain: 'A normal reload makes {browser} check every resource with the server ({validators}).',
    rule: 'Browser reload behaviour (see the profile source).',
    link: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/Caching#reload_and_force_reload',
  },
  'reload-immutable': {
    plain: 'A normal reload reuses it without asking: it is immutable and still fresh.',
    rule: 'RFC 8246 §2 immutable.',
    link: 'https://www.rfc-editor.org/rfc/rfc8246#section-2',
  },
  'hard-reload': {
    plain: 'A hard reload (Shift+reload) skips the cache: downloaded again in full.',
    rule: 'Browsers bypass the cache on a forced reload.',
    link: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/Caching#reload_and_force_reload',
  },
};

/** Methods a cache may answer from storage (RFC 9110 §9.2.1 safe, and cacheable: GET, HEAD). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

let seq = 0;

type DecisionExtra = Partial<CacheDecision> & { view?: ViewResult; params?: Record<string, string | number> };

interface LookupContext {
  reqCc: ReturnType<typeof parseCacheControl>;
  noStoreReq: boolean;
  mode: FetchCacheMode;
  req: ModelRequest;
}

export interface CacheModelOptions {
  kind?: CacheKind;
  browser?: BrowserProfile;
}

export class CacheModel {
  readonly kind: CacheKind;
  readonly profile: CacheProfile;
  /** Primary key (URL without fragment) → stored responses, newest last. */
  private readonly store = new Map<string, StoredResponse[]>();

  constructor(opts: CacheModelOptions = {}) {
    this.kind = opts.kind ?? 'private';
    // The shared cache is always the RFC's: a CDN is not a browser.
    this.profile = profileFor(this.kind === 'shared' ? 'rfc' : opts.browser);
  }

  entries(url?: string): readonly StoredResponse[] {
    if (url !== undefined) return this.store.get(primaryKey(url)) ?? [];
    return [...this.store.values()].flat();
  }

  /** What the cache does with `req` (no side effects). */
  lookup(req: ModelRequest): CacheDecision {
    const c = this.context(req);
    const early = this.beforeSelection(req, c);
    if (early) return early;
    const { reqCc, mode } = c;
    const p = this.profile;
    const headers = req.headers ?? [];
    const found = this.select(req.url, headers);
    const onlyIfCached = mode === 'only-if-cached' || reqCc.names.has('only-if-cached');
    if (!found.entry) {
      if (onlyIfCached) return this.dec(c, 'unavailable', 'only-if-cached-miss');
      const other = found.other;
      // A variant that does not match can still be validated: a 304 shows it suits this request too (§4.3.1).
      const validates =
        found.reason === 'vary-mismatch' ? p.varyMismatchValidates.value : found.reason === 'vary-star' && p.varyStarValidates.value;
      if (other && validates) {
        const validators = this.mismatchValidators(conditionalFor(other), other.status);
        if (validators.length) return this.dec(c, 'revalidate', found.reason, other, { conditional: validators, params: found.params });
      }
      return this.dec(c, 'network', found.reason, null, { params: found.params });
    }
    const facts = this.facts(found.entry, req.time);
    return this.decideStored(req, found.entry, facts, computeView(facts, this.kind, p, req.time), c);
  }

  /**
   * The decision for a request that the stored response `entry` matches, given its facts and view at the request's
   * time (explainCache passes the ones it computed). The checks before selection (method, modes) apply too.
   */
  decideFor(req: ModelRequest, entry: StoredResponse, facts: ResponseFacts, view: ViewResult): CacheDecision {
    const c = this.context(req);
    return this.beforeSelection(req, c) ?? this.decideStored(req, entry, facts, view, c);
  }

  private context(req: ModelRequest): LookupContext {
    const headers = req.headers ?? [];
    const ccLines = headers.length ? fieldValues(headers, 'cache-control') : NO_LINES;
    const reqCc = ccLines.length ? parseCacheControl(ccLines, 'request') : NO_REQUEST_CC;
    const noStoreReq = reqCc.names.has('no-store');
    const mode = req.mode ?? 'default';
    return { reqCc, noStoreReq, mode, req };
  }

  /** The validators sent for a variant that does not match (profile: all, or the ETag only), if its status allows. */
  private mismatchValidators(all: Readonly<HeaderList>, status: number): Readonly<HeaderList> {
    const statuses = this.profile.conditionalizableStatuses.value;
    if (statuses && !statuses.has(status)) return NO_VALIDATORS;
    return this.profile.varyMismatchValidators.value === 'etag-only' ? all.filter((h) => h.name === 'If-None-Match') : all;
  }

  private dec(
    c: LookupContext,
    action: CacheAction,
    reason: DecisionReason,
    entry: StoredResponse | null = null,
    extra: DecisionExtra = {},
  ): CacheDecision {
    if (extra.mayStore === undefined) extra.mayStore = !c.noStoreReq && c.mode !== 'no-store';
    return this.decision(action, reason, entry, c.req, extra);
  }

  private reval(
    c: LookupContext,
    entry: StoredResponse,
    validators: Readonly<HeaderList>,
    view: ViewResult,
    reason: DecisionReason,
    params?: Record<string, string | number>,
    forward?: Readonly<HeaderList>,
  ): CacheDecision {
    return validators.length
      ? this.dec(c, 'revalidate', reason, entry, { conditional: validators, view, params, forward })
      : this.dec(c, 'network', reason === 'stale' ? 'stale-no-validator' : reason, entry, { view, params, forward });
  }

  private beforeSelection(req: ModelRequest, c: LookupContext): CacheDecision | null {
    const p = this.profile;
    const method = (req.method ?? 'GET').toUpperCase();
    const headers = req.headers ?? [];
    const { noStoreReq, mode } = c;

    if (method !== 'GET' && method !== 'HEAD') {
      return this.dec(c, 'network', SAFE_METHODS.has(method) ? 'method' : 'unsafe-method', null, { params: { method } });
    }
    // Fetch: If-* request headers in mode "default" turn the mode into "no-store" (the page does its own validation).
    if (mode === 'default' && p.conditionalRequestBypass.value && hasConditional(headers)) {
      return this.dec(c, 'network', 'conditional-request', null, { mayStore: false });
    }
    if (mode === 'no-store') return this.dec(c, 'network', 'mode-no-store', null, { mayStore: false });
    if (noStoreReq && p.requestNoStore.value === 'bypass') return this.dec(c, 'network', 'request-no-store', null, { mayStore: false });
    if (req.load === 'hard-reload') return this.dec(c, 'network', 'hard-reload');
    if (mode === 'reload') return this.dec(c, 'network', 'mode-reload');
    return null;
  }

  private decideStored(req: ModelRequest, entry: StoredResponse, facts: ResponseFacts, view: ViewResult, c: LookupContext): CacheDecision {
    const p = this.profile;
    const headers = req.headers ?? [];
    const { reqCc, mode } = c;
    const onlyIfCached = mode === 'only-if-cached' || reqCc.names.has('only-if-cached');
    const v = view.view;
    const statuses = p.conditionalizableStatuses.value;
    const validators = statuses && !statuses.has(entry.status) ? NO_VALIDATORS : validatorsOf(facts);

    if (mode === 'force-cache' || (onlyIfCached && mode !== 'no-cache')) return this.dec(c, 'fresh', 'force-cache', entry, { view });
    // Fetch: mode "no-cache" sends Cache-Control: max-age=0 (unless the page set Cache-Control) and validates.
    if (mode === 'no-cache')
      return this.reval(
        c,
        entry,
        validators,
        view,
        'mode-no-cache',
        undefined,
        fieldValues(headers, 'cache-control').length ? [] : [{ name: 'Cache-Control', value: 'max-age=0' }],
      );

    // Reloads (browser behaviour; RFC 9111 leaves reload to the user agent).
    if (req.load === 'reload') {
      const rule = p.reload.value;
      const isPage = req.destination === 'document' || req.destination === 'iframe';
      const mainOnly = rule === 'revalidate-main' && isPage && (req.destination === 'document' || p.reloadValidatesFrames.value);
      if (rule === 'revalidate-all' || mainOnly) {
        const immutable =
          facts.cc.names.has('immutable') && p.immutableOnReload.value && (!p.immutableHttpsOnly.value || req.url.startsWith('https:'));
        if (v.fresh && immutable && !view.noCache) {
          return this.dec(c, 'fresh', 'reload-immutable', entry, { view });
        }
        return this.reval(c, entry, validators, view, rule === 'revalidate-all' ? 'reload-all' : 'reload-main');
      }
    }
    const subresourceReload = req.load === 'reload' && p.reload.value === 'revalidate-main';

    // Request directives (RFC 9111 §5.2.1), as each profile reads them.
    const pragmaNoCache =
      reqCc.directives.length === 0 && p.requestPragma.value === 'like-no-cache' && headers.length > 0 && hasPragmaNoCache(headers);
    if (reqCc.names.has('no-cache') || pragmaNoCache) {
      if (p.requestNoCache.value === 'bypass') return this.dec(c, 'network', 'request-no-cache-bypass', entry, { view });
      return this.reval(c, entry, validators, view, 'request-no-cache');
    }
    const reqMaxAge = reqCc.deltas.get('max-age')?.seconds ?? null;
    if (reqMaxAge !== null && v.currentAge > reqMaxAge && (reqMaxAge === 0 || p.requestMaxAge.value)) {
      if (reqMaxAge === 0 && p.requestMaxAgeZero.value === 'bypass')
        return this.dec(c, 'network', 'request-no-cache-bypass', entry, { view });
      return this.reval(c, entry, validators, view, 'request-max-age', { value: reqMaxAge });
    }
    const minFresh = reqCc.deltas.get('min-fresh')?.seconds ?? null;
    if (minFresh !== null && p.honoursMinFresh.value && v.remaining !== null && v.remaining < minFresh) {
      return this.reval(c, entry, validators, view, 'request-min-fresh', { value: minFresh });
    }
    if (facts.vary.star) {
      const star = p.varyStarValidates.value ? this.mismatchValidators(validators, entry.status) : NO_VALIDATORS;
      return star.length
        ? this.dec(c, 'revalidate', 'vary-star', entry, { view, conditional: star })
        : this.dec(c, 'network', 'vary-star', entry, { view });
    }
    if (view.noCache) return this.reval(c, entry, validators, view, 'response-no-cache');
    if (v.fresh) return this.dec(c, 'fresh', subresourceReload ? 'reload-subresource' : 'fresh', entry, { view });
    // Stale from here on.
    if (reqCc.names.has('max-stale') && v.mayServeStale && p.honoursMaxStale.value) {
      const ms = reqCc.deltas.get('max-stale');
      const limit = ms && ms.seconds !== null ? ms.seconds : Infinity;
      if (v.remaining !== null && -v.remaining <= limit) return this.dec(c, 'fresh', 'fresh-max-stale', entry, { view });
    }
    const swrApplies = p.staleWhileRevalidateFor.value === 'all' || (req.destination !== 'document' && req.destination !== 'iframe');
    if (view.swrOpen && p.staleWhileRevalidate.value && swrApplies) {
      return this.dec(c, 'stale-while-revalidate', 'stale-while-revalidate', entry, { view, conditional: validators });
    }
    return this.reval(c, entry, validators, view, 'stale');
  }

  /**
   * What the client gets when the cache answers from storage (a fresh or stale-while-revalidate decision, or after
   * a 304): the stored response with Age (RFC 9111 §5.1), without the fields a qualified no-cache / private names
   * (§5.2.2.4, §5.2.2.7), or a 304 when the client's own conditional request matches it (§4.3.2).
   */
  serve(req: ModelRequest, entry: StoredResponse, validated = false): ModelResponse {
    const p = this.profile;
    let headers = entry.headers;
    const cc = parseCacheControl(fieldValues(headers, 'cache-control'), 'response');
    const hidden = new Set<string>();
    if (!validated && p.qualifiedNoCache.value === 'fields-only') for (const f of qualifiedFields(cc, 'no-cache')) hidden.add(f);
    if (this.kind === 'shared') for (const f of qualifiedFields(cc, 'private')) hidden.add(f);
    if (hidden.size) headers = headers.filter((h) => !hidden.has(h.name.toLowerCase()));
    if (p.generatesAge.value) {
      const age = computeView(this.facts(entry, req.time), this.kind, p, req.time).view.currentAge;
      headers = [...headers.filter((h) => h.name.toLowerCase() !== 'age'), { name: 'Age', value: String(Math.floor(age)) }];
    }
    const base = {
      status: entry.status,
      headers,
      requestTime: entry.requestTime,
      responseTime: entry.responseTime,
      body: entry.body,
      id: entry.id,
    };
    if (!p.conditionalRequestBypass.value && entry.status === 200 && conditionMatches(req.headers ?? [], entry)) {
      return { ...base, status: 304, body: undefined };
    }
    return base;
  }

  /**
   * The network's answer to the request the decision sent (`res`; null for a network error). Returns what the
   * client gets and updates the store.
   */
  receive(req: ModelRequest, decision: CacheDecision, res: ModelResponse | null): Received | null {
    const method = (req.method ?? 'GET').toUpperCase();
    const invalidated: string[] = [];
    if (!res) {
      // A failed revalidation may serve the stale copy where stale-if-error allows (RFC 5861 §4).
      const entry = decision.entry;
      if (entry && this.profile.staleIfError.value && decision.action === 'revalidate') {
        const view = computeView(this.facts(entry, req.time), this.kind, this.profile, req.time).view;
        if (view.staleIfError !== null && view.remaining !== null && -view.remaining <= view.staleIfError) {
          return { response: this.serve(req, entry, true), outcome: 'not-stored', invalidated };
        }
      }
      // A shared cache that can neither reach the origin nor serve stale answers 504 (RFC 9111 §5.2.2.2, §4.2.4).
      if (this.kind === 'shared')
        return {
          response: { status: 504, headers: [], requestTime: req.time, responseTime: req.time },
          outcome: 'not-stored',
          invalidated,
        };
      return null;
    }
    // §4.4: a non-error response to an unsafe method invalidates the target URI and Location / Content-Location.
    const p = this.profile;
    const invalidating = p.invalidatingMethods.value === 'all-unsafe' ? !SAFE_METHODS.has(method) : p.invalidatingMethods.value.has(method);
    if (invalidating && ((res.status >= 200 && res.status < 400) || p.invalidatesOnError.value)) {
      const targets = p.invalidatesLocations.value ? [req.url, ...locationTargets(req.url, res.headers)] : [req.url];
      for (const u of targets) if (this.invalidate(u)) invalidated.push(u);
    }
    const entry = decision.entry;
    // §4.3.4: a 304 to the cache's own conditional request freshens the stored response(s) it selects.
    if (res.status === 304 && decision.action !== 'network' && entry) {
      const targets = this.freshenTargets(req.url, res.headers, entry);
      for (const t of targets) this.update(t, res);
      if (targets.length === 0) return { response: res, outcome: 'passed-through', invalidated };
      // targets is not empty (returned above when it is)
      const chosen = targets.includes(entry) ? entry : targets[targets.length - 1]!;
      // Validated for a request whose Vary'd fields differed: the stored variant now answers for this request.
      if (decision.reason === 'vary-mismatch') chosen.requestHeaders = req.headers ?? [];
      const served = this.serve(req, chosen, true);
      // Freshened into something the cache may not keep (a 304 saying no-store): the stored copy goes.
      let outcome: Received['outcome'] = 'updated';
      for (const t of targets) {
        if (!computeView(this.facts(t, req.time), this.kind, this.profile, req.time).view.storable) {
          this.remove(t);
          outcome = 'removed';
        }
      }
      return { response: served, outcome, invalidated };
    }
    if (res.status === 304) return { response: res, outcome: 'passed-through', invalidated };
    // §4.3.5: a HEAD response freshens a stored GET response when its validators agree.
    if (method === 'HEAD') {
      if (this.profile.headUpdates.value && res.status === 200) {
        for (const t of this.headTargets(req.url, res.headers)) this.update(t, res);
      }
      return { response: res, outcome: 'not-stored', invalidated };
    }
    // A server error on a stale revalidation may be replaced by the stale copy (stale-if-error, RFC 5861 §4).
    if (entry && decision.action === 'revalidate' && res.status >= 500 && this.profile.staleIfError.value) {
      const view = computeView(this.facts(entry, req.time), this.kind, this.profile, req.time).view;
      if (view.staleIfError !== null && view.remaining !== null && -view.remaining <= view.staleIfError) {
        return { response: this.serve(req, entry, true), outcome: 'not-stored', invalidated };
      }
    }
    return { response: res, outcome: this.storeResponse(req, decision, res), invalidated };
  }

  /** Store (or not) a complete response; returns the outcome. */
  private storeResponse(req: ModelRequest, decision: CacheDecision, res: ModelResponse): Received['outcome'] {
    const method = (req.method ?? 'GET').toUpperCase();
    const key = primaryKey(req.url);
    const candidate: StoredResponse = {
      ...res,
      headers: storedFields(res.headers, this.profile.notStoredFields.value, this.profile.dropsConnectionFields.value),
      url: req.url,
      method,
      requestHeaders: req.headers ?? [],
      id: res.id ?? `m${++seq}`,
    };
    let storable = decision.mayStore;
    if (storable) {
      const facts = this.facts(candidate, res.responseTime);
      const view = computeView(facts, this.kind, this.profile, res.responseTime);
      storable = view.view.storable && !(this.kind === 'private' && !this.profile.storesStatus(res.status, facts));
      if (method === 'POST' && !this.profile.postReuse.value) storable = false;
      if (storable && !this.profile.storesPartial.value && res.status === 206) storable = false;
    }
    const list = this.store.get(key) ?? [];
    // The new response replaces the stored ones the same request would select (RFC 9111 §4.1, §3).
    const one = this.profile.variants.value === 'one';
    const kept = one ? [] : list.filter((s) => !varyMatches(s, req.headers ?? [], this.profile.varyNormalises.value));
    const removed = kept.length !== list.length;
    if (!storable) {
      if (removed && decision.entry) {
        if (kept.length) this.store.set(key, kept);
        else this.store.delete(key);
        return 'removed';
      }
      return 'not-stored';
    }
    kept.push(candidate);
    this.store.set(key, kept);
    return 'stored';
  }

  private update(target: StoredResponse, res: ModelResponse): void {
    const skip = this.profile.notUpdatedBy304.value;
    target.headers = updateHeaders(
      target.headers,
      storedFields(res.headers, this.profile.notStoredFields.value, this.profile.dropsConnectionFields.value),
      skip,
    );
    target.requestTime = res.requestTime;
    target.responseTime = res.responseTime;
  }

  /** §4.3.4: which stored responses a 304 updates. */
  private freshenTargets(url: string, headers: HeaderList, chosen: StoredResponse): StoredResponse[] {
    const list = this.store.get(primaryKey(url)) ?? [];
    const etag = firstField(headers, 'etag');
    if (etag !== null) {
      const tag = parseETag(etag);
      if (!tag.weak && tag.valid) return list.filter((s) => strongMatch(firstField(s.headers, 'etag'), tag.value));
      // Weak validators: the stored response with the same (weak) tag, RFC 9111 §4.3.4 bullet 2 treats them alike.
      return list.filter((s) => firstField(s.headers, 'etag')?.trim() === etag.trim());
    }
    const lm = firstField(headers, 'last-modified');
    if (lm !== null) return list.filter((s) => firstField(s.headers, 'last-modified')?.trim() === lm.trim());
    // No validator in the 304: the one stored response the request selected, when it has no validator either.
    return list.includes(chosen) ? [chosen] : [];
  }

  /** §4.3.5: stored GET responses a HEAD response may update. */
  private headTargets(url: string, headers: HeaderList): StoredResponse[] {
    const list = this.store.get(primaryKey(url)) ?? [];
    const etag = firstField(headers, 'etag');
    const lm = firstField(headers, 'last-modified');
    return list.filter((s) => {
      const se = firstField(s.headers, 'etag');
      const sl = firstField(s.headers, 'last-modified');
      if (etag !== null || se !== null) return etag !== null && se !== null && etag.trim() === se.trim();
      if (lm !== null || sl !== null) return lm !== null && sl !== null && lm.trim() === sl.trim();
      return true;
    });
  }

  private remove(entry: StoredResponse): void {
    const key = primaryKey(entry.url);
    const list = (this.store.get(key) ?? []).filter((s) => s !== entry);
    if (list.length) this.store.set(key, list);
    else this.store.delete(key);
  }

  private invalidate(url: string): boolean {
    return this.store.delete(primaryKey(url));
  }

  /** §4.1: the stored responses whose Vary'd request fields match; the most recent wins. */
  private select(
    url: string,
    headers: HeaderList,
  ): { entry: StoredResponse | null; reason: DecisionReason; params?: Record<string, string>; other?: StoredResponse } {
    const list = this.store.get(primaryKey(url));
    if (!list || list.length === 0) return { entry: null, reason: 'no-entry' };
    let star = false;
    let other: StoredResponse | undefined;
    const fields = new Set<string>();
    for (let k = list.length - 1; k >= 0; k--) {
      const s = list[k]!;
      const vary = parseVary(fieldValues(s.headers, 'vary'));
      if (vary.star) {
        star = true;
        if (this.profile.varyStarValidates.value) other ??= s;
        continue;
      }
      if (varyMatches(s, headers, this.profile.varyNormalises.value)) return { entry: s, reason: 'fresh' };
      other ??= s;
      for (const f of vary.fields) fields.add(f);
    }
    if (star && fields.size === 0) return { entry: null, reason: 'vary-star', other };
    return { entry: null, reason: 'vary-mismatch', params: { fields: [...fields].join(', ') || 'headers' }, other };
  }

  private facts(entry: StoredResponse, now: number): ResponseFacts {
    return buildFacts(
      {
        url: entry.url,
        method: entry.method,
        requestHeaders: entry.requestHeaders,
        requestTimeMs: entry.requestTime * 1000,
        responseTimeMs: entry.responseTime * 1000,
      },
      entry.status,
      this.kind === 'shared' ? targetedFields(entry.headers) : entry.headers,
      now,
    );
  }

  private decision(
    action: CacheAction,
    reason: DecisionReason,
    entry: StoredResponse | null,
    req: ModelRequest,
    extra: DecisionExtra,
  ): CacheDecision {
    const view = extra.view?.view;
    const text = DECISION_TEXTS.get(reason)!; // every reason has its sentence (DECISION_TEXT's type)
    const conditional = extra.conditional ?? NO_VALIDATORS;
    // Only the placeholders the sentence has are computed (this runs twice per explained exchange).
    const keys = textKeys(text.plain);
    let plain = text.plain;
    if (keys.length) {
      const params: Record<string, string | number> = {};
      for (const k of keys) {
        if (extra.params && Object.prototype.hasOwnProperty.call(extra.params, k)) params[k] = extra.params[k]!;
        else if (k === 'browser') params.browser = this.profile.name;
        else if (k === 'validators') params.validators = conditional.length ? conditional.map((h) => h.name).join(' and ') : 'no validator';
        else if (k === 'remaining') params.remaining = view?.remaining != null ? humanDuration(Math.max(0, view.remaining)) : '';
        else if (k === 'method') params.method = (req.method ?? 'GET').toUpperCase();
        else if (k === 'fields') params.fields = 'headers';
        else params[k] = '';
      }
      plain = filledSentence(text.plain, keys, params);
    }
    return {
      action,
      reason,
      entry,
      conditional,
      mayStore: extra.mayStore ?? true,
      forward: extra.forward ?? NO_VALIDATORS,
      age: view ? view.currentAge : null,
      lifetime: view ? view.freshnessLifetime : null,
      plain,
      rule: text.rule,
      link: text.link,
    };
  }
}

// ---------------------------------------------------------------- small pure helpers

/** The cache key's primary part: the target URI without its fragment (RFC 9111 §2). */
export function primaryKey(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

/** parsePragma(fieldValues(headers, 'pragma')).noCache, without the parse (and its empty result) when there is no Pragma. */
function hasPragmaNoCache(headers: HeaderList): boolean {
  const lines = fieldValues(headers, 'pragma');
  return lines.length > 0 && parsePragma(lines).noCache;
}

const CONDITIONAL = ['if-none-match', 'if-modified-since', 'if-match', 'if-unmodified-since', 'if-range'];
function hasConditional(headers: LooseHeaderList): boolean {
  for (const h of headers) {
    const n = h?.name;
    if (typeof n !== 'string' || n.length < 8 || (n.charCodeAt(0) | 32) !== 105 || (n.charCodeAt(1) | 32) !== 102 || n.charCodeAt(2) !== 45)
      continue;
    if (CONDITIONAL.includes(n.toLowerCase())) return true;
  }
  return false;
}

/** The validators from facts already read (no second parse): the same as conditionalFor(entry). */
function validatorsOf(f: ResponseFacts): Readonly<HeaderList> {
  // explainCache decides two loads (navigation, reload) from the same facts: their validators are read once.
  if (f === lastValidatorFacts) return lastValidators;
  lastValidatorFacts = f;
  return (lastValidators = readValidators(f));
}
let lastValidatorFacts: ResponseFacts | null = null;
let lastValidators: Readonly<HeaderList> = Object.freeze([]);

function readValidators(f: ResponseFacts): Readonly<HeaderList> {
  const etag = f.etag && f.etag.value ? f.etag.value : '';
  const lm = f.lastModified.time !== null && f.lastModified.raw ? f.lastModified.raw.trim() : '';
  if (!etag && !lm) return NO_VALIDATORS;
  const out: HeaderList = [];
  if (etag) out.push({ name: 'If-None-Match', value: etag });
  if (lm) out.push({ name: 'If-Modified-Since', value: lm });
  return out;
}
const NO_VALIDATORS: Readonly<HeaderList> = Object.freeze([]);
/** DECISION_TEXT as a Map: one hash lookup per decision instead of a keyed load over many different keys. */
const DECISION_TEXTS = new Map(Object.entries(DECISION_TEXT) as Array<[DecisionReason, (typeof DECISION_TEXT)[DecisionReason]]>);
const NO_LINES: readonly string[] = Object.freeze([]);
/** A request without Cache-Control (most): one shared, read-only parse. */
const NO_REQUEST_CC = parseCacheControl([], 'request');

/**
 * fill(sentence, params) kept per sentence and values of its placeholders (in textKeys order): decisions repeat
 * ("Fresh for another 5 days"), so the same sentence is one shared string, not a new one per decision. A tree of
 * Maps (no key is built); bounded.
 */
interface SentenceNode {
  next: Map<string | number, SentenceNode> | null;
  text: string | null;
}
const FILLED = new Map<string, SentenceNode>();
let filledNodes = 0;
function filledSentence(sentence: string, keys: readonly string[], params: Record<string, string | number>): string {
  let node = FILLED.get(sentence);
  if (node === undefined) FILLED.set(sentence, (node = sentenceNode()));
  for (const k of keys) {
    const v = params[k]!; // decision() sets every key of the sentence
    node.next ??= new Map();
    let child = node.next.get(v);
    if (child === undefined) node.next.set(v, (child = sentenceNode()));
    node = child;
  }
  return (node.text ??= fill(sentence, params));
}
function sentenceNode(): SentenceNode {
  if (++filledNodes > 4096) {
    FILLED.clear();
    filledNodes = 1;
  }
  return { next: null, text: null };
}

/** The `{key}` placeholders of a sentence, once per sentence. */
const TEXT_KEYS = new Map<string, string[]>();
function textKeys(text: string): string[] {
  let keys = TEXT_KEYS.get(text);
  if (!keys) TEXT_KEYS.set(text, (keys = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))); // group 1 always takes part
  return keys;
}

/** The validators a revalidation sends (RFC 9111 §4.3.1): If-None-Match from ETag, If-Modified-Since from Last-Modified. */
export function conditionalFor(entry: { headers: HeaderList }): HeaderList {
  const out: HeaderList = [];
  const etag = firstField(entry.headers, 'etag');
  if (etag !== null && etag.trim() !== '') out.push({ name: 'If-None-Match', value: etag.trim() });
  const lm = firstField(entry.headers, 'last-modified');
  if (lm !== null && lm.trim() !== '' && parseHttpDate(lm.trim()).time !== null) out.push({ name: 'If-Modified-Since', value: lm.trim() });
  return out;
}

function strongMatch(stored: string | null, value: string): boolean {
  if (stored === null) return false;
  const s = parseETag(stored);
  return s.valid && !s.weak && s.value === value;
}

/** Field value for Vary matching: all lines combined, whitespace around commas normalised (RFC 9111 §4.1). */
function varyValue(headers: HeaderList, name: string): string | null {
  const v = fieldValues(headers, name);
  if (v.length === 0) return null;
  return v
    .join(',')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .join(', ');
}

function rawValue(headers: HeaderList, name: string): string | null {
  const v = fieldValues(headers, name);
  return v.length ? v.join(', ') : null;
}

function varyMatches(s: StoredResponse, headers: HeaderList, normalise = true): boolean {
  const vary = parseVary(fieldValues(s.headers, 'vary'));
  if (vary.star) return false;
  const read = normalise ? varyValue : rawValue;
  for (const f of vary.fields) if (read(s.requestHeaders, f) !== read(headers, f)) return false;
  return true;
}

/** The field names a qualified directive lists (no-cache="a, b"), lower-case. */
function qualifiedFields(cc: ReturnType<typeof parseCacheControl>, name: string): string[] {
  const out: string[] = [];
  for (const d of cc.directives) {
    if (d.name !== name || d.value === null) continue;
    for (const f of d.value.split(',')) if (f.trim()) out.push(f.trim().toLowerCase());
  }
  return out;
}

const opaqueTag = (v: string): string => (v.startsWith('W/') ? v.slice(2) : v);

/** RFC 9110 §13.2.2 as a cache evaluates it against a stored response (RFC 9111 §4.3.2). */
function conditionMatches(headers: HeaderList, entry: StoredResponse): boolean {
  const inm = fieldValues(headers, 'if-none-match');
  if (inm.length) {
    const stored = firstField(entry.headers, 'etag');
    if (stored === null) return false;
    const tag = parseETag(stored);
    for (const part of inm.join(',').split(',')) {
      const t = part.trim();
      if (t === '*') return true;
      const c = parseETag(t);
      if (c.valid && tag.valid && opaqueTag(c.value) === opaqueTag(tag.value)) return true; // weak comparison (RFC 9110 §8.8.3.2)
    }
    return false;
  }
  const ims = firstField(headers, 'if-modified-since');
  if (ims === null) return false;
  const since = parseHttpDate(ims.trim()).time;
  const lm = firstField(entry.headers, 'last-modified') ?? firstField(entry.headers, 'date');
  const modified = lm === null ? null : parseHttpDate(lm.trim()).time;
  return since !== null && modified !== null && modified <= since;
}

/**
 * RFC 9213 §2.1: a CDN that honours CDN-Cache-Control uses it in place of Cache-Control and Expires. The shared
 * model is such a cache (the suite's CDN tests expect it).
 */
function targetedFields(headers: HeaderList): HeaderList {
  const cdn = fieldValues(headers, 'cdn-cache-control');
  if (cdn.length === 0 || !validTargetedField(cdn)) return headers;
  const out = headers.filter((h) => {
    const n = h.name.toLowerCase();
    return n !== 'cache-control' && n !== 'expires';
  });
  for (const v of cdn) out.push({ name: 'Cache-Control', value: v });
  return out;
}

const SECONDS_DIRECTIVES = ['max-age', 's-maxage', 'stale-while-revalidate', 'stale-if-error'];

/** RFC 9213 §2: the field is a Structured Dictionary; an invalid one (or a non-integer lifetime) is ignored whole. */
function validTargetedField(lines: string[]): boolean {
  try {
    const dict = parseDictionary(lines.join(', '));
    for (const name of SECONDS_DIRECTIVES) {
      const member = dict.get(name);
      if (member && !(typeof member[0] === 'number' && Number.isInteger(member[0]))) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** RFC 9111 §3.1: the fields a cache keeps: not those the Connection field names, nor the profile's exceptions. */
function storedFields(headers: HeaderList, skip: ReadonlySet<string>, dropConnection: boolean): HeaderList {
  const connection = new Set<string>();
  if (dropConnection)
    for (const v of fieldValues(headers, 'connection')) for (const t of v.split(',')) if (t.trim()) connection.add(t.trim().toLowerCase());
  if (connection.size === 0 && skip.size === 0) return headers;
  return headers.filter((h) => {
    const n = h.name.toLowerCase();
    return !connection.has(n) && !skip.has(n);
  });
}

function locationTargets(url: string, headers: HeaderList): string[] {
  const out: string[] = [];
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return out;
  }
  for (const name of ['location', 'content-location']) {
    const v = firstField(headers, name);
    if (v === null) continue;
    try {
      const u = new URL(v.trim(), url);
      // §4.4: only same-origin URIs, to stop denial-of-service through invalidation.
      if (u.origin === origin) out.push(u.href);
    } catch {
      /* not a URI: nothing to invalidate */
    }
  }
  return out;
}

/** RFC 9111 §3.2: each field of the update replaces the stored one, except those the cache keeps (skip). */
export function updateHeaders(stored: HeaderList, update: HeaderList, skip: ReadonlySet<string>): HeaderList {
  const replaced = new Set<string>();
  for (const h of update) {
    const n = h.name.toLowerCase();
    if (n !== 'content-length' && !skip.has(n) && !startsWithAny(n, skip)) replaced.add(n);
  }
  const out = stored.filter((h) => !replaced.has(h.name.toLowerCase()));
  for (const h of update) if (replaced.has(h.name.toLowerCase())) out.push({ name: h.name, value: h.value });
  return out;
}

function startsWithAny(name: string, skip: ReadonlySet<string>): boolean {
  for (const s of skip) if (s.endsWith('-') && name.startsWith(s)) return true;
  return false;
}

// ---------------------------------------------------------------- the engine's questions

export interface NextRequest {
  url: string;
  method?: string;
  headers?: HeaderList;
  load: LoadKind;
  destination: Destination;
  /** Epoch seconds. */
  now: number;
}

export interface Prediction {
  action: Exclude<CacheAction, 'unavailable'>;
  reason: DecisionReason;
  plain: string;
  rule: string;
  link: string;
  /** e.g. `If-None-Match: "abc"` when the action is revalidate (or stale-while-revalidate's background request). */
  conditionalHeaders: string[];
  /** The exchange whose stored response the prediction is about. */
  storedId: string | null;
}

/** Replays exchanges (oldest first) into a model: what the cache holds after them. */
export function replay(history: readonly (ExchangeRecord | null | undefined)[], opts: CacheModelOptions): CacheModel {
  const model = new CacheModel(opts);
  for (const x of history) {
    if (!x || typeof x.url !== 'string' || !(x.status > 0)) continue;
    const loose: LooseRecord = x; // the fields a damaged record may lack
    // Responses served from a cache were not new answers: they change nothing (a revalidated one is handled below).
    if (x.source === 'disk-cache' || x.source === 'memory-cache' || x.source === 'service-worker') continue;
    // The recorded request's If-* fields were the cache's own revalidation, not the page's: look up without them.
    const req: ModelRequest = {
      url: x.url,
      method: x.method,
      headers: orEmpty(x.requestHeaders).filter(
        (f: LooseHeader | null | undefined) => !(typeof f?.name === 'string' && /^if-/i.test(f.name)),
      ),
      time: (loose.requestTimeMs ?? 0) / 1000,
      destination: destinationOf(x),
    };
    const decision = model.lookup(req);
    const res: ModelResponse = {
      status: x.status,
      headers: orEmpty(x.responseHeaders),
      requestTime: req.time,
      responseTime: (loose.responseTimeMs ?? 0) / 1000,
      id: x.id,
    };
    if (x.status === 304 && decision.entry) {
      model.receive(req, { ...decision, action: 'revalidate' }, res);
      continue;
    }
    // The recorded request is what the browser sent: its own If-* headers came from the cache, not the page.
    model.receive(req, { ...decision, action: 'network', mayStore: true }, res);
  }
  return model;
}

export function destinationOf(x: Pick<ExchangeRecord, 'resourceType' | 'navigation'>): Destination {
  if (x.resourceType === 'main_frame' || x.navigation === 'top-level' || x.resourceType === 'document') return 'document';
  if (x.resourceType === 'sub_frame') return 'iframe';
  return 'subresource';
}

/** What the next use of a URL does, given the exchanges seen so far (oldest first). */
export function predictNext(
  history: readonly ExchangeRecord[],
  next: NextRequest,
  ctx: { browser: BrowserProfile; now?: number },
): Prediction {
  const model = replay(history, { kind: 'private', browser: ctx.browser });
  return predictWith(model, next);
}

export function predictWith(model: CacheModel, next: NextRequest): Prediction {
  const d = model.lookup({
    url: next.url,
    method: next.method,
    headers: next.headers,
    time: next.now,
    load: next.load,
    destination: next.destination,
  });
  return {
    action: d.action === 'unavailable' ? 'network' : d.action,
    reason: d.reason,
    plain: d.plain,
    rule: d.rule,
    link: d.link,
    conditionalHeaders: d.conditional.map((h) => `${h.name}: ${h.value}`),
    storedId: d.entry?.id ?? null,
  };
}

/** effectiveNoCache re-exported for callers that judge one stored response (the panel's sentences use decisions). */
export { effectiveNoCache };
