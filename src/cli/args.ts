/** Command-line options of `cache-lens` (and of `npm run explain`, which is the same program). */
import { AREAS, BROWSERS, SEVERITIES, type Area } from '../lib/explain-har';
import type { BrowserProfile, Severity } from '../core/types';

export const FORMATS = ['text', 'json', 'markdown', 'sarif', 'junit', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** Bad input or usage: reported as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliOptions {
  files: string[];
  format: Format;
  now: number | null;
  browser: BrowserProfile;
  /** Exit 3 when any (selected) finding is at least this severe. */
  failOn: Severity | null;
  only: Area[] | null;
  url: string[];
  quiet: boolean;
  help: boolean;
  version: boolean;
}

export const HELP = `usage: cache-lens [options] <file.har | glob | ->...

Explains how every response in HAR files is cached (RFC 9111), what it does with cookies (RFC 6265bis) and what
CDNs and proxies did. Globs (*, ?, **) are expanded by cache-lens too, so quote them on any shell; "-" reads
the HAR from standard input.

options:
  --format <f>        text (default), json, markdown, sarif, junit, github
  --json              the same as --format json
  --now <date>        judge freshness at this moment: ISO 8601 (2026-01-31T12:00:00Z) or epoch seconds
                      (default: when the last response in each HAR arrived)
  --browser <b>       chrome (default), firefox or rfc
  --only <areas>      findings from these areas only, comma-separated: cache,cookies,cdn,proxy
  --url <pattern>     only entries whose URL contains the text, or matches it with * wildcards (repeatable)
  --fail-on <sev>     exit 3 when a finding is this severe or worse: error, warning, info or good
  --quiet             text: only the closing summary; no progress or notes on stderr (errors still print)
  -h, --help          this text
  --version           the version

exit codes:
  0  explained (whatever the findings, unless --fail-on)
  1  an internal error (a Cache Lens bug)
  2  bad input or usage: a file that is missing, unreadable, not JSON or not a HAR, a bad option
     (other files are still explained; 2 wins over 3)
  3  --fail-on: some finding is at or above that severity

JSON: one envelope per HAR file, one per line (schema cache-lens/explain-cli/1, docs/explanation-schema.md).
`;

/** --now: an ISO 8601 date ("2026-01-31", "2026-01-31T12:00:00Z") or epoch seconds. Returns epoch seconds. */
export function parseNow(text: string): number {
  if (/^\d{9,11}(\.\d+)?$/.test(text)) return Number(text);
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) return ms / 1000;
  }
  throw new UsageError(`bad --now "${text.slice(0, 60)}": give an ISO date such as 2026-01-31T12:00:00Z (or epoch seconds)`);
}

export function parseArgs(argv: readonly string[]): CliOptions {
  const o: CliOptions = {
    files: [],
    format: 'text',
    now: null,
    browser: 'chrome',
    failOn: null,
    only: null,
    url: [],
    quiet: false,
    help: false,
    version: false,
  };
  let onlyFiles = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (onlyFiles || !a.startsWith('-') || a === '-') {
      o.files.push(a);
      continue;
    }
    if (a === '--') {
      // `npm run explain -- file.har` passes a literal separator through tsx; files may follow either way
      onlyFiles = o.files.length > 0;
      continue;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const oneOf = <T extends string>(v: string, list: readonly T[]): T => {
      if (!list.includes(v as T)) throw new UsageError(`${flag} must be one of ${list.join(', ')} (got "${v.slice(0, 40)}")`);
      return v as T;
    };
    switch (flag) {
      case '--json':
        o.format = 'json';
        break;
      case '--format':
      case '-f':
        o.format = oneOf(value(), FORMATS);
        break;
      case '--now':
        o.now = parseNow(value());
        break;
      case '--browser':
        o.browser = oneOf(value(), BROWSERS);
        break;
      case '--fail-on':
        o.failOn = oneOf(value(), SEVERITIES);
        break;
      case '--only': {
        const list = value()
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean)
          .map((s) => (s === 'cookie' ? 'cookies' : s));
        o.only = [...new Set(list.map((s) => oneOf(s, AREAS)))];
        break;
      }
      case '--url':
        o.url.push(value());
        break;
      case '--quiet':
      case '-q':
        o.quiet = true;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      case '--version':
        o.version = true;
        break;
      default:
        throw new UsageError(`unknown option ${flag.slice(0, 40)}`);
    }
  }
  if (o.files.length === 0 && !o.help && !o.version) throw new UsageError('no HAR file given');
  return o;
}
