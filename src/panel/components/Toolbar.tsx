/** Controls (preserve log, clear, live, hide values, HAR) and filters. Renders signals, calls store actions. */
import type { ResponseSource, Severity } from '../../core/types';
import type { PanelStore } from '../store';
import { SOURCE_LABEL } from '../format';
import { useEffect, useRef } from 'preact/hooks';
import { useSignal } from '@preact/signals';

const FILTER_HELP =
  'Words match the URL, status or method. Terms: status-code:404 domain:*.example.com method:POST mime-type:text/css resource-type:script ' +
  'has-response-header:etag has-request-header:cookie larger-than:10k cookie-name:sid set-cookie-name:sid cdn:cloudflare purpose:marketing ' +
  'finding:no-validator; /regex/ over the URL; -term negates. Press / or Ctrl+F to come here.';

export interface HarActions {
  /** Called with a picked or dropped file. */
  importFile(file: File): void;
  exportHar(): void;
}

const SOURCES: ResponseSource[] = ['network', 'disk-cache', 'memory-cache', 'service-worker', 'revalidated', 'unknown'];
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export function Toolbar({ store, har }: { store: PanelStore; har?: HarActions }) {
  const f = store.filters.value;
  const imported = store.status.value === 'imported';
  const pending = store.pending.value.length;
  const filterRef = useRef<HTMLInputElement>(null);
  /** Narrow docks show the main controls only; "Options" shows the rest. */
  const more = useSignal(false);
  // The filter in one key: "/" (outside a text field) or Ctrl+F / Cmd+F while the panel has focus.
  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      const t = ev.target as HTMLElement | null;
      const typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
      if ((ev.key === 'f' && (ev.ctrlKey || ev.metaKey) && !ev.altKey) || (ev.key === '/' && !typing && !ev.ctrlKey && !ev.metaKey)) {
        ev.preventDefault();
        filterRef.current?.focus();
        filterRef.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const queryError = store.query.value.error;
  return (
    <div class={`toolbar${more.value ? ' expanded' : ''}`} role="toolbar" aria-label="Request list controls">
      <div class="controls">
        <div class="view-switch" role="group" aria-label="View">
          <button type="button" aria-pressed={store.view.value === 'requests'} onClick={() => (store.view.value = 'requests')}>
            Requests
          </button>
          <button
            type="button"
            aria-pressed={store.view.value === 'cookies'}
            onClick={() => (store.view.value = 'cookies')}
            title="Every cookie seen: purpose, party, tracking"
            aria-label="Cookies overview"
          >
            Cookies<span class="wide-only"> overview</span>
          </button>
        </div>
        <button
          type="button"
          onClick={() => store.clear()}
          title={imported ? 'Close the imported HAR and go back to live traffic' : 'Clear the recording of this tab'}
        >
          Clear
        </button>
        <label class="opt" title="Keep requests of earlier pages when the tab navigates">
          <input
            type="checkbox"
            checked={store.preserveLog.value}
            disabled={imported}
            onChange={(e) => store.setPreserveLog(e.currentTarget.checked)}
          />
          Preserve log
        </label>
        <label class="opt" title="Show new requests as they arrive">
          <input type="checkbox" checked={store.live.value} disabled={imported} onChange={(e) => store.setLive(e.currentTarget.checked)} />
          Live{pending ? ` (${pending} new)` : ''}
        </label>
        <label title="Mask cookie values, e.g. when sharing your screen">
          <input
            type="checkbox"
            name="hide-values"
            checked={store.hideValues.value}
            onChange={(e) => (store.hideValues.value = e.currentTarget.checked)}
          />
          Hide values
        </label>
        {har && (
          <>
            <label class="button opt" title="Explain a saved HAR file (you can also drop one on the panel)">
              Import HAR
              <input
                type="file"
                accept=".har,application/json"
                class="visually-hidden"
                onChange={(e) => {
                  const file = e.currentTarget.files?.[0];
                  if (file) har.importFile(file);
                  e.currentTarget.value = '';
                }}
              />
            </label>
            <button
              type="button"
              class="opt"
              onClick={() => har.exportHar()}
              disabled={store.records.value.length === 0}
              title={
                store.hideValues.value
                  ? 'Cookie values are masked in the file while Hide values is on'
                  : 'Save the requests shown as HAR 1.2'
              }
            >
              Export HAR
            </button>
          </>
        )}
        <button
          type="button"
          class="more-toggle"
          aria-expanded={more.value}
          aria-controls="toolbar-filters"
          onClick={() => (more.value = !more.value)}
        >
          {more.value ? 'Fewer options' : 'Options'}
        </button>
        <span class="count opt" aria-live="polite">
          {store.filtered.value.length} / {store.records.value.length} requests
        </span>
      </div>
      <div class="filters" id="toolbar-filters">
        <input
          ref={filterRef}
          type="search"
          placeholder="Filter: text, /regex/, -not, domain:, cookie-name:, purpose:… (/)"
          aria-label="Filter text"
          aria-describedby="filter-help"
          aria-invalid={queryError ? true : undefined}
          title={FILTER_HELP}
          value={f.text}
          onInput={(e) => store.setFilter('text', e.currentTarget.value)}
          onKeyDown={(e) => {
            // Down from the filter goes to the list (as in DevTools' Network panel)
            if (e.key === 'ArrowDown') {
              const list = document.querySelector<HTMLElement>('.request-list');
              if (list) {
                e.preventDefault();
                list.focus();
                if (!store.selectedId.value) store.moveSelection(1);
              }
            }
          }}
        />
        <span id="filter-help" class="visually-hidden">
          {FILTER_HELP}
        </span>
        {queryError && (
          <span class="filter-error" role="status">
            {queryError}
          </span>
        )}
        <select class="opt" aria-label="Resource type" value={f.type} onChange={(e) => store.setFilter('type', e.currentTarget.value)}>
          <option value="">All types</option>
          {store.resourceTypes.value.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <select
          class="opt"
          aria-label="Came from"
          value={f.source}
          onChange={(e) => store.setFilter('source', e.currentTarget.value as ResponseSource | '')}
        >
          <option value="">Any source</option>
          {SOURCES.map((s) => (
            <option key={s} value={s}>
              {SOURCE_LABEL[s]}
            </option>
          ))}
        </select>
        <select
          class="opt"
          aria-label="CDN"
          value={f.cdn}
          onChange={(e) => store.setFilter('cdn', e.currentTarget.value)}
          onFocus={() => (store.cdnScan.value = true)}
          onPointerDown={() => (store.cdnScan.value = true)}
        >
          <option value="">Any CDN</option>
          <option value="none">No CDN</option>
          {(f.cdn && !store.cdnNames.value.includes(f.cdn) && f.cdn !== 'none'
            ? [f.cdn, ...store.cdnNames.value]
            : store.cdnNames.value
          ).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <select
          class="opt"
          aria-label="Findings severity"
          value={f.severity}
          onChange={(e) => store.setFilter('severity', e.currentTarget.value as Severity | '')}
        >
          <option value="">Any findings</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s} or worse
            </option>
          ))}
        </select>
        <label class="opt">
          <input type="checkbox" checked={f.cookieProblems} onChange={(e) => store.setFilter('cookieProblems', e.currentTarget.checked)} />
          Cookie problems
        </label>
        <label class="opt">
          <input type="checkbox" checked={f.thirdParty} onChange={(e) => store.setFilter('thirdParty', e.currentTarget.checked)} />
          Third-party
        </label>
      </div>
    </div>
  );
}
