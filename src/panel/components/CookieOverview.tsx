/**
 * The Cookies overview: "which cookies track me?" in one view. Every cookie the recording saw, tracking ones first,
 * with its purpose, party, where it was set and sent and the rule that put it there (../cookie-overview.ts). Shows
 * names and sites, never values.
 */
import { useSignal } from '@preact/signals';
import type { PanelStore } from '../store';
import type { OverviewCookie } from '../cookie-overview';
import { shortName } from '../format';
import { Term } from './common';

const ROW_LIMIT = 300;

export function CookieOverview({ store }: { store: PanelStore }) {
  const rows = store.overview.value;
  const purpose = useSignal('');
  const party = useSignal<'' | 'third' | 'first'>('');
  const trackingOnly = useSignal(false);
  const rejectedOnly = useSignal(false);
  const text = useSignal('');
  const all = useSignal(false);

  const purposes = [...new Set(rows.map((r) => r.purpose.category))].sort();
  const needle = text.value.trim().toLowerCase();
  const shown = rows.filter(
    (r) =>
      (!purpose.value || r.purpose.category === purpose.value) &&
      (!party.value || (party.value === 'third') === r.thirdParty) &&
      (!trackingOnly.value || r.tracking) &&
      (!rejectedOnly.value || r.rejectedCount > 0) &&
      (!needle || r.name.toLowerCase().includes(needle) || r.domain.toLowerCase().includes(needle)),
  );
  const tracking = rows.filter((r) => r.tracking).length;
  const third = rows.filter((r) => r.thirdParty).length;
  const rejected = rows.filter((r) => r.rejectedCount > 0).length;
  const drawn = all.value ? shown : shown.slice(0, ROW_LIMIT);

  function open(id: string) {
    store.select(id);
    store.detailTab.value = 'cookies';
    store.view.value = 'requests';
  }

  if (!store.engineReady.value) return <p class="muted overview-empty">Loading the explanation engine…</p>;
  return (
    <section class="overview" aria-label="Cookies overview">
      <p class="lead">
        {rows.length} cookie{rows.length === 1 ? '' : 's'} seen: <strong>{tracking} tracking</strong> (an analytics or marketing cookie set
        or sent in a <Term id="third-party">third-party</Term> context), {third} third-party, {rejected} rejected at least once.
      </p>
      <div class="overview-filters" role="group" aria-label="Cookie filters">
        <input
          type="search"
          aria-label="Filter cookies by name or site"
          placeholder="Name or site"
          value={text.value}
          onInput={(e) => (text.value = e.currentTarget.value)}
        />
        <select aria-label="Purpose" value={purpose.value} onChange={(e) => (purpose.value = e.currentTarget.value)}>
          <option value="">Any purpose</option>
          {purposes.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <select aria-label="Party" value={party.value} onChange={(e) => (party.value = e.currentTarget.value as '' | 'third' | 'first')}>
          <option value="">First- and third-party</option>
          <option value="third">Third-party</option>
          <option value="first">First-party</option>
        </select>
        <label>
          <input type="checkbox" checked={trackingOnly.value} onChange={(e) => (trackingOnly.value = e.currentTarget.checked)} />
          Tracking only
        </label>
        <label>
          <input type="checkbox" checked={rejectedOnly.value} onChange={(e) => (rejectedOnly.value = e.currentTarget.checked)} />
          Rejected
        </label>
        <span class="count">
          {shown.length} / {rows.length} cookies
        </span>
      </div>
      {rows.length === 0 ? (
        <p class="muted">No cookie was set or sent in this recording.</p>
      ) : (
        <div class="table-scroll">
          <table class="overview-table">
            <thead>
              <tr>
                <th scope="col">Cookie</th>
                <th scope="col">Site</th>
                <th scope="col">Purpose</th>
                <th scope="col">Party</th>
                <th scope="col">Set</th>
                <th scope="col">Sent</th>
                <th scope="col">Why here</th>
              </tr>
            </thead>
            <tbody>
              {drawn.map((r) => (
                <OverviewRow key={r.key} r={r} store={store} open={open} hide={store.hideValues.value} />
              ))}
            </tbody>
          </table>
          {drawn.length < shown.length && (
            <button type="button" class="more" onClick={() => (all.value = true)}>
              Show all {shown.length} cookies
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function OverviewRow({ r, store, open, hide }: { r: OverviewCookie; store: PanelStore; open: (id: string) => void; hide: boolean }) {
  // the engine's reject sentence can quote the cookie; with Hide values on, the reason stays in the request's tab
  const rejectWhy = hide ? null : r.rejectWhy;
  const firstSet = r.setBy[0] ? store.getRecord(r.setBy[0]) : null;
  const firstSent = r.sentWith[0] ? store.getRecord(r.sentWith[0]) : null;
  return (
    <tr class={r.tracking ? 'tracking' : undefined} data-cookie={r.name}>
      <th scope="row" class="ov-name">
        <code>{r.name || '(nameless)'}</code>
        {r.tracking && <span class="sev sev-warning tracking-tag">tracking</span>}
      </th>
      <td class="ov-site" data-label="Site">
        {r.domain}
        {r.path && r.path !== '/' ? <span class="muted"> {r.path}</span> : null}
      </td>
      <td class="ov-purpose" data-label="Purpose">
        <span class="purpose-tag">{r.purpose.category}</span>
        {r.purpose.platform && <span class="muted"> {r.purpose.platform}</span>}
      </td>
      <td data-label="Party">{r.thirdParty ? 'third-party' : 'first-party'}</td>
      <td data-label="Set">
        {r.setCount === 0 ? (
          <span class="muted">not seen</span>
        ) : (
          <>
            {firstSet ? (
              <button type="button" class="link" onClick={() => open(firstSet.id)} title={firstSet.url}>
                {r.setCount}× {shortName(firstSet.url)}
              </button>
            ) : (
              `${r.setCount}×`
            )}
            {r.rejectedCount > 0 && (
              <div class="ov-rejected">
                rejected {r.rejectedCount}×{rejectWhy ? `: ${rejectWhy}` : ''}
              </div>
            )}
          </>
        )}
      </td>
      <td data-label="Sent">
        {r.sentCount === 0 ? (
          <span class="muted">never</span>
        ) : firstSent ? (
          <button type="button" class="link" onClick={() => open(firstSent.id)} title={firstSent.url}>
            {r.sentCount}× {shortName(firstSent.url)}
          </button>
        ) : (
          `${r.sentCount}×`
        )}
      </td>
      <td class="ov-why" data-label="Why here">
        {r.why}
      </td>
    </tr>
  );
}
