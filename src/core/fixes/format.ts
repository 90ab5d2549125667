/**
 * The snippets as text for the command line: once per finding id, after the summary table (never per finding, so
 * the output grows with the distinct ids, at most the table's size). Only table data goes in here, no page data.
 */
import type { FixSnippets } from '../types';
import { snippetsFor } from './snippets';

const SERVERS = [
  ['nginx', 'nginx', 'nginx'],
  ['apache', 'Apache httpd', 'apache'],
  ['express', 'Express', 'js'],
  ['caddy', 'Caddy', 'caddy'],
  ['cloudflare', 'Cloudflare', ''],
] as const;

const CLOUDFLARE_KIND = { 'cache-rule': 'Cache Rule', 'transform-rule': 'Transform Rule', worker: 'Worker' } as const;

/** The header to send, in one line: "Cache-Control: no-cache, and no Pragma". */
export function fixLine(s: FixSnippets): string {
  const sets = s.header ? s.header.split('\n').join('; ') : '';
  const removes = s.removes?.length ? `no ${s.removes.join(', ')}` : '';
  return sets && removes ? `${sets}, and ${removes}` : sets || removes;
}

function withSnippets(ids: Iterable<string>): Array<[string, FixSnippets]> {
  const out: Array<[string, FixSnippets]> = [];
  for (const id of ids) {
    const s = snippetsFor({ id });
    if (s) out.push([id, s]);
  }
  return out;
}

/** Text: a heading and one line per id that has snippets; [] when none does. */
export function fixesText(ids: Iterable<string>): string[] {
  const rows = withSnippets(ids);
  if (rows.length === 0) return [];
  const w = Math.max(...rows.map(([id]) => id.length));
  return [
    "fixes (the header to send; each server's snippet: --format markdown):",
    ...rows.map(([id, s]) => `  ${id.padEnd(w)}  ${fixLine(s)}`),
  ];
}

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Markdown: a collapsed block per id with the header and each server's snippet in a code block; [] when none. */
export function fixesMarkdown(ids: Iterable<string>): string[] {
  const rows = withSnippets(ids);
  if (rows.length === 0) return [];
  const out = ['**Fixes**', ''];
  for (const [id, s] of rows) {
    out.push(`<details><summary><code>${html(id)}</code>: ${html(fixLine(s))}</summary>`, '');
    if (s.note) out.push(html(s.note), '');
    for (const [key, label, lang] of SERVERS) {
      const sn = s[key];
      if (!sn) continue;
      const kind = key === 'cloudflare' && s.cloudflare ? ` ${CLOUDFLARE_KIND[s.cloudflare.kind]}` : '';
      const fence = key === 'cloudflare' && s.cloudflare?.kind === 'worker' ? 'js' : lang;
      out.push(`${label}${kind} ([docs](${sn.doc})):`, '', `\`\`\`${fence}`, sn.code, '```', '');
    }
    out.push('</details>', '');
  }
  return out;
}
