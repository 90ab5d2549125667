/** The detail pane: ARIA tabs over one exchange's explanation. */
import type { PanelStore, DetailTab } from '../store';
import { CachingTab } from './CachingTab';
import { CookiesTab } from './CookiesTab';
import { CdnTab } from './CdnTab';
import { HeadersTab } from './HeadersTab';
import { RedactContext } from './common';
import { collectSecrets, makeRedactor } from '../redact';
import type { Explanation } from '../../core/explanation';
import type { ExchangeRecord, JarCookie } from '../../core/types';
import type { Redactor } from '../redact';

/**
 * The last redactor built (one detail pane at a time), rebuilt only when what it masks changes. The clock explains the
 * selected exchange again every second (a new explanation object each time); its secrets are collected again then,
 * and when they are the same strings the redactor (an index over up to 10,000 values) is kept.
 */
let lastRedactor: {
  hide: boolean;
  x: ExchangeRecord;
  e: Explanation | null;
  jar: JarCookie[] | undefined;
  secrets: Secrets;
  r: Redactor;
} | null = null;
type Secrets = ReturnType<typeof collectSecrets>;
const sameSet = (a: Set<string>, b: Set<string>) => {
  if (a.size !== b.size) return false;
  for (const v of a) if (!b.has(v)) return false;
  return true;
};
function redactorFor(hide: boolean, x: ExchangeRecord, e: Explanation | null, jar: JarCookie[] | undefined): Redactor {
  const l = lastRedactor;
  if (l && l.hide === hide && l.x === x && l.e === e && l.jar === jar) return l.r;
  if (!hide) {
    lastRedactor = {
      hide,
      x,
      e,
      jar,
      secrets: { values: new Set(), names: new Set() },
      r: makeRedactor(false, { values: new Set(), names: new Set() }),
    };
    return lastRedactor.r;
  }
  const secrets = collectSecrets(x, e, jar);
  const r =
    l && l.hide && sameSet(l.secrets.values, secrets.values) && sameSet(l.secrets.names, secrets.names) ? l.r : makeRedactor(true, secrets);
  lastRedactor = { hide, x, e, jar, secrets, r };
  return r;
}

const TABS: Array<{ id: DetailTab; label: string }> = [
  { id: 'caching', label: 'Caching' },
  { id: 'cookies', label: 'Cookies' },
  { id: 'cdn', label: 'CDN & proxies' },
  { id: 'headers', label: 'Headers' },
];

export function DetailPane({ store }: { store: PanelStore }) {
  const x = store.selected.value;
  if (!x) return null;
  const e = store.explainRecord(x);
  const tab = store.detailTab.value;
  const hide = store.hideValues.value;
  const jar = store.jar.value;
  const jarCookies = jar && jar.url === x.url ? jar.cookies : undefined;
  // "Hide values": one redactor for everything this exchange's tabs render (values from its headers, its
  // explanation and the jar shown beside it).
  const redact = redactorFor(hide, x, e, jarCookies);

  function onKeyDown(ev: KeyboardEvent) {
    const i = TABS.findIndex((t) => t.id === tab);
    let next = -1;
    // WAI-ARIA tabs pattern, automatic activation: arrows wrap, Home/End jump to the ends.
    if (ev.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (ev.key === 'ArrowLeft') next = (i + TABS.length - 1) % TABS.length;
    else if (ev.key === 'Home') next = 0;
    else if (ev.key === 'End') next = TABS.length - 1;
    if (next >= 0) {
      ev.preventDefault();
      const id = TABS[next]!.id; // next is in [0, TABS.length - 1]
      store.detailTab.value = id;
      document.getElementById(`tab-${id}`)?.focus();
    }
  }

  return (
    <section
      class="detail"
      aria-label={`Details for ${x.url}`}
      onKeyDown={(ev) => {
        if (ev.key === 'Escape') {
          store.select(null);
          document.querySelector<HTMLElement>('.request-list')?.focus();
        }
      }}
    >
      <div class="detail-head">
        <button type="button" class="close" aria-label="Close details" onClick={() => store.select(null)}>
          ×
        </button>
        <div class="tabs" role="tablist" aria-label="Explanation" onKeyDown={onKeyDown}>
          {TABS.map((t) => (
            <button
              key={t.id}
              id={`tab-${t.id}`}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              // only the selected tab's panel is in the DOM, so only that tab points at it
              aria-controls={tab === t.id ? `panel-${t.id}` : undefined}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => (store.detailTab.value = t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <span class="detail-url" title={x.url}>
          {x.method} {x.url}
        </span>
      </div>
      <RedactContext.Provider value={redact}>
        <div class="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={0}>
          {!e && tab !== 'headers' && !store.engineReady.value ? (
            <p class="muted">Loading the explanation engine…</p>
          ) : !e && tab !== 'headers' ? (
            <p class="error">The engine could not explain this exchange. Its raw headers are under Headers.</p>
          ) : tab === 'caching' ? (
            <CachingTab store={store} x={x} e={e!} />
          ) : tab === 'cookies' ? (
            <CookiesTab store={store} x={x} e={e!} />
          ) : tab === 'cdn' ? (
            <CdnTab x={x} e={e!} />
          ) : (
            <HeadersTab x={x} e={e} hide={hide} />
          )}
        </div>
      </RedactContext.Provider>
    </section>
  );
}
