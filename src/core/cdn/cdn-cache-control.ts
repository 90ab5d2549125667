/**
 * RFC 9213 CDN-Cache-Control and its vendor variants: cache directives meant for CDN caches only.
 * RFC 9213 §2 defines the field as a structured Dictionary; vendor fields (Surrogate-Control, Edge-Control) use the
 * same directive words. Parsed with structured-headers; when that fails, a forgiving split keeps what can be read
 * and the caller raises a finding. Never throws.
 */
import { parseDictionary, Token } from 'structured-headers';
import type { Explained } from '../explanation';
import { MAX_FIELD_CHARS, splitEntries } from './status';

interface DirectiveDef {
  plain: string;
  rule: string;
  /** Expects a number of seconds. */
  seconds?: boolean;
}

/** Directives a CDN cache acts on (RFC 9111 §5.2.2 semantics, RFC 9213 §2 targeting). */
const DIRECTIVES: Record<string, DirectiveDef> = {
  'max-age': {
    seconds: true,
    plain: 'The CDN may keep and reuse this copy for {value} seconds.',
    rule: 'RFC 9111 §5.2.2.1 max-age, applied by the targeted CDN only (RFC 9213 §2).',
  },
  's-maxage': {
    seconds: true,
    plain: 'The CDN may keep this copy for {value} seconds (shared-cache lifetime).',
    rule: 'RFC 9111 §5.2.2.10 s-maxage.',
  },
  'no-store': { plain: 'The CDN must not keep a copy at all.', rule: 'RFC 9111 §5.2.2.5 no-store, for the targeted CDN.' },
  'no-cache': { plain: 'The CDN may keep a copy but must check with the origin before each reuse.', rule: 'RFC 9111 §5.2.2.4 no-cache.' },
  private: { plain: 'Meant for one user only: a CDN must not store it.', rule: 'RFC 9111 §5.2.2.7 private.' },
  public: {
    plain: 'The CDN may store it even where it normally would not (for example with Authorization).',
    rule: 'RFC 9111 §5.2.2.9 public.',
  },
  'must-revalidate': {
    plain: 'Once stale, the CDN must revalidate instead of serving the old copy.',
    rule: 'RFC 9111 §5.2.2.2 must-revalidate.',
  },
  'proxy-revalidate': { plain: 'Like must-revalidate, for shared caches.', rule: 'RFC 9111 §5.2.2.8 proxy-revalidate.' },
  'stale-while-revalidate': {
    seconds: true,
    plain: 'For {value} seconds after expiry the CDN may serve the stale copy while it refreshes in the background.',
    rule: 'RFC 5861 §3 stale-while-revalidate.',
  },
  'stale-if-error': {
    seconds: true,
    plain: 'For {value} seconds after expiry the CDN may serve the stale copy if the origin fails.',
    rule: 'RFC 5861 §4 stale-if-error.',
  },
  'no-transform': {
    plain: 'The CDN must not change the body (no recompression or image optimisation).',
    rule: 'RFC 9111 §5.2.2.6 no-transform.',
  },
  immutable: { plain: 'The content will never change while fresh.', rule: 'RFC 8246 immutable.' },
  // Surrogate-Control (Edge Architecture Specification) adds content="ESI/1.0"
  content: {
    plain: 'Asks the edge to process the body (usually ESI includes).',
    rule: 'W3C Edge Architecture Specification 1.0, Surrogate-Control content.',
  },
};

const LINK = 'https://www.rfc-editor.org/rfc/rfc9213#section-2';
const MAX_DIRECTIVES = 64;

export interface CdnCacheControlParse {
  header: string;
  directives: Explained[];
  invalid: boolean;
  /** Known directives whose value is not what they take (max-age=foo): a CDN ignores them (RFC 9213 §2). */
  badValues?: string[];
  /** Directive names given more than once: the last value wins in a Dictionary (RFC 9651 §4.2.2). */
  repeated?: string[];
}

function valueText(v: unknown): string | undefined {
  if (v === true) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Token) return v.toString();
  return '?';
}

function explain(name: string, value: string | undefined): Explained {
  const def = Object.prototype.hasOwnProperty.call(DIRECTIVES, name) ? DIRECTIVES[name] : undefined;
  if (!def) {
    return {
      name,
      value,
      known: false,
      plain: `"${name}" is not a directive CDNs are known to act on; it is ignored.`,
      rule: 'RFC 9111 §5.2.3: unknown directives are ignored.',
      link: LINK,
    };
  }
  let known = true;
  if (def.seconds && (value === undefined || !/^\d+$/.test(value))) known = false;
  const plain = known
    ? def.plain.replace('{value}', value ?? '')
    : `${name} needs a whole number of seconds; "${value ?? ''}" is not one, so the CDN ignores it.`;
  return { name, ...(value !== undefined ? { value } : {}), known, plain, rule: def.rule, link: LINK };
}

/** Member names given more than once in a Dictionary's text (each once, bounded); a Map, so any name is only a key. */
function repeatedNames(text: string): string[] {
  const seen = new Map<string, boolean>();
  const out: string[] = [];
  for (const entry of splitEntries(text, MAX_DIRECTIVES)) {
    const eq = entry.search(/[=;]/);
    const name = (eq < 0 ? entry : entry.slice(0, eq)).trim().slice(0, 64);
    if (!name) continue;
    if (seen.has(name)) {
      if (!seen.get(name) && out.length < 8) out.push(name);
      seen.set(name, true);
    } else seen.set(name, false);
  }
  return out;
}

/** Parse one CDN-targeted field (all its lines combined). */
export function parseCdnCacheControl(header: string, lines: string[]): CdnCacheControlParse {
  let text = lines.join(', ');
  if (text.length > MAX_FIELD_CHARS) text = text.slice(0, MAX_FIELD_CHARS);
  const directives: Explained[] = [];
  try {
    const dict = parseDictionary(text);
    for (const [name, member] of dict) {
      if (directives.length >= MAX_DIRECTIVES) break;
      const bare = Array.isArray(member[0]) ? '?' : valueText(member[0]);
      directives.push(explain(name, bare));
    }
    const out: CdnCacheControlParse = { header, directives, invalid: false };
    const bad = directives
      .filter((d) => !d.known && Object.prototype.hasOwnProperty.call(DIRECTIVES, d.name))
      .map((d) => `${d.name}=${d.value ?? ''}`);
    if (bad.length) out.badValues = bad.slice(0, 8);
    const repeated = repeatedNames(text);
    if (repeated.length) out.repeated = repeated;
    return out;
  } catch {
    // Forgiving fallback: name[=value] entries, names lower-cased.
    for (const entry of splitEntries(text, MAX_DIRECTIVES)) {
      const eq = entry.indexOf('=');
      const name = (eq < 0 ? entry : entry.slice(0, eq)).trim().toLowerCase().slice(0, 64);
      if (!name) continue;
      const value =
        eq < 0
          ? undefined
          : entry
              .slice(eq + 1)
              .trim()
              .replace(/^"(.*)"$/, '$1')
              .slice(0, 256);
      directives.push(explain(name, value));
    }
    return { header, directives, invalid: true };
  }
}
