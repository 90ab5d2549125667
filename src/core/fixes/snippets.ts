/**
 * Every finding a server configuration change fixes, with that change as text to copy: the header the response
 * should carry afterwards and a snippet for nginx, Apache httpd, Express, Caddy and Cloudflare.
 *
 * Design:
 * - Data, built once at load from a handful of recipes (set or remove response fields, add a cookie attribute,
 *   turn on validators) and frozen. A finding gets the shared object by reference: no per-finding copies.
 * - No placeholders. A snippet is text a developer pastes into a server's configuration, and the finding's
 *   parameters come from the page (cookie names, header values): filling them in would let a hostile response
 *   write configuration. The snippets therefore act on every response where they are pasted (every cookie, for
 *   the cookie attributes), and `note` says what to adapt. The one blank, `<name>` in nginx's SameSite line (nginx
 *   names cookies one by one there), is the developer's to fill, never filled from the page.
 * - The engine does not attach them: `snippetsFor(finding)` looks one up, `withSnippets(findings)` gives the findings
 *   with the optional `snippets` field (a reference to the table's object) for a consumer that shows them (the panel,
 *   the CLI's text and markdown). Explanations, the engine's speed and `--format json` stay as they were.
 * - Checked by the real servers: tests/world/snippets/run.ts runs every nginx, Apache and Caddy snippet in front of
 *   a backend that sends the bad response, every Express snippet mounted in an app, every Cloudflare Worker in a
 *   stand-in runtime, and reads the headers that arrive.
 *
 * Vendor documentation of each directive or API used (facts from there; the snippets are our own):
 */
import type { Finding, FixSnippets, ServerSnippet } from '../types';

export const DOCS = {
  nginxAddHeader: 'https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header',
  nginxHideHeader: 'https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_hide_header',
  nginxCookieFlags: 'https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_cookie_flags',
  nginxEtag: 'https://nginx.org/en/docs/http/ngx_http_core_module.html#etag',
  apacheHeader: 'https://httpd.apache.org/docs/2.4/mod/mod_headers.html#header',
  apacheFileEtag: 'https://httpd.apache.org/docs/2.4/mod/core.html#fileetag',
  expressSet: 'https://expressjs.com/en/5x/api.html#res.set',
  expressCookie: 'https://expressjs.com/en/5x/api.html#res.cookie',
  expressEtag: 'https://expressjs.com/en/5x/api.html#app.settings.table',
  caddyHeader: 'https://caddyserver.com/docs/caddyfile/directives/header',
  caddyFileServer: 'https://caddyserver.com/docs/caddyfile/directives/file_server',
  cloudflareResponseHeaders: 'https://developers.cloudflare.com/rules/transform/response-header-modification/',
  cloudflareWorkerHeaders: 'https://developers.cloudflare.com/workers/runtime-apis/headers/',
} as const;

type Field = readonly [name: string, value: string];

function snippet(code: string, doc: string): ServerSnippet {
  return { code, doc };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

// ------------------------------------------------------------------------------------------------ recipes

/** Set response fields (replacing what the application sent) and remove others. */
function fields(set: readonly Field[], remove: readonly string[] = [], note?: string): FixSnippets {
  const q = (v: string) => JSON.stringify(v);
  const nginx = [
    '# inside the location that serves these responses',
    ...set.flatMap(([n, v]) => [
      `proxy_hide_header ${n};  # proxied apps: drop the upstream's own ${n}`,
      `add_header ${n} ${q(v)} always;`,
    ]),
    ...remove.map((n) => `proxy_hide_header ${n};`),
  ];
  const apache = [
    '# mod_headers; in the <VirtualHost>, <Location> or .htaccess that serves these responses',
    ...set.map(([n, v]) => `Header set ${n} ${q(v)}`),
    ...remove.map((n) => `Header unset ${n}`),
  ];
  const express = [
    'app.use((req, res, next) => {',
    ...set.map(([n, v]) => `  res.set(${q(n)}, ${q(v)});`),
    '  next();',
    '});',
    ...(remove.length ? [`// and stop sending ${remove.join(', ')} where the app sets it`] : []),
  ];
  const caddy = [
    'header {',
    ...set.map(([n, v]) => `\t${n} ${q(v)}`),
    ...remove.map((n) => `\t-${n}`),
    '\tdefer  # after a reverse_proxy has copied the upstream fields',
    '}',
  ];
  const cloudflare = [
    'Rules > Overview > Create rule > Response Header Transform Rule; when the request matches the URLs concerned:',
    ...set.map(([n, v]) => `Set static: ${n} = ${v}`),
    ...remove.map((n) => `Remove: ${n}`),
  ];
  return {
    header: set.map(([n, v]) => `${n}: ${v}`).join('\n'),
    ...(remove.length ? { removes: remove } : {}),
    ...(note ? { note } : {}),
    nginx: snippet(nginx.join('\n'), set.length ? DOCS.nginxAddHeader : DOCS.nginxHideHeader),
    apache: snippet(apache.join('\n'), DOCS.apacheHeader),
    // Express cannot take back a field the application sets later: with nothing to set, the fix is in the app's code.
    ...(set.length ? { express: snippet(express.join('\n'), DOCS.expressSet) } : {}),
    caddy: snippet(caddy.join('\n'), DOCS.caddyHeader),
    cloudflare: { kind: 'transform-rule', ...snippet(cloudflare.join('\n'), DOCS.cloudflareResponseHeaders) },
  };
}

/** A cookie attribute added to every Set-Cookie line that lacks it (an explicit one is left as it is). */
function cookieAttribute(attr: 'Secure' | 'HttpOnly' | 'SameSite=Lax', note?: string): FixSnippets {
  const name = attr.split('=')[0]!; // split gives at least one part
  const lower = name.toLowerCase();
  // "; secure" or "; samesite=" anywhere after the name=value pair, in any case.
  const present = name === 'SameSite' ? `;\\s*samesite\\s*=` : `;\\s*${lower}\\s*(?:;|$)`;
  const nginxFlag = name === 'SameSite' ? 'samesite=lax' : lower;
  const expressOption = name === 'Secure' ? 'secure: true' : name === 'HttpOnly' ? 'httpOnly: true' : "sameSite: 'lax'";
  // Secure is forced; HttpOnly and SameSite are defaults an explicit option still overrides.
  const expressMerge = name === 'Secure' ? `{ ...options, ${expressOption} }` : `{ ${expressOption}, ...options }`;
  const caddyHas = name === 'SameSite' ? `;\\s*samesite\\s*=[^;]*` : `;\\s*${lower}\\b`;
  return {
    header: `Set-Cookie: <name>=<value>; ${attr}`,
    note: note ?? `Adds ${attr} to every cookie set where it is pasted; a cookie that already says ${name} keeps its own.`,
    nginx: snippet(
      name === 'SameSite'
        ? [
            '# inside the location that proxies to the application (nginx 1.19.3+); one line per cookie that lacks SameSite:',
            '# the regular expression ~ would also replace the SameSite other cookies chose',
            `proxy_cookie_flags <name> ${nginxFlag};`,
          ].join('\n')
        : ['# inside the location that proxies to the application (nginx 1.19.3+)', `proxy_cookie_flags ~ ${nginxFlag};`].join('\n'),
      DOCS.nginxCookieFlags,
    ),
    apache: snippet(
      [
        '# mod_headers; PCRE lookahead: only lines without the attribute',
        `Header edit Set-Cookie "(?i)^(?!.*${present})(.*)$" "$1; ${attr}"`,
      ].join('\n'),
      DOCS.apacheHeader,
    ),
    express: snippet(
      [
        `// every res.cookie() call gets ${expressOption} (or pass it where you call res.cookie)`,
        'app.use((req, res, next) => {',
        '  const cookie = res.cookie.bind(res);',
        `  res.cookie = (name, value, options) => cookie(name, value, ${expressMerge});`,
        '  next();',
        '});',
      ].join('\n'),
      DOCS.expressCookie,
    ),
    caddy: snippet(
      [
        '# Go regular expressions have no lookahead: append the attribute, then take it off the lines that had one',
        'header {',
        `\tSet-Cookie "^(.*)$" "$1; ${attr}"`,
        `\tSet-Cookie "(?i)(${caddyHas}.*); ${attr}$" "$1"`,
        '\tdefer',
        '}',
      ].join('\n'),
      DOCS.caddyHeader,
    ),
    cloudflare: {
      kind: 'worker',
      ...snippet(
        [
          'export default {',
          '  async fetch(request) {',
          '    const response = await fetch(request);',
          '    const cookies = response.headers.getSetCookie();',
          '    if (cookies.length === 0) return response;',
          '    const fixed = new Response(response.body, response);',
          "    fixed.headers.delete('Set-Cookie');",
          `    for (const c of cookies) fixed.headers.append('Set-Cookie', /${present}/i.test(c) ? c : \`\${c}; ${attr}\`);`,
          '    return fixed;',
          '  },',
          '};',
        ].join('\n'),
        DOCS.cloudflareWorkerHeaders,
      ),
    },
  };
}

/** Validators: servers send them for files by default; an application must send its own. */
function validators(): FixSnippets {
  return {
    header: 'ETag: "…"',
    note: 'Servers send ETag and Last-Modified for the files they serve themselves; a proxied application must send its own ETag (Express does for res.send).',
    nginx: snippet(['# inside the location that serves the files (on by default)', 'etag on;'].join('\n'), DOCS.nginxEtag),
    apache: snippet(['# files served by httpd (the default since 2.4)', 'FileETag MTime Size'].join('\n'), DOCS.apacheFileEtag),
    express: snippet(['// an ETag from the body of every res.send()', "app.set('etag', 'strong');"].join('\n'), DOCS.expressEtag),
    caddy: snippet(['# file_server sends ETag and Last-Modified', 'file_server'].join('\n'), DOCS.caddyFileServer),
  };
}

// ------------------------------------------------------------------------------------------------ the table

const CC = 'Cache-Control';
const versioned = fields(
  [[CC, 'max-age=31536000, immutable']],
  [],
  'Only for URLs with a content hash or version in them: a new file gets a new URL.',
);
const noCache = fields([[CC, 'no-cache']]);
const privateOnly = fields([[CC, 'private']], [], 'Keep your lifetime if you had one: private, max-age=N.');
const withoutExpires = fields([[CC, 'max-age=3600']], ['Expires'], 'Pick the lifetime that suits the resource.');
const vary = fields(
  [['Vary', 'Accept-Encoding']],
  [],
  'Name the request fields the response really depends on; Accept-Encoding is the usual one.',
);
const validator = validators();
const explicitLifetime = fields(
  [[CC, 'max-age=3600']],
  [],
  'Pick the lifetime that suits the resource; no-cache if it must always be checked.',
);

/** Finding id → its snippets. Ids come from the catalogues in src/core/<area>/notes.ts (snippets.test.ts checks). */
export const FIX_SNIPPETS: Readonly<Record<string, FixSnippets>> = deepFreeze({
  // ---------------------------------------------------------------- cache (src/core/cache/notes.ts)
  'no-store-with-others': fields([[CC, 'no-store']]),
  'max-age-zero-not-no-cache': noCache,
  'no-cache-qualified': noCache,
  'private-qualified': privateOnly,
  'public-private-conflict': fields([[CC, 'private']], [], 'Or public, if the response is the same for every user.'),
  'must-revalidate-no-lifetime': fields(
    [[CC, 'max-age=60, must-revalidate']],
    [],
    'Pick the lifetime; or no-cache if every use must be checked.',
  ),
  'no-cache-no-validator': validator,
  'no-validator': validator,
  'immutable-short-lifetime': versioned,
  'versioned-without-immutable': versioned,
  'versioned-no-lifetime': versioned,
  'versioned-short-lifetime': versioned,
  'heuristic-freshness': explicitLifetime,
  'no-explicit-freshness': explicitLifetime,
  // 'no-store' has none on purpose: usually nothing is to change (personal or one-time data), and a snippet would
  // invite caching exactly those.
  'long-max-age-unversioned': fields(
    [[CC, 'no-cache']],
    [],
    'Or put a content hash in the URL and keep the long max-age (with immutable).',
  ),
  'pragma-in-response': fields([[CC, 'no-cache']], ['Pragma']),
  'expires-invalid': withoutExpires,
  'expires-without-date': withoutExpires,
  'expires-multiple': withoutExpires,
  'expires-overridden': fields([], ['Expires'], 'Cache-Control already decides; Expires only adds a second, disagreeing answer.'),
  'age-invalid': fields([], ['Age'], 'Caches set Age; an origin should not.'),
  'age-multiple': fields([], ['Age'], 'Caches set Age; an origin should not.'),
  'vary-star': vary,
  'vary-user-agent': vary,
  'vary-host': vary,
  'vary-many': vary,
  'vary-cookie': fields(
    [
      [CC, 'private'],
      ['Vary', 'Accept-Encoding'],
    ],
    [],
    'For per-user responses; keep your lifetime if you had one: private, max-age=N.',
  ),
  'public-with-authorization': privateOnly,
  'set-cookie-shared': fields(
    [[CC, 'private']],
    [],
    'On the responses that set cookies; keep your lifetime if you had one: private, max-age=N.',
  ),
  // ---------------------------------------------------------------- cookies (src/core/cookies/notes.ts)
  'cookie-not-secure-on-https': cookieAttribute('Secure'),
  'cookie-not-secure-hsts': cookieAttribute('Secure'),
  'cookie-rejected-samesite-none-insecure': cookieAttribute(
    'Secure',
    'Adds Secure to every cookie set where it is pasted; the site must be served over HTTPS.',
  ),
  'cookie-rejected-partitioned-insecure': cookieAttribute(
    'Secure',
    'Adds Secure to every cookie set where it is pasted; the site must be served over HTTPS.',
  ),
  'cookie-session-without-httponly': cookieAttribute(
    'HttpOnly',
    'Adds HttpOnly to every cookie set where it is pasted; leave out cookies page scripts must read.',
  ),
  'cookie-samesite-missing': cookieAttribute('SameSite=Lax'),
  // ---------------------------------------------------------------- proxies (src/core/proxy/notes.ts)
  'xff-echoed': fields(
    [],
    ['Forwarded', 'X-Forwarded-For', 'X-Forwarded-Proto', 'X-Forwarded-Host', 'X-Real-IP'],
    'Stops reflecting what the proxies told the application.',
  ),
});

/** The snippets for a finding, or undefined when no server configuration fixes it. Own properties only. */
export function snippetsFor(finding: Pick<Finding, 'id'> | null | undefined): FixSnippets | undefined {
  const id = finding?.id;
  return typeof id === 'string' && Object.prototype.hasOwnProperty.call(FIX_SNIPPETS, id) ? FIX_SNIPPETS[id] : undefined;
}

/**
 * The findings with `snippets` set where the table has an entry: a new array; a finding with snippets is a shallow
 * copy carrying the shared table object (the engine's findings may be frozen and shared, so they are never changed),
 * the others are the same objects. For a consumer that shows them; the engine does not call it.
 */
export function withSnippets<T extends Finding>(findings: readonly T[]): T[] {
  const out = new Array<T>(findings.length);
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    const s = snippetsFor(f);
    out[i] = s && f.snippets !== s ? { ...f, snippets: s } : f;
  }
  return out;
}
