import type { NoteCatalog, NoteDef } from '../notes';
import type { Severity } from '../types';

/**
 * Cache findings, httplint style: the analysis names a note and its parameters, the words live here.
 * `{param}` placeholders are filled by applyNote().
 */
const RFC9111 = 'https://www.rfc-editor.org/rfc/rfc9111';
const RFC9110 = 'https://www.rfc-editor.org/rfc/rfc9110';

function note(severity: Severity, summary: string, rule: string, link: string): NoteDef {
  return { topic: 'cache', severity, summary, rule, link };
}

export const CACHE_NOTES = {
  // ---------------------------------------------------------------- Cache-Control syntax
  'cc-unknown-directive': note(
    'info',
    'Cache-Control contains "{name}", which no cache standard defines; caches ignore it.',
    'Caches MUST ignore cache directives they do not recognise (RFC 9111 §5.2.3).',
    `${RFC9111}#section-5.2.3`,
  ),
  'cc-invalid-value': note(
    'warning',
    'The value of {name} ("{value}") is not a whole number of seconds, so caches treat the response as stale.',
    'delta-seconds = 1*DIGIT (RFC 9111 §1.2.2); caches are encouraged to treat invalid freshness information as stale (§4.2.1).',
    `${RFC9111}#section-1.2.2`,
  ),
  'cc-quoted-value': note(
    'warning',
    '{name} is written with quotes ({name}="{value}"). Senders must use the bare form; Chromium ignores the quoted one.',
    'The directive uses the token form; a sender MUST NOT generate the quoted-string form, recipients ought to accept both (RFC 9111 §5.2, §5.2.2.1).',
    `${RFC9111}#section-5.2`,
  ),
  'cc-duplicate-directive': note(
    'info',
    '{name} appears {count} times in Cache-Control with the same value; once is enough.',
    'Repeated directives are redundant; when their values differ caches may use the first or treat the response as stale (RFC 9111 §4.2.1).',
    `${RFC9111}#section-4.2.1`,
  ),
  'cc-conflicting-duplicate': note(
    'warning',
    '{name} appears with different values ({values}); caches may pick either or treat the response as stale, and this engine treats it as stale.',
    'When a directive has more than one value, either the first occurrence should be used or the response should be considered stale (RFC 9111 §4.2.1).',
    `${RFC9111}#section-4.2.1`,
  ),
  'cc-unexpected-value': note(
    'warning',
    '{name} takes no value but was given "{value}"; caches read it as plain {name}.',
    'The directive is defined without an argument (RFC 9111 §5.2).',
    `${RFC9111}#section-5.2`,
  ),
  'cc-missing-value': note(
    'warning',
    '{name} needs a number of seconds but has none, so it carries no freshness information.',
    'The directive requires a delta-seconds argument (RFC 9111 §5.2, §1.2.2).',
    `${RFC9111}#section-5.2`,
  ),
  'cc-syntax': note(
    'warning',
    'Cache-Control has a syntax error ({problem}); caches may read it differently.',
    'Cache-Control = #( token [ "=" ( token / quoted-string ) ] ) (RFC 9111 §5.2).',
    `${RFC9111}#section-5.2`,
  ),
  'cc-too-long': note(
    'warning',
    'Cache-Control is very long ({length} characters); only the start was read.',
    'Field values this long are almost always a server bug; caches and proxies commonly limit header sizes (RFC 9110 §5.4).',
    `${RFC9110}#section-5.4`,
  ),
  'cc-request-only-in-response': note(
    'info',
    '{name} is a request directive; in a response it means nothing.',
    'max-stale, min-fresh and only-if-cached are defined for requests only (RFC 9111 §5.2.1).',
    `${RFC9111}#section-5.2.1`,
  ),
  'cc-response-only-in-request': note(
    'info',
    'The request carries {name}, a response directive; servers and caches ignore it there.',
    'The directive is defined for responses only (RFC 9111 §5.2.2).',
    `${RFC9111}#section-5.2.2`,
  ),
  'cc-huge-delta': note(
    'info',
    '{name}={value} is larger than caches can count; it is treated as 2147483648 seconds (about 68 years).',
    'A delta-seconds value above 2^31 is treated as 2147483648 (RFC 9111 §1.2.2).',
    `${RFC9111}#section-1.2.2`,
  ),

  // ---------------------------------------------------------------- Cache-Control semantics
  'public-private-conflict': note(
    'warning',
    'Cache-Control says both public and private; private wins, so CDNs and proxies will not store it.',
    'A shared cache MUST NOT store a response with an unqualified private directive (RFC 9111 §3, §5.2.2.7).',
    `${RFC9111}#section-5.2.2.7`,
  ),
  'no-store-with-others': note(
    'info',
    'no-store is combined with {others}; no-store wins and the other directives have no effect.',
    'A cache MUST NOT store a response carrying no-store (RFC 9111 §5.2.2.5), so freshness directives are moot.',
    `${RFC9111}#section-5.2.2.5`,
  ),
  'private-s-maxage': note(
    'info',
    'private and s-maxage together: s-maxage is for shared caches, which private forbids from storing it.',
    's-maxage applies only to shared caches (RFC 9111 §5.2.2.10); private excludes them (§5.2.2.7).',
    `${RFC9111}#section-5.2.2.10`,
  ),
  'must-revalidate-no-lifetime': note(
    'info',
    'must-revalidate is set but the response has no freshness lifetime, so it is stale at once and every reuse is checked with the server.',
    'must-revalidate only acts once the response is stale (RFC 9111 §5.2.2.2).',
    `${RFC9111}#section-5.2.2.2`,
  ),
  'max-age-zero-not-no-cache': note(
    'info',
    'max-age=0 without must-revalidate still lets a cache serve the stale copy when the server is unreachable; use no-cache if every use must be checked.',
    'A stale response may be served when disconnected unless no-cache, must-revalidate or similar forbid it (RFC 9111 §4.2.4, §5.2.2.4).',
    `${RFC9111}#section-4.2.4`,
  ),
  'no-cache-qualified': note(
    'info',
    'no-cache lists fields ({value}): only those fields must be revalidated; the rest of the response may be reused. Chromium ignores the qualified form.',
    'The qualified form of no-cache applies only to the listed fields (RFC 9111 §5.2.2.4).',
    `${RFC9111}#section-5.2.2.4`,
  ),
  'private-qualified': note(
    'info',
    'private lists fields ({value}): a shared cache may store the response without those fields.',
    'The qualified form of private applies only to the listed fields (RFC 9111 §5.2.2.7).',
    `${RFC9111}#section-5.2.2.7`,
  ),
  'no-cache-no-validator': note(
    'warning',
    'no-cache without an ETag or Last-Modified: every use must ask the server, and the server can only answer with the full body{what}.',
    'no-cache requires validation before reuse (RFC 9111 §5.2.2.4); validation needs a validator (RFC 9110 §8.8).',
    `${RFC9111}#section-5.2.2.4`,
  ),
  'immutable-short-lifetime': note(
    'info',
    'immutable is set but the lifetime is only {lifetime} s; immutable pays off with long lifetimes on versioned URLs.',
    'immutable means the body will not change while fresh (RFC 8246 §2).',
    'https://www.rfc-editor.org/rfc/rfc8246#section-2',
  ),
  'cc-directives-conflict': note(
    'info',
    'Cache-Control has both {first} and {second}: {effect}.',
    'Two directives that contradict each other. {rule}',
    `${RFC9111}#section-5.2.2`,
  ),
  'public-redundant': note(
    'info',
    'public changes nothing here: the response is already storable by every cache ({why}).',
    'public lets a cache store a response it otherwise could not: one to a request with Authorization (RFC 9111 §3.5), or one without explicit freshness whose status is not heuristically cacheable (§4.2.2, §5.2.2.9).',
    `${RFC9111}#section-5.2.2.9`,
  ),
  'no-explicit-freshness': note(
    'info',
    'No max-age, s-maxage or Expires, and no Last-Modified to estimate one from: caches may store it but it is stale at once, so every reuse waits for the server.',
    'Freshness comes from s-maxage, max-age or Expires (RFC 9111 §4.2.1); without them only a heuristic may apply (§4.2.2), and browsers base theirs on Last-Modified.',
    `${RFC9111}#section-4.2.1`,
  ),
  'stale-while-revalidate': note(
    'info',
    'After it turns stale, a cache may keep serving it for {seconds} s while it fetches a new copy in the background.',
    'stale-while-revalidate (RFC 5861 §3).',
    'https://www.rfc-editor.org/rfc/rfc5861#section-3',
  ),
  'stale-if-error': note(
    'info',
    'If the server fails (5xx or unreachable), a cache may serve this stale copy for {seconds} s after it expires.',
    'stale-if-error (RFC 5861 §4).',
    'https://www.rfc-editor.org/rfc/rfc5861#section-4',
  ),

  // ---------------------------------------------------------------- validators
  'no-validator': note(
    'warning',
    'This cacheable response has neither ETag nor Last-Modified, so once stale it must be downloaded again in full{when}.',
    'Without a validator a cache cannot send a conditional request (RFC 9111 §4.3.1, RFC 9110 §8.8).',
    `${RFC9111}#section-4.3.1`,
  ),
  'etag-weak': note(
    'info',
    'The ETag is weak (W/): fine for revalidation, but not usable for range requests.',
    'Weak validators are only usable with weak comparison (RFC 9110 §8.8.1, §8.8.3.2).',
    `${RFC9110}#section-8.8.3`,
  ),
  'etag-malformed': note(
    'info',
    'The ETag "{value}" is malformed (it must be a quoted string, optionally prefixed by W/); browsers may not send it back.',
    'entity-tag = [ weak ] opaque-tag; opaque-tag = DQUOTE *etagc DQUOTE (RFC 9110 §8.8.3).',
    `${RFC9110}#section-8.8.3`,
  ),
  'etag-multiple': note(
    'warning',
    'The response has {count} ETag values; a response has one entity tag.',
    'ETag = entity-tag, a single value (RFC 9110 §8.8.3).',
    `${RFC9110}#section-8.8.3`,
  ),
  'last-modified-invalid': note(
    'warning',
    'Last-Modified ("{value}") is not a valid HTTP date; it cannot be used for heuristics or revalidation.',
    'Last-Modified = HTTP-date (RFC 9110 §8.8.2, §5.6.7).',
    `${RFC9110}#section-8.8.2`,
  ),
  'last-modified-future': note(
    'info',
    'Last-Modified is later than the response Date; the server clock or the value is wrong.',
    'An origin server SHOULD NOT send a Last-Modified date later than its message origination date (RFC 9110 §8.8.2.1).',
    `${RFC9110}#section-8.8.2.1`,
  ),

  // ---------------------------------------------------------------- dates and ages
  'date-missing': note(
    'info',
    'The response has no Date header, so ages and Expires are computed from the time the browser received it.',
    'An origin server with a clock MUST send Date (RFC 9110 §6.6.1); caches use the receipt time instead (RFC 9111 §4.2.3).',
    `${RFC9110}#section-6.6.1`,
  ),
  'date-invalid': note(
    'warning',
    'Date ("{value}") is not a valid HTTP date and is ignored.',
    'Date = HTTP-date (RFC 9110 §6.6.1, §5.6.7).',
    `${RFC9110}#section-6.6.1`,
  ),
  'http-date-obsolete': note(
    'info',
    '{header} uses the obsolete {format} date format; servers should send the IMF-fixdate form ("Sun, 06 Nov 1994 08:49:37 GMT").',
    'Senders MUST generate IMF-fixdate; recipients accept rfc850-date and asctime-date (RFC 9110 §5.6.7).',
    `${RFC9110}#section-5.6.7`,
  ),
  'expires-invalid': note(
    'warning',
    'Expires ("{value}") is not a valid HTTP date, so caches treat the response as already expired.',
    'A cache recipient MUST interpret invalid date formats, especially "0", as a time in the past (RFC 9111 §5.3).',
    `${RFC9111}#section-5.3`,
  ),
  'field-repeated': note(
    'info',
    'The response carries {field} {count} times with different values; it is defined once per message, so caches may read any of them.',
    '{field} is a singleton field: a sender must not send it more than once (RFC 9110 §5.3), and recipients differ on which copy they keep.',
    `${RFC9110}#section-5.3`,
  ),
  'expires-without-date': note(
    'info',
    'Expires is set but Date is missing, so the lifetime depends on the receiving clock.',
    'freshness_lifetime = Expires − Date (RFC 9111 §4.2.1); without Date the receipt time stands in.',
    `${RFC9111}#section-4.2.1`,
  ),
  'expires-multiple': note(
    'warning',
    'There are {count} different Expires values; caches may use the first or treat the response as stale.',
    'Multiple values for Expires: use the first occurrence or consider the response stale (RFC 9111 §4.2.1).',
    `${RFC9111}#section-4.2.1`,
  ),
  'expires-overridden': note(
    'info',
    'Expires is ignored because {directive} is present.',
    'If max-age (or s-maxage, for shared caches) is present, Expires is ignored (RFC 9111 §5.3).',
    `${RFC9111}#section-5.3`,
  ),
  'age-invalid': note(
    'warning',
    'Age ("{value}") is not a whole number of seconds and is ignored.',
    'Age = delta-seconds; an invalid Age SHOULD be ignored (RFC 9111 §5.1).',
    `${RFC9111}#section-5.1`,
  ),
  'age-multiple': note(
    'info',
    'Age has several values ({value}); only the first counts.',
    'If Age has multiple values the first is used (RFC 9111 §5.1).',
    `${RFC9111}#section-5.1`,
  ),
  'age-huge': note(
    'info',
    'Age is larger than 2147483648 seconds (68 years): caches count it as that maximum, so the response is stale to all of them.',
    'A delta-seconds value above 2^31 is treated as 2147483648 (RFC 9111 §1.2.2); Age is the time since the response left the origin (§5.1).',
    `${RFC9111}#section-5.1`,
  ),
  'age-present': note(
    'info',
    'Age: {age} s means a cache between the server and the browser (a CDN or proxy) had already stored this copy.',
    'Age is the time since the response was generated or validated at the origin (RFC 9111 §5.1).',
    `${RFC9111}#section-5.1`,
  ),
  'clock-skew': note(
    'info',
    'The server clock is off by {skew} s compared with the time the browser received the response{hint}; ages and Expires may be skewed.',
    'apparent_age = max(0, response_time − date_value) (RFC 9111 §4.2.3); Date should be the origination time (RFC 9110 §6.6.1).',
    `${RFC9111}#section-4.2.3`,
  ),

  // ---------------------------------------------------------------- other fields
  'pragma-in-response': note(
    'info',
    'The response has Pragma: {value}. Pragma has no defined meaning in responses; Chromium still treats no-cache there like Cache-Control: no-cache.',
    'Pragma is deprecated and defined for requests only (RFC 9111 §5.4).',
    `${RFC9111}#section-5.4`,
  ),
  'vary-star': note(
    'warning',
    'Vary: * means no later request can match this response, so it is never reused without asking the server.',
    'A Vary value containing "*" always fails to match (RFC 9111 §4.1).',
    `${RFC9111}#section-4.1`,
  ),
  'vary-user-agent': note(
    'warning',
    'Vary: User-Agent splits the cache into one copy per browser version, so shared caches rarely get hits.',
    'Caches key stored responses on every field named in Vary (RFC 9111 §4.1).',
    `${RFC9111}#section-4.1`,
  ),
  'vary-cookie': note(
    'info',
    'Vary: Cookie keeps one copy per cookie header, so a shared cache rarely reuses it.',
    'Caches key stored responses on every field named in Vary (RFC 9111 §4.1).',
    `${RFC9111}#section-4.1`,
  ),
  'vary-host': note(
    'info',
    'Vary: Host adds nothing: the cache key already holds the host, since it is part of the URL.',
    "A stored response is selected by its target URI first, then by the fields Vary names (RFC 9111 §4, §4.1); Host always matches the URI's authority.",
    `${RFC9111}#section-4.1`,
  ),
  'vary-duplicate': note(
    'info',
    'Vary names {fields} more than once; once is enough.',
    'Vary is a list of field names matched case-insensitively (RFC 9110 §12.5.5); a repeated name changes nothing.',
    `${RFC9110}#section-12.5.5`,
  ),
  'vary-many': note(
    'info',
    'Vary names {count} request fields ({fields}): a shared cache keeps one copy per combination of their values, so it rarely gets a hit.',
    'Caches key stored responses on every field named in Vary (RFC 9111 §4.1).',
    `${RFC9111}#section-4.1`,
  ),
  'not-modified-content-headers': note(
    'info',
    "This 304 Not Modified carries {fields}, which describe a body it does not have; a cache may copy them over the stored response's own.",
    'A 304 should not carry representation metadata other than Cache-Control, Content-Location, Date, ETag, Expires and Vary (RFC 9110 §15.4.5); caches update the stored headers from it (RFC 9111 §4.3.4).',
    `${RFC9110}#section-15.4.5`,
  ),
  'public-with-authorization': note(
    'info',
    'The request carried Authorization and the response allows shared caches to store it ({directive}); make sure it holds nothing user-specific.',
    'Shared caches store responses to authenticated requests only with public, s-maxage or must-revalidate (RFC 9111 §3.5).',
    `${RFC9111}#section-3.5`,
  ),
  'set-cookie-shared': note(
    'warning',
    "This response sets a cookie and a shared cache (CDN, proxy) may store it, so one visitor's cookie could be handed to others.",
    'Caches may store and reuse Set-Cookie with a response unless private or no-cache="Set-Cookie" says otherwise (RFC 9111 §3.1, §7.3; RFC 6265bis §8.7).',
    `${RFC9111}#section-7.3`,
  ),
  'long-max-age-unversioned': note(
    'warning',
    'This file is cached for {lifetime} under a URL without a version or hash, so after you change it browsers keep the old copy ("my CSS changes aren\'t showing up").',
    'A fresh response is reused without contacting the origin (RFC 9111 §4.2); put a version in the URL or use a short lifetime with a validator.',
    `${RFC9111}#section-4.2`,
  ),
  'versioned-without-immutable': note(
    'info',
    'The file name looks versioned (a hash or version) but the response lacks immutable; adding it spares revalidation on reload in Firefox.',
    'immutable tells caches the response will not change while fresh (RFC 8246 §2).',
    'https://www.rfc-editor.org/rfc/rfc8246#section-2',
  ),
  'versioned-no-lifetime': note(
    'info',
    'The file name looks versioned but the response gives no lifetime, so browsers guess one or ask the server again; a versioned file can say max-age=31536000, immutable.',
    'Without max-age, s-maxage or Expires a cache may only use a heuristic lifetime (RFC 9111 §4.2.2); a URL that changes with its content can safely be fresh for a year.',
    `${RFC9111}#section-4.2.2`,
  ),
  'versioned-short-lifetime': note(
    'info',
    'The file name looks versioned but the response is only fresh for {lifetime}; versioned files can safely be cached for a year.',
    'A versioned URL changes when the content changes, so a long freshness lifetime is safe (RFC 9111 §4.2).',
    'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/Caching#cache_busting',
  ),

  // ---------------------------------------------------------------- storability and state
  'heuristic-freshness': note(
    'info',
    'No explicit lifetime: caches guess {lifetime} s (10% of the time since Last-Modified).',
    'Without explicit expiration, a cache may use a heuristic; 10% of (Date − Last-Modified) is typical (RFC 9111 §4.2.2).',
    `${RFC9111}#section-4.2.2`,
  ),
  'not-storable-status': note(
    'info',
    'Status {status} is not cacheable by default and nothing in the response allows caching, so no cache stores it.',
    'A cache stores a response only with explicit freshness, public/private, or a heuristically cacheable status (RFC 9111 §3, RFC 9110 §15.1).',
    `${RFC9111}#section-3`,
  ),
  'no-store': note(
    'info',
    'no-store: no cache keeps a copy; every use downloads it again.',
    'A cache MUST NOT store any part of a response carrying no-store (RFC 9111 §5.2.2.5).',
    `${RFC9111}#section-5.2.2.5`,
  ),
  'stale-now': note(
    'info',
    'The stored copy is stale now (age {age} s, lifetime {lifetime} s); the next use checks with the server.',
    'A response is fresh only while freshness_lifetime > current_age (RFC 9111 §4.2).',
    `${RFC9111}#section-4.2`,
  ),
  'cacheable-with-validator': note(
    'good',
    'Cacheable, with a validator: once stale it can be revalidated cheaply with a 304.',
    'Storable response with a validator (RFC 9111 §3, §4.3).',
    `${RFC9111}#section-4.3`,
  ),
  'request-no-cache': note(
    'info',
    'The request itself asked caches not to reuse a stored copy ({value}), as a hard reload or "Disable cache" does.',
    'Request no-cache / Pragma: no-cache / max-age=0 force validation (RFC 9111 §5.2.1.4, §5.4).',
    `${RFC9111}#section-5.2.1.4`,
  ),

  // ---------------------------------------------------------------- revalidation
  'revalidated-304': note(
    'good',
    'The stored copy was revalidated: the server answered 304 Not Modified, so the body was not downloaded again.',
    'A 304 tells the cache to freshen and reuse its stored response (RFC 9111 §4.3.3, §4.3.4).',
    `${RFC9111}#section-4.3.4`,
  ),
  'revalidated-inferred': note(
    'info',
    'Served from cache with a newer Date than the stored copy: the browser most likely revalidated it (the browser hides the 304 from extensions).',
    'A 304 updates the stored response headers, including Date (RFC 9111 §3.2, §4.3.4).',
    `${RFC9111}#section-4.3.4`,
  ),
  'revalidation-changed': note(
    'info',
    'The resource changed: the validator no longer matched ({validator} was {previous}, now {current}), so the full body was downloaded.',
    'When the validator does not match, the server sends a full response (RFC 9110 §13.1.2, §13.1.3).',
    `${RFC9110}#section-13.1.2`,
  ),
  'revalidated-304-unlinked': note(
    'info',
    "A 304 Not Modified with no earlier response to this URL in the recording: the copy it freshened was stored before recording began, so it is judged from the 304's own headers.",
    'A 304 refers to a response already stored by the client (RFC 9110 §15.4.5).',
    `${RFC9110}#section-15.4.5`,
  ),
} satisfies NoteCatalog;

export type CacheNoteId = keyof typeof CACHE_NOTES;

/**
 * What to change, per cache finding: the header to send instead (one sentence each; `{param}` filled like the
 * summary). Findings that report a good state or a plain fact say so ("Nothing to change").
 */
export const CACHE_FIXES: Readonly<Record<CacheNoteId, string>> = {
  'cc-unknown-directive': 'Remove "{name}" from Cache-Control, or correct its spelling.',
  'cc-invalid-value': 'Send {name} as a whole number of seconds, e.g. {name}=3600.',
  'cc-quoted-value': 'Send {name}={value} without quotes.',
  'cc-duplicate-directive': 'Send {name} once.',
  'cc-conflicting-duplicate': 'Send {name} once, with the value you mean.',
  'cc-unexpected-value': 'Send {name} without a value.',
  'cc-missing-value': 'Give {name} a number of seconds, e.g. {name}=3600, or remove it.',
  'cc-syntax': 'Rewrite Cache-Control as comma-separated directives, e.g. Cache-Control: public, max-age=3600.',
  'cc-too-long': 'Shorten Cache-Control to the directives caches act on.',
  'cc-request-only-in-response': 'Remove {name} from the response; it only has a meaning on requests.',
  'cc-response-only-in-request': 'Remove {name} from the request; it only has a meaning on responses.',
  'cc-huge-delta': 'Use at most max-age=31536000 (one year); longer values mean nothing more.',
  'public-private-conflict': 'Keep one: private for per-user responses, public for shared ones.',
  'no-store-with-others': 'Send Cache-Control: no-store alone if nothing may be stored; otherwise drop no-store.',
  'private-s-maxage': 'Drop s-maxage (private keeps shared caches out), or drop private if CDNs may store it.',
  'must-revalidate-no-lifetime': 'Add max-age (e.g. max-age=60, must-revalidate), or send no-cache if every use must be checked.',
  'max-age-zero-not-no-cache':
    'Send Cache-Control: no-cache if every use must be checked; max-age=0 lets caches serve it stale when the server is unreachable.',
  'no-cache-qualified': 'Send a plain no-cache, or no-store for the fields that must never be stored; browsers ignore the field list.',
  'private-qualified': 'Send a plain private, or keep the listed fields out of the response.',
  'no-cache-no-validator': 'Add an ETag (or Last-Modified) so each check can be a 304; or send no-store if it is never reused.',
  'immutable-short-lifetime': 'Use immutable only with a long max-age on versioned URLs, e.g. max-age=31536000, immutable.',
  'cc-directives-conflict': 'Keep one: {keep}.',
  'public-redundant': 'Drop public; it only matters for responses to requests with Authorization.',
  'no-explicit-freshness':
    'Send an explicit lifetime, e.g. Cache-Control: max-age=3600 (with an ETag), or no-cache if every use must be checked.',
  'stale-while-revalidate': 'Nothing to change: this is what stale-while-revalidate does.',
  'stale-if-error': 'Nothing to change in browsers (they ignore it); CDNs honour it.',
  'no-validator': 'Add an ETag (or Last-Modified) so a stale copy can be revalidated with a 304.',
  'etag-weak': 'Nothing to change, unless byte ranges must resume: then send a strong ETag.',
  'etag-malformed': 'Send the ETag as a quoted string, e.g. ETag: "{value}".',
  'etag-multiple': 'Send one ETag.',
  'last-modified-invalid': 'Send Last-Modified as an HTTP date, e.g. Last-Modified: Tue, 15 Nov 1994 08:12:31 GMT.',
  'last-modified-future': 'Fix the server clock or the Last-Modified value so it is not later than Date.',
  'date-missing': 'Send Date with the server time (most servers do by default).',
  'date-invalid': 'Send Date as an HTTP date, e.g. Date: Tue, 15 Nov 1994 08:12:31 GMT.',
  'http-date-obsolete': 'Send {header} in the IMF-fixdate form, e.g. Tue, 15 Nov 1994 08:12:31 GMT.',
  'expires-invalid': 'Use Cache-Control: max-age instead of Expires, or send Expires as an HTTP date.',
  'field-repeated': 'Send {field} once.',
  'expires-without-date': 'Send Date beside Expires, or use Cache-Control: max-age instead.',
  'expires-multiple': 'Send one Expires, or use Cache-Control: max-age instead.',
  'expires-overridden': 'Drop Expires or make it agree with {directive}; {directive} wins.',
  'age-invalid': 'Send Age as a whole number of seconds (caches set it; an origin should not).',
  'age-multiple': 'Send one Age value.',
  'age-huge': 'Check the cache or proxy that sets Age: an Age this large is a bug there.',
  'age-present': 'Nothing to change: a cache on the way set Age.',
  'clock-skew': 'Sync the server clock (NTP), or, for a recording, check the time zone the HAR was written with.',
  'pragma-in-response': 'Use Cache-Control instead (e.g. Cache-Control: no-cache); Pragma on responses is not standard.',
  'vary-star': 'Name the request fields the response depends on (e.g. Vary: Accept-Encoding) instead of *.',
  'vary-user-agent': 'Vary on something coarser (e.g. client hints such as Sec-CH-UA-Mobile) or serve one response to all.',
  'vary-cookie': 'Send private (or no-store) for per-user responses instead of Vary: Cookie, or vary on a dedicated header.',
  'vary-host': 'Remove Host from Vary.',
  'vary-duplicate': 'Name each field once in Vary.',
  'vary-many': 'Vary only on the request fields the body really depends on (often just Accept-Encoding).',
  'not-modified-content-headers': 'Send only Cache-Control, Content-Location, Date, ETag, Expires and Vary on a 304; leave {fields} out.',
  'public-with-authorization': 'Drop {directive} unless the response really is the same for every user.',
  'set-cookie-shared': 'Send Cache-Control: private (or no-store) on responses that set cookies, or set cookies on an uncached response.',
  'long-max-age-unversioned': 'Put a content hash or version in the URL (e.g. app.3f9a1c2b.js), or shorten max-age and add an ETag.',
  'versioned-without-immutable': 'Add immutable: Cache-Control: max-age=31536000, immutable.',
  'versioned-no-lifetime': 'Send Cache-Control: max-age=31536000, immutable for this versioned file.',
  'versioned-short-lifetime': 'Send Cache-Control: max-age=31536000, immutable: a new version gets a new URL.',
  'heuristic-freshness': 'Send an explicit lifetime (Cache-Control: max-age=…) instead of leaving it to a guess.',
  'not-storable-status': 'Add max-age (or public) if a {status} should be reused; otherwise nothing to change.',
  'no-store': 'Nothing to change if the response is private or changes every time; otherwise allow caching with max-age or no-cache.',
  'stale-now': 'Nothing to change: the next use revalidates; lengthen max-age if it changes less often.',
  'cacheable-with-validator': 'Nothing to change.',
  'request-no-cache': 'Nothing to change on the server: the request asked for a fresh copy (reload or "Disable cache").',
  'revalidated-304': 'Nothing to change: a 304 saved the body.',
  'revalidated-inferred': 'Nothing to change: a 304 saved the body.',
  'revalidation-changed': 'Nothing to change if the resource was edited; if not, make the {validator} stable across servers.',
  'revalidated-304-unlinked': 'Nothing to change.',
};
