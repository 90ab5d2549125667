/**
 * Known Cache-Control directives as data: where each may appear, what argument it takes, what it means.
 * Sources: RFC 9111 §5.2 (core), RFC 8246 (immutable), RFC 5861 (stale-while-revalidate, stale-if-error).
 */

export type DirectiveArg =
  | 'none' // no argument (no-store, public, ...)
  | 'delta' // delta-seconds required (max-age, s-maxage, ...)
  | 'optional-delta' // delta-seconds optional (max-stale)
  | 'optional-fields'; // optional quoted list of field names (no-cache, private)

export interface DirectiveDef {
  /** In responses, in requests, or both. */
  response: boolean;
  request: boolean;
  arg: DirectiveArg;
  /** Plain sentence for a response / a request. */
  plainResponse?: string;
  plainRequest?: string;
  rule: string;
  link: string;
}

const R = 'https://www.rfc-editor.org/rfc/rfc9111#section-';

export const DIRECTIVES: Readonly<Record<string, DirectiveDef>> = {
  'max-age': {
    response: true,
    request: true,
    arg: 'delta',
    plainResponse: 'Any cache may reuse this response without asking the server for {value} seconds.',
    plainRequest: 'The client will not accept a stored response older than {value} seconds (max-age=0 forces a check).',
    rule: 'Response: freshness lifetime is max-age (RFC 9111 §5.2.2.1). Request: §5.2.1.1.',
    link: `${R}5.2.2.1`,
  },
  's-maxage': {
    response: true,
    request: false,
    arg: 'delta',
    plainResponse:
      'Shared caches (CDNs, proxies) may reuse it for {value} seconds, overriding max-age and Expires for them; once stale they must revalidate.',
    rule: 'Shared caches only; overrides max-age/Expires and implies proxy-revalidate (RFC 9111 §5.2.2.10).',
    link: `${R}5.2.2.10`,
  },
  'no-cache': {
    response: true,
    request: true,
    arg: 'optional-fields',
    plainResponse: 'Caches may store it but must check with the server (revalidate) before every reuse.',
    plainRequest: 'The client asks caches not to answer from storage without checking with the server (a reload does this).',
    rule: 'Response: MUST NOT be used to satisfy a request without successful validation (RFC 9111 §5.2.2.4). Request: §5.2.1.4.',
    link: `${R}5.2.2.4`,
  },
  'no-store': {
    response: true,
    request: true,
    arg: 'none',
    plainResponse: 'No cache may keep a copy of this response at all.',
    plainRequest: 'The client asks caches not to store the request or its response.',
    rule: 'A cache MUST NOT store any part of the request or response (RFC 9111 §5.2.2.5, §5.2.1.5).',
    link: `${R}5.2.2.5`,
  },
  private: {
    response: true,
    request: false,
    arg: 'optional-fields',
    plainResponse: 'Only the browser may store it; CDNs and proxies must not.',
    rule: 'A shared cache MUST NOT store the response (RFC 9111 §5.2.2.7).',
    link: `${R}5.2.2.7`,
  },
  public: {
    response: true,
    request: false,
    arg: 'none',
    plainResponse: 'Any cache may store it, even if it answers an authenticated request or has a status not cached by default.',
    rule: 'Overrides restrictions that would otherwise prevent storing (RFC 9111 §5.2.2.9).',
    link: `${R}5.2.2.9`,
  },
  'must-revalidate': {
    response: true,
    request: false,
    arg: 'none',
    plainResponse: 'Once stale, caches must not serve it (not even offline) without checking with the server.',
    rule: 'A stale response MUST NOT be reused without successful validation (RFC 9111 §5.2.2.2).',
    link: `${R}5.2.2.2`,
  },
  'proxy-revalidate': {
    response: true,
    request: false,
    arg: 'none',
    plainResponse: 'Like must-revalidate, but only for shared caches (CDNs, proxies).',
    rule: 'must-revalidate for shared caches only (RFC 9111 §5.2.2.8).',
    link: `${R}5.2.2.8`,
  },
  'must-understand': {
    response: true,
    request: false,
    arg: 'none',
    plainResponse: 'Only caches that understand this status code may store it (used with no-store as a fallback).',
    rule: 'A cache that does not understand the status code MUST NOT store the response; one that does ignores no-store (RFC 9111 §5.2.2.3).',
    link: `${R}5.2.2.3`,
  },
  'no-transform': {
    response: true,
    request: true,
    arg: 'none',
    plainResponse: 'Intermediaries must not alter the body (no recompressing images, no minifying).',
    plainRequest: 'Intermediaries must not alter the content.',
    rule: 'An intermediary MUST NOT transform the content (RFC 9111 §5.2.2.6, §5.2.1.6).',
    link: `${R}5.2.2.6`,
  },
  'max-stale': {
    response: false,
    request: true,
    arg: 'optional-delta',
    plainRequest: 'The client accepts a stale response (up to {value} seconds stale, or any if no value).',
    rule: 'RFC 9111 §5.2.1.2.',
    link: `${R}5.2.1.2`,
  },
  'min-fresh': {
    response: false,
    request: true,
    arg: 'delta',
    plainRequest: 'The client wants a response that will stay fresh for at least {value} more seconds.',
    rule: 'RFC 9111 §5.2.1.3.',
    link: `${R}5.2.1.3`,
  },
  'only-if-cached': {
    response: false,
    request: true,
    arg: 'none',
    plainRequest: 'The client wants only a stored response; without one the cache answers 504.',
    rule: 'RFC 9111 §5.2.1.7.',
    link: `${R}5.2.1.7`,
  },
  immutable: {
    response: true,
    request: false,
    arg: 'none',
    plainResponse: 'While fresh, the body will never change, so a reload need not revalidate it (Firefox honours this; Chrome ignores it).',
    rule: 'RFC 8246 §2.',
    link: 'https://www.rfc-editor.org/rfc/rfc8246#section-2',
  },
  'stale-while-revalidate': {
    response: true,
    request: false,
    arg: 'delta',
    plainResponse: 'After expiry a cache may serve the stale copy for {value} more seconds while it refreshes in the background.',
    rule: 'RFC 5861 §3.',
    link: 'https://www.rfc-editor.org/rfc/rfc5861#section-3',
  },
  'stale-if-error': {
    response: true,
    request: true,
    arg: 'delta',
    plainResponse: 'If the server errors, a cache may serve the stale copy for up to {value} seconds after expiry.',
    plainRequest: 'The client accepts a stale response up to {value} seconds old if the server errors.',
    rule: 'RFC 5861 §4.',
    link: 'https://www.rfc-editor.org/rfc/rfc5861#section-4',
  },
};

export const UNKNOWN_DIRECTIVE = {
  plain: 'Not a standard directive: caches ignore it.',
  rule: 'Unrecognised directives MUST be ignored (RFC 9111 §5.2.3).',
  link: `${R}5.2.3`,
};

export const INVALID_DIRECTIVE_VALUE = {
  plain: 'The value is not valid for this directive, so caches may ignore it or treat the response as stale.',
};

/** What each Vary member does to the cache key (RFC 9111 §4.1); `{field}` is filled in. */
export const VARY_TEXT: Readonly<Record<string, string> & { default: string }> = {
  '*': 'Vary: * never matches, so no stored copy is reused without asking the server.',
  'accept-encoding': 'One copy per compression (gzip, br, ...): normal and harmless.',
  'user-agent': 'One copy per browser version: shared caches will rarely reuse it.',
  cookie: 'One copy per Cookie header: effectively per user.',
  origin: 'One copy per requesting origin (usual with CORS).',
  accept: 'One copy per Accept header (content negotiation, e.g. WebP/AVIF images).',
  'accept-language': 'One copy per language preference.',
  authorization: 'One copy per credentials.',
  default: 'A separate stored copy for each value of the request header {field}.',
};

/**
 * A table entry by a name that came from the wire: own properties only, so `constructor`, `__proto__` or
 * `toString` read as unknown names instead of Object.prototype's members.
 */
export function ownEntry<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

/**
 * Response directives that contradict each other (beyond no-store, which no-store-with-others reports): when both
 * are present, `effect` says what caches do and `keep` which one to send. `when` narrows an entry to the case where
 * it really conflicts (no-cache with max-age=0 says the same thing twice).
 */
export interface DirectiveConflict {
  first: string;
  second: string;
  effect: string;
  rule: string;
  keep: string;
  when?: (deltas: ReadonlyMap<string, { seconds: number | null }>) => boolean;
}

export const DIRECTIVE_CONFLICTS: readonly DirectiveConflict[] = [
  {
    first: 'no-cache',
    second: 'max-age',
    effect: 'no-cache makes every reuse wait for the server, so the max-age lifetime never lets a copy be used unchecked',
    rule: 'no-cache: no reuse without successful validation (RFC 9111 §5.2.2.4); max-age only sets the freshness lifetime (§5.2.2.1).',
    keep: 'no-cache if every use must be checked, max-age (with an ETag) if a copy may be reused for that long',
    when: (deltas) => (deltas.get('max-age')?.seconds ?? 0) > 0,
  },
  {
    first: 'no-cache',
    second: 'immutable',
    effect:
      'immutable promises the body will not change while fresh, yet no-cache makes every use check with the server; browsers follow no-cache',
    rule: 'immutable only spares revalidation of a fresh response (RFC 8246 §2); no-cache forbids reuse without validation (RFC 9111 §5.2.2.4).',
    keep: 'no-cache for a URL whose content changes, max-age=31536000, immutable for a versioned one',
  },
  {
    first: 'must-revalidate',
    second: 'stale-while-revalidate',
    effect:
      'must-revalidate forbids serving the copy once stale, stale-while-revalidate allows it during a background check; caches differ on which wins',
    rule: 'must-revalidate: a stale response MUST NOT be reused without successful validation (RFC 9111 §5.2.2.2); stale-while-revalidate (RFC 5861 §3).',
    keep: 'stale-while-revalidate if a briefly stale copy is acceptable, must-revalidate if it never is',
  },
  {
    first: 'must-revalidate',
    second: 'stale-if-error',
    effect:
      'must-revalidate says a stale copy must never be served unchecked, stale-if-error says it may be when the server fails; caches differ on which wins',
    rule: 'must-revalidate (RFC 9111 §5.2.2.2, which also says to answer 504 when validation fails); stale-if-error (RFC 5861 §4).',
    keep: 'stale-if-error if an old copy beats an error page, must-revalidate if it never does',
  },
];

/** The conflicting pairs present in a response's directives, in table order. */
export function directiveConflicts(
  names: ReadonlySet<string>,
  deltas: ReadonlyMap<string, { seconds: number | null }>,
): DirectiveConflict[] {
  return DIRECTIVE_CONFLICTS.filter((c) => names.has(c.first) && names.has(c.second) && (!c.when || c.when(deltas)));
}

/** Vary hygiene (RFC 9111 §4.1): this many field names or more make a shared cache keep too many variants. */
export const VARY_MANY_FIELDS = 4;

/** Representation metadata a 304 should not carry (RFC 9110 §15.4.5): lower-case name → display name. */
export const NOT_IN_304: Readonly<Record<string, string>> = {
  'content-type': 'Content-Type',
  'content-encoding': 'Content-Encoding',
  'content-language': 'Content-Language',
};

/**
 * Singleton fields (RFC 9110 §5.3) whose repeats the cache area reports as field-repeated: the others have their own
 * notes (Age: age-multiple, Expires: expires-multiple, ETag: etag-multiple). Lower-case name → display name.
 */
export const SINGLETON_REPEAT_FIELDS: Readonly<Record<string, string>> = {
  date: 'Date',
  'last-modified': 'Last-Modified',
};
