/** Small shared pieces: documentation links, glossary cards, explained items, findings. All page data is text. */
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import type { Explained } from '../../core/explanation';
import type { Finding, FixSnippets, Severity } from '../../core/types';
import { snippetsFor } from '../../core/fixes/snippets';
import { GLOSSARY } from '../glossary';
import { safeHref, SEVERITY_RANK } from '../format';
import { makeRedactor, type Redactor } from '../redact';
import { copyText } from '../clipboard';

/** The detail pane's "Hide values" redactor (identity when values are shown). */
export const RedactContext = createContext<Redactor>(makeRedactor(false, { values: new Set(), names: new Set() }));
export const useRedact = () => useContext(RedactContext);

/** A link to our own documentation; anything that is not https:// is shown as plain text instead. */
export function DocLink({ href, children }: { href: string | undefined | null; children?: ComponentChildren }) {
  const safe = safeHref(href);
  const label = children ?? linkLabel(href ?? '');
  if (!safe) return <span class="doc-link-text">{label}</span>;
  return (
    <a class="doc-link" href={safe} target="_blank" rel="noopener noreferrer">
      {label}
    </a>
  );
}

function linkLabel(href: string): string {
  const rfc = /rfc(\d+)(?:#section-([\d.]+))?/i.exec(href);
  if (rfc) return `RFC ${rfc[1]}${rfc[2] ? ` §${rfc[2]}` : ''}`;
  if (href.includes('developer.mozilla.org')) return 'MDN';
  if (href.includes('rfc6265bis')) return 'RFC 6265bis';
  try {
    return new URL(href).host;
  } catch {
    return href;
  }
}

/** Esc on a focused hover card hides it (WCAG 1.4.13) without also closing the detail pane. */
export function dismissOnEscape(ev: KeyboardEvent) {
  const el = ev.currentTarget as HTMLElement;
  if (ev.key === 'Escape' && !el.classList.contains('dismissed')) {
    ev.stopPropagation();
    el.classList.add('dismissed');
    el.addEventListener('blur', () => el.classList.remove('dismissed'), { once: true });
  }
}

let termSeq = 0;
/** A glossary term: hover or focus shows its card (plain, rule, link). */
export function Term({ id, children }: { id: string; children?: ComponentChildren }) {
  const g = GLOSSARY[id];
  if (!g) return <>{children}</>;
  const cardId = `term-${id}-${++termSeq}`;
  return (
    <span class="term" tabIndex={0} aria-describedby={cardId} onKeyDown={dismissOnEscape}>
      {children ?? g.term}
      <span class="term-card" role="tooltip" id={cardId}>
        <strong>{g.term}</strong>
        <span class="plain">{g.plain}</span>
        <span class="rule">{g.rule}</span>
        <DocLink href={g.link} />
      </span>
    </span>
  );
}

/** Plain sentence first, rule second, link third. */
export function ExplainedItem({ item }: { item: Explained }) {
  const r = useRedact();
  return (
    <li class={item.known ? 'explained' : 'explained unknown'}>
      <code class="directive">
        {r(item.name)}
        {item.value !== undefined && item.value !== '' ? `=${r(item.value)}` : ''}
      </code>{' '}
      <span class="plain">{r(item.plain)}</span>
      <div class="rule">
        {r(item.rule)} <DocLink href={item.link} />
      </div>
    </li>
  );
}

export function SeverityBadge({ severity, label }: { severity: Severity; label?: string }) {
  return (
    <span class={`sev sev-${severity}`} title={severity}>
      {label ?? severity}
    </span>
  );
}

/** Findings, worst first; a long list (thousands of cookies) shows its first FINDING_LIMIT until asked for all. */
export const FINDING_LIMIT = 25;

export function FindingList({ findings, empty }: { findings: Finding[]; empty?: string }) {
  const r = useRedact();
  const all = useSignal(false);
  if (findings.length === 0) return empty ? <p class="muted">{empty}</p> : null;
  const sorted = [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const shown = all.value ? sorted : sorted.slice(0, FINDING_LIMIT);
  return (
    <>
      <ul class="findings">
        {shown.map((f, i) => (
          <li key={`${f.id}${i}`} class={`finding finding-${f.severity}`}>
            <SeverityBadge severity={f.severity} /> <span class="plain">{r(f.summary)}</span>
            <Repeats n={(f as FindingExtras).repeats} />
            {f.fix && (
              <div class="fix">
                <strong>Fix:</strong> {r(f.fix)}
              </div>
            )}
            <Snippets finding={f} />
            <div class="rule">
              {r(f.rule)} <DocLink href={f.link} />
            </div>
          </li>
        ))}
      </ul>
      {shown.length < sorted.length && (
        <button type="button" class="more" onClick={() => (all.value = true)}>
          Show all {sorted.length} findings ({sorted.length - shown.length} more)
        </button>
      )}
    </>
  );
}

/** `repeats`: how many more times the same finding was summarised into this one (optional, when the engine sets it). */
type FindingExtras = Finding & { repeats?: number };

function Repeats({ n }: { n: number | undefined }) {
  if (!n || n < 1) return null;
  return (
    <span class="repeats">
      {' '}
      (and {n} more time{n === 1 ? '' : 's'}, shown once)
    </span>
  );
}

const SNIPPET_LABELS: Record<string, string> = {
  header: 'Response header',
  nginx: 'nginx',
  apache: 'Apache',
  express: 'Express',
  caddy: 'Caddy',
  cloudflare: 'Cloudflare',
};
const CLOUDFLARE_KINDS: Record<string, string> = { 'cache-rule': 'Cache Rule', 'transform-rule': 'Transform Rule', worker: 'Worker' };
/** Keys of FixSnippets that are not a block of configuration. */
const SNIPPET_META = new Set(['removes', 'note']);

interface SnippetBlock {
  key: string;
  label: string;
  code: string;
  doc?: string;
}

/** Every configuration block of a finding's `snippets` (src/core/fixes/snippets.ts), in the engine's order. */
export function snippetBlocks(snippets: FixSnippets | undefined): SnippetBlock[] {
  const out: SnippetBlock[] = [];
  for (const [key, v] of Object.entries(snippets ?? {})) {
    if (SNIPPET_META.has(key)) continue;
    const entry =
      typeof v === 'string'
        ? { code: v }
        : v && typeof v === 'object' && typeof (v as { code?: unknown }).code === 'string'
          ? (v as { code: string; doc?: string; kind?: string })
          : null;
    if (!entry || entry.code.trim() === '') continue;
    const kind = 'kind' in entry && typeof entry.kind === 'string' ? (CLOUDFLARE_KINDS[entry.kind] ?? entry.kind) : null;
    const label = (SNIPPET_LABELS[key] ?? key) + (kind ? ` (${kind})` : '');
    out.push({ key, label, code: entry.code, ...('doc' in entry && typeof entry.doc === 'string' ? { doc: entry.doc } : {}) });
  }
  return out;
}

/**
 * The fix as configuration: the engine's snippets for this finding (attached, or looked up with `snippetsFor`), one
 * copyable block per server. With "Hide values" on, a block that quotes a value of this exchange is withheld (not
 * masked: a masked configuration line would be wrong if copied).
 */
export function Snippets({ finding }: { finding: Finding }) {
  const r = useRedact();
  const snippets = finding.snippets ?? snippetsFor(finding);
  const blocks = snippetBlocks(snippets);
  if (blocks.length === 0) return null;
  const removes = snippets?.removes ?? [];
  return (
    <details class="snippets">
      <summary>Configuration: {blocks.map((b) => b.label.replace(/ \(.*\)$/, '')).join(', ')}</summary>
      {snippets?.note && <p class="snippet-note">{snippets.note}</p>}
      {removes.length > 0 && <p class="snippet-removes">Remove: {removes.join(', ')}</p>}
      {blocks.map((b) => {
        const hidden = r(b.code) !== b.code;
        return (
          <div class="snippet" key={b.key}>
            <div class="snippet-head">
              <span class="snippet-name">{b.label}</span>
              {!hidden && <CopyButton text={b.code} label={`Copy the ${b.label} configuration`} />}
              {b.doc && <DocLink href={b.doc}>docs</DocLink>}
            </div>
            {hidden ? (
              <p class="muted snippet-hidden">Hidden while “Hide values” is on: it quotes values from this exchange.</p>
            ) : (
              <pre class="snippet-code">
                <code>{b.code}</code>
              </pre>
            )}
          </div>
        );
      })}
    </details>
  );
}

/** A small Copy button that says "Copied" for a moment. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const state = useSignal<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      class="copy"
      aria-label={label}
      title={label}
      onClick={() => {
        void copyText(text).then((ok) => {
          state.value = ok ? 'copied' : 'failed';
          setTimeout(() => (state.value = 'idle'), 1500);
        });
      }}
    >
      {state.value === 'copied' ? 'Copied' : state.value === 'failed' ? 'Copy failed' : 'Copy'}
    </button>
  );
}

export function Section({ title, children }: { title: ComponentChildren; children: ComponentChildren }) {
  return (
    <section class="section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}
