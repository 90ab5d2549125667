/** Small shared pieces: documentation links, glossary cards, explained items, findings. All page data is text. */
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import type { Explained } from '../../core/explanation';
import type { Finding, Severity } from '../../core/types';
import { GLOSSARY } from '../glossary';
import { safeHref, SEVERITY_RANK } from '../format';
import { makeRedactor, type Redactor } from '../redact';

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
          <li key={f.id + i} class={`finding finding-${f.severity}`}>
            <SeverityBadge severity={f.severity} /> <span class="plain">{r(f.summary)}</span>
            {f.fix && <div class="fix">{r(f.fix)}</div>}
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

export function Section({ title, children }: { title: ComponentChildren; children: ComponentChildren }) {
  return (
    <section class="section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}
