/** Jar exports: JSON and Netscape cookies.txt (the curl/wget format). Pure functions. */
import type { JarCookie } from '../core/types';

export function jarToJson(cookies: JarCookie[]): string {
  return JSON.stringify(cookies, null, 2) + '\n';
}

/**
 * Netscape cookies.txt: domain, include-subdomains, path, secure, expiry (epoch s, 0 = session), name, value,
 * tab-separated. curl marks HttpOnly cookies with a "#HttpOnly_" domain prefix.
 */
export function jarToNetscape(cookies: JarCookie[]): string {
  const lines = ['# Netscape HTTP Cookie File', '# Exported by Cache Lens. Session cookies have expiry 0.', ''];
  for (const c of cookies) {
    const domain = (c.httpOnly ? '#HttpOnly_' : '') + (c.hostOnly ? c.domain : '.' + c.domain);
    const clean = (s: string) => s.replace(/[\t\r\n]/g, ' ');
    lines.push(
      [
        domain,
        c.hostOnly ? 'FALSE' : 'TRUE',
        clean(c.path),
        c.secure ? 'TRUE' : 'FALSE',
        String(c.expires ?? 0),
        clean(c.name),
        clean(c.value),
      ].join('\t'),
    );
  }
  return lines.join('\n') + '\n';
}

/** Offer text as a download (an object URL on a temporary anchor; nothing leaves the machine). */
export function download(filename: string, text: string, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
