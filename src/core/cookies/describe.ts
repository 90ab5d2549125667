/** Turns one storage decision into a SetCookieResult: attribute explanations, scope words, purpose, findings. */
import type { BrowserProfile, Finding, JarCookie } from '../types';
import type { CookieRejectReason, Explained, SetCookieResult, SignedCookieInfo } from '../explanation';
import { cookieNote } from './notes';
import type { ParsedSetCookie } from './parse';
import { utf8Length } from './parse';
import { lookupPurpose } from './purposes';
import { ATTRIBUTES, REJECT_REASONS, sec, type AttributeKey } from './rules';
import { decodeSignedCookie } from './signed';
import { isoDay, lifetimeWords, scopeWords } from './words';
import { namePrefixOf, prefixOf } from './prefix';
import type { RejectDetail } from './store';

export interface DecisionFacts {
  index: number;
  raw: string;
  parsed: ParsedSetCookie;
  cookie?: JarCookie;
  /** Every failing check in REJECT_ORDER; empty when stored. */
  reasons: RejectDetail[];
  deletes: boolean;
  now: number;
  requestHost: string;
  requestSecure: boolean;
  browser?: BrowserProfile;
  /** Stored only on the assumption that the request is same-site (its page is unknown). */
  contextUnknown?: boolean;
  /** The host sends Strict-Transport-Security covering this cookie, so no plain-HTTP request will carry it. */
  hsts?: boolean;
}

const MAX_RAW = 8192;
const NON_ASCII = /[^\x00-\x7f]/;
const HUGE_COOKIE = 2048;
/** Login/session cookie names: a name that ends in sess / session (+ id), sid, or holds auth, token, jwt, login, remember. */
const SESSION_NAME = /sess(ion)?[_-]?id$|sess(ion)?$|sid$|^sid|auth|token|jwt|login|remember/i;
/**
 * Anti-CSRF tokens (double-submit cookie: Angular's XSRF-TOKEN, csurf, x-csrf-jwt) are meant to be read by page
 * scripts, which copy them into a request header; HttpOnly would break them
 * (https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html).
 */
const CSRF_NAME = /csrf|xsrf/i;
const FOLDED = /, ?([!#$%&'*+\-.^_`|~0-9A-Za-z]{1,64})=/;

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

function knownAttribute(key: string): (typeof ATTRIBUTES)[AttributeKey] | undefined {
  return Object.hasOwn(ATTRIBUTES, key) ? ATTRIBUTES[key as AttributeKey] : undefined;
}

function explainAttribute(a: ParsedSetCookie['attributes'][number], p: ParsedSetCookie): Explained {
  // Own properties only: an attribute named "constructor" or "__proto__" is unknown, not Object's.
  const known = knownAttribute(a.key);
  const value = a.value === '' ? undefined : clip(a.value, 200);
  if (a.oversized) {
    return {
      name: a.name,
      value,
      known: false,
      plain: 'Ignored: the value is longer than 1024 bytes.',
      rule: 'Attribute values over 1024 octets are dropped.',
      link: sec('5.6'),
    };
  }
  if (!known) {
    return {
      name: a.name,
      value,
      known: false,
      plain: 'Not a cookie attribute browsers know: ignored.',
      rule: 'Unrecognised cookie-av names are ignored.',
      link: sec('5.6'),
    };
  }
  let valid = true;
  if (a.key === 'expires') valid = !p.badExpires.includes(a.value);
  else if (a.key === 'max-age') valid = !p.badMaxAge.includes(a.value);
  else if (a.key === 'samesite') {
    const v = a.value.toLowerCase();
    valid = v === 'strict' || v === 'lax' || v === 'none';
  }
  // A valid attribute's explanation depends on its name and value only: the common ones (Path=/, Secure, HttpOnly,
  // SameSite=Lax, a site's Max-Age and Domain) are made once and shared, frozen. Expires dates differ per cookie.
  const shared = valid && a.key !== 'expires' ? sharedAttributes(a.key as AttributeKey) : undefined;
  const hit = shared?.get(a.value);
  if (hit) return hit;
  const plain = valid ? known.plain : `Invalid value, ignored. ${known.plain}`;
  const out: Explained = {
    name: known.name,
    value,
    known: valid,
    plain,
    rule: attributeRule(a.key as AttributeKey, known),
    link: known.link,
  };
  if (shared) {
    if (shared.size >= SHARED_LIMIT) shared.clear();
    shared.set(a.value, Object.freeze(out));
  }
  return out;
}

/** Valid known attributes' explanations by attribute and value as written (read only: shared between results). */
const SHARED_ATTRIBUTES = new Map<AttributeKey, Map<string, Explained>>();
const SHARED_LIMIT = 256;

function sharedAttributes(key: AttributeKey): Map<string, Explained> {
  let m = SHARED_ATTRIBUTES.get(key);
  if (!m) SHARED_ATTRIBUTES.set(key, (m = new Map<string, Explained>()));
  return m;
}

/**
 * Findings that name only the cookie (most of them) by note id and name, made once and shared between results,
 * frozen (params too): the same few cookies come back on every response of a site.
 */
const NAMED_NOTES = new Map<string, Map<string, Finding>>();

function namedNote(id: string, name: string): Finding {
  let byName = NAMED_NOTES.get(id);
  if (!byName) NAMED_NOTES.set(id, (byName = new Map<string, Finding>()));
  let f = byName.get(name);
  if (!f) {
    f = cookieNote(id, { name });
    if (f.params) Object.freeze(f.params);
    if (byName.size >= SHARED_LIMIT) byName.clear();
    byName.set(name, Object.freeze(f));
  }
  return f;
}

/** The rule text with its Firefox note, built once per attribute rather than once per cookie. */
const RULE_TEXT = new Map<AttributeKey, string>();
function attributeRule(key: AttributeKey, known: (typeof ATTRIBUTES)[AttributeKey]): string {
  let rule = RULE_TEXT.get(key);
  if (rule === undefined) {
    rule = known.firefox ? `${known.rule} Firefox: ${known.firefox}` : known.rule;
    RULE_TEXT.set(key, rule);
  }
  return rule;
}

function findingsFor(f: DecisionFacts, purposeCategory: string | null, signedFormat: string | null): Finding[] {
  const p = f.parsed;
  const out: Finding[] = [];
  const name = clip(p.name, 100);
  const reason = f.reasons[0]?.reason;
  // One finding per distinct failing reason (a prefix failing two conditions is one finding; its why lists both).
  const reasons = f.reasons;
  for (let i = 0; i < reasons.length; i++) {
    const r = reasons[i]!;
    let again = false;
    for (let j = 0; j < i && !again; j++) again = reasons[j]!.reason === r.reason;
    if (!again) out.push(namedNote(`cookie-rejected-${r.reason}`, name));
  }
  if (p.error) return out;
  for (let i = 0; i < p.badExpires.length && i < 3; i++)
    out.push(cookieNote('cookie-expires-invalid', { name, value: clip(p.badExpires[i]!, 80) }));
  for (let i = 0; i < p.badMaxAge.length && i < 3; i++)
    out.push(cookieNote('cookie-max-age-invalid', { name, value: clip(p.badMaxAge[i]!, 80) }));
  if (p.sameSiteInvalid !== undefined) out.push(cookieNote('cookie-samesite-invalid', { name, value: clip(p.sameSiteInvalid, 80) }));
  let unknown = 0;
  for (const a of p.attributes) {
    if (a.oversized) out.push(cookieNote('cookie-attribute-oversized', { name, attribute: clip(a.name, 40) }));
    else if (!knownAttribute(a.key) && unknown++ < 3)
      out.push(cookieNote('cookie-attribute-unknown', { name, attribute: clip(a.name, 40) }));
  }
  if (p.repeatedAttributes)
    out.push(cookieNote('cookie-attribute-duplicate', { name, attributes: clip(p.repeatedAttributes.join(', '), 80) }));
  if (p.emptyDomain) out.push(namedNote('cookie-domain-empty', name));
  if (p.name === '') out.push(cookieNote('cookie-nameless', { value: clip(p.value, 80) }));
  const folded = FOLDED.exec(p.value);
  if (folded) out.push(cookieNote('cookie-folded-header', { name, next: folded[1]! })); // the group is not optional
  const c = f.cookie;
  if (!c || reason === 'expired') return out;
  if (p.bothMaxAgeAndExpires) out.push(namedNote('cookie-max-age-and-expires', name));
  if (reason === undefined && p.domain !== undefined && NON_ASCII.test(p.domain))
    out.push(cookieNote('cookie-domain-idn', { name, domain: c.domain }));
  if (p.capped && c.expires !== null) out.push(cookieNote('cookie-expiry-capped', { name, date: isoDay(c.expires) }));
  if (f.requestSecure && !c.secure && reason === undefined)
    out.push(namedNote(f.hsts ? 'cookie-not-secure-hsts' : 'cookie-not-secure-on-https', name));
  if (f.contextUnknown)
    out.push(
      cookieNote('cookie-samesite-context-unknown', {
        name,
        sameSite: c.sameSite === 'unspecified' ? 'SameSite-less (Lax by default)' : `SameSite=${c.sameSite === 'lax' ? 'Lax' : 'Strict'}`,
      }),
    );
  const sessionLike = (SESSION_NAME.test(p.name) || purposeCategory === 'Security') && !CSRF_NAME.test(p.name);
  // Analytics "session" cookies (AMP_TOKEN, matomo_sessid, ...) are written by scripts on purpose. Marketing is not excluded:
  // the database files the generic name "sessionid" (Django's default) under Instagram (purposes.ts now only applies that entry on instagram.com).
  if (sessionLike && !c.httpOnly && purposeCategory !== 'Analytics') {
    out.push(namedNote('cookie-session-without-httponly', name));
  }
  if (c.sameSite === 'none') out.push(namedNote('cookie-samesite-none', name));
  else if (c.sameSite === 'unspecified' && p.sameSiteInvalid === undefined) out.push(namedNote('cookie-samesite-missing', name));
  // At most 3 bytes per UTF-16 code unit: only a long name and value can pass the limit.
  if ((p.name.length + p.value.length) * 3 > HUGE_COOKIE) {
    const bytes = utf8Length(p.name) + utf8Length(p.value);
    if (bytes > HUGE_COOKIE) out.push(cookieNote('cookie-huge', { name, bytes }));
  }
  if (signedFormat) out.push(cookieNote('cookie-signed-not-encrypted', { name, format: signedFormat }));
  if (reason === undefined) {
    if (prefixOf(c.name) === '__Host-') out.push(namedNote('cookie-prefix-host', name));
    // SameSite=None opts out of cross-site protection, so only Lax or Strict counts here.
    if (c.secure && c.httpOnly && (c.sameSite === 'lax' || c.sameSite === 'strict')) out.push(namedNote('cookie-well-protected', name));
  }
  return out;
}

/** A list grown by push copied to one sized to fit (the result keeps it; the grown one has room for 17). */
function fitted<T>(list: T[]): T[] {
  return list.length === 0 ? list : list.slice();
}

const SIGNED_NAMES: Record<SignedCookieInfo['format'], string> = {
  jwt: 'a JWT',
  itsdangerous: 'an itsdangerous (Flask) session',
  express: 'an Express signed cookie',
  rails: 'a Rails-style signed cookie',
  other: 'a signed value',
};

/** One entry per distinct reason, in order; the details of a repeated reason (several prefix conditions) joined. */
function mergeReasons(list: RejectDetail[]): Array<{ reason: CookieRejectReason; why: string }> {
  const details = new Map<CookieRejectReason, string[]>();
  for (const r of list) {
    const d = details.get(r.reason) ?? [];
    if (r.detail) d.push(r.detail);
    details.set(r.reason, d);
  }
  return [...details].map(([reason, d]) => {
    const t = REJECT_REASONS[reason];
    let why = d.length ? `${t.plain} (${d.join('; ')})` : t.plain;
    if (t.firefox) why += ` Firefox: ${t.firefox}`;
    return { reason, why };
  });
}

export function describeSetCookie(f: DecisionFacts): SetCookieResult {
  const p = f.parsed;
  const prefix = prefixOf(p.name);
  const purpose = p.error ? null : lookupPurpose(p.name, { host: f.requestHost, domain: f.cookie?.domain });
  const signed = p.error ? null : decodeSignedCookie(p.value);
  const result: SetCookieResult = {
    index: f.index,
    raw: clip(f.raw, MAX_RAW),
    stored: f.reasons.length === 0 && f.cookie !== undefined,
    attributes: p.error ? [] : p.attributes.map((a) => explainAttribute(a, p)),
    scope: f.cookie && f.reasons[0]?.reason !== 'expired' ? scopeWords(f.cookie) : [],
    lifetime: f.cookie ? lifetimeWords(f.cookie, f.now, p.capped) : p.error ? 'not stored' : 'session cookie: gone when the browser closes',
    prefix,
    purpose,
    signed,
    findings: fitted(findingsFor(f, purpose?.category ?? null, signed ? SIGNED_NAMES[signed.format] : null)),
  };
  const np = namePrefixOf(p.name);
  if (np) result.namePrefix = np;
  if (f.reasons.length) {
    const all = mergeReasons(f.reasons);
    const [worst] = all;
    if (worst) {
      result.rejectReason = worst.reason;
      result.rejectWhy = worst.why;
    }
    result.rejectReasons = all;
  }
  if (f.cookie) result.cookie = f.cookie;
  if (f.deletes) result.deletes = true;
  return result;
}
