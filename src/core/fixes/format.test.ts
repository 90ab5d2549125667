import { describe, expect, it } from 'vitest';
import { fixesMarkdown, fixesText, fixLine } from './format';
import { FIX_SNIPPETS } from './snippets';

describe('fixes: command-line text', () => {
  it('text: one line per id that has snippets, in the order given, nothing for the others', () => {
    const lines = fixesText([
      'cacheable-with-validator',
      'pragma-in-response',
      'constructor',
      'expires-overridden',
      'cookie-samesite-missing',
    ]);
    expect(lines[0]).toMatch(/^fixes \(/);
    expect(lines.slice(1)).toEqual([
      '  pragma-in-response       Cache-Control: no-cache, and no Pragma',
      '  expires-overridden       no Expires',
      '  cookie-samesite-missing  Set-Cookie: <name>=<value>; SameSite=Lax',
    ]);
    expect(fixesText(['status-hit', 'cacheable-with-validator'])).toEqual([]);
  });

  it('one line per fix, several fields joined', () => {
    expect(fixLine(FIX_SNIPPETS['vary-cookie']!)).toBe('Cache-Control: private; Vary: Accept-Encoding');
  });

  it('markdown: a collapsed block per id with every server, fences closed, angle brackets escaped outside code', () => {
    const md = fixesMarkdown(['cookie-samesite-missing', 'no-validator']).join('\n');
    expect(md).toContain(
      '<details><summary><code>cookie-samesite-missing</code>: Set-Cookie: &lt;name&gt;=&lt;value&gt;; SameSite=Lax</summary>',
    );
    for (const label of ['nginx', 'Apache httpd', 'Express', 'Caddy', 'Cloudflare Worker'])
      expect(md).toContain(`${label} ([docs](https://`);
    expect(md.match(/^```/gm)!.length % 2).toBe(0);
    expect(md.match(/<details>/g)!.length).toBe(2);
    expect(md).not.toContain('Cloudflare Transform Rule'); // no-validator has no Cloudflare snippet
    expect(fixesMarkdown(['status-hit'])).toEqual([]);
  });
});
