/** Cookies: every Set-Cookie parsed, cookies sent, jar cookies not sent and why, the site's jar. */
import type { Explanation, SetCookieResult } from '../../core/explanation';
import type { ExchangeRecord, JarCookie } from '../../core/types';
import type { PanelStore } from '../store';
import { countdown, mask, servedFrom } from '../format';
import { download, jarToJson, jarToNetscape } from '../cookie-export';
import { ExplainedItem, FindingList, Section, Term } from './common';

export function CookiesTab({ store, x, e }: { store: PanelStore; x: ExchangeRecord; e: Explanation }) {
  const c = e.cookies;
  const hide = store.hideValues.value;
  // No snapshot recorded: fall back to the jar as it is now, once the user asks for it (live traffic only: the
  // browser's jar says nothing about imported HAR traffic).
  const jarOffered = store.jarOffered.value;
  const live = c.send || !jarOffered ? null : store.explainAgainstJar(x);
  const send = c.send ?? live?.cookies.send ?? null;
  return (
    <div class="tab-body">
      <p class="lead">
        This request was {c.sameSiteContext === 'cross-site' ? <Term id="same-site">cross-site</Term> : <Term id="same-site">same-site</Term>}
        {c.thirdParty ? <> (<Term id="third-party">third-party</Term>)</> : ''}. It set {c.setCookies.length} cookie
        {c.setCookies.length === 1 ? '' : 's'} and sent {c.send ? c.send.sent.length : c.requestCookies.length}.
      </p>

      <Section title="Set by this response">
        {c.setCookies.length === 0 ? (
          <p class="muted">No Set-Cookie header{servedFrom(x, e) !== 'network' ? ' (cache hits never carry Set-Cookie)' : ''}.</p>
        ) : (
          c.setCookies.map((s) => <SetCookieCard key={s.index} s={s} hide={hide} nowSec={store.judgedAtSec.value} />)
        )}
      </Section>

      <Section title="Sent with this request">
        {c.send ? (
          c.send.sent.length === 0 ? (
            <p class="muted">No cookie from the jar matched this request.</p>
          ) : (
            <ul class="cookie-list">
              {c.send.sent.map((s) => (
                <li key={s.jarIndex}>
                  <code>{s.cookie.name}</code>={mask(s.cookie.value, hide)} <span class="muted">({s.cookie.domain}{s.cookie.path})</span>
                </li>
              ))}
            </ul>
          )
        ) : c.requestCookies.length ? (
          <ul class="cookie-list">
            {c.requestCookies.map((r, i) => (
              <li key={i}>
                <code>{r.name}</code>={mask(r.value, hide)}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">No Cookie header was sent (or the browser hid it).</p>
        )}
      </Section>

      {(send || (!c.send && jarOffered)) && (
        <Section title="In the jar but not sent">
          {!c.send &&
            (live ? (
              <p class="muted">Checked against the jar as it is now, not as it was when the request was made.</p>
            ) : (
              <p class="muted">
                No jar snapshot was recorded for this request.{' '}
                <button type="button" onClick={() => store.requestJar(x.url)}>
                  Check against the current jar
                </button>
              </p>
            ))}
          {send && send.notSent.length === 0 && <p class="muted">Every cookie in the jar for this URL was sent.</p>}
          {send && send.notSent.length > 0 && (
            <ul class="cookie-list">
              {send.notSent.map((n) => (
                <li key={n.jarIndex} class="not-sent">
                  <code>{n.cookie.name}</code> <strong>not sent</strong>: {n.why} <span class="muted">[{n.reason}]</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
      )}

      <Section title="Findings">
        <FindingList findings={c.findings} empty="No cookie findings." />
      </Section>

      {jarOffered ? (
        <JarView store={store} url={x.url} />
      ) : (
        <p class="muted jar-unavailable">
          Imported traffic: it is explained from the HAR alone. This browser&apos;s cookie jar is not used, since it holds
          this browser&apos;s cookies now, not the ones of the browser that recorded the file.
        </p>
      )}
    </div>
  );
}

function SetCookieCard({ s, hide, nowSec }: { s: SetCookieResult; hide: boolean; nowSec: number }) {
  const ck = s.cookie;
  return (
    <article class={`cookie-card ${s.stored ? 'stored' : 'rejected'}`}>
      <header>
        {/* one flex item, so the header's gap does not split "name=value" */}
        <span class="name-value">
          <code>{ck ? ck.name || '(nameless)' : s.raw.split('=')[0]}</code>
          {ck && <span class="value">={mask(ck.value, hide)}</span>}
        </span>{' '}
        {s.stored ? (
          <span class="sev sev-good">{s.deletes ? 'deletes the cookie' : 'stored'}</span>
        ) : (
          <span class="sev sev-error">rejected</span>
        )}
      </header>
      {!s.stored && s.rejectWhy && (
        <p class="reject">
          Rejected: {s.rejectWhy} {s.rejectReason ? <span class="muted">[{s.rejectReason}]</span> : null}
        </p>
      )}
      {!s.stored && s.scope.length > 0 && <p class="muted">Had it been stored, it would have been:</p>}
      <ul class="scope">
        {s.scope.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
        <li>
          {ck && ck.expires !== null && ck.expires > nowSec ? `${s.lifetime} — ${countdown(ck.expires - nowSec)} left` : s.lifetime}
        </li>
      </ul>
      <p class="flags">
        {ck?.hostOnly && <Term id="host-only">host-only</Term>} {ck?.secure && <Term id="secure">Secure</Term>}{' '}
        {ck?.httpOnly && <Term id="httponly">HttpOnly</Term>}{' '}
        {ck && <Term id="samesite">SameSite={ck.sameSite}</Term>} {ck?.partitioned && <Term id="partitioned">Partitioned</Term>}{' '}
        {s.prefix && <code>{s.prefix} prefix</code>}
      </p>
      {s.purpose && (
        <p class="purpose">
          Purpose: <strong>{s.purpose.category}</strong> ({s.purpose.platform}) — {s.purpose.description}
        </p>
      )}
      {s.signed && (
        <div class="signed">
          <p>
            <strong>Signed, not encrypted</strong> ({s.signed.format}): {s.signed.plain}
          </p>
          <pre>{hide ? mask(s.signed.payload, true) : s.signed.payload}</pre>
        </div>
      )}
      <details>
        <summary>Attributes and raw header</summary>
        <ul class="explained-list">
          {s.attributes.map((a, i) => (
            <ExplainedItem key={i} item={a} />
          ))}
        </ul>
        <pre class="raw">{hide && ck ? s.raw.replace(ck.value, mask(ck.value, true)) : s.raw}</pre>
      </details>
      <FindingList findings={s.findings} />
    </article>
  );
}

function JarView({ store, url }: { store: PanelStore; url: string }) {
  const jar = store.jar.value;
  const hide = store.hideValues.value;
  let site = url;
  try {
    site = new URL(url).host;
  } catch {
    /* keep the raw URL */
  }
  const showing = jar && jar.url === url;
  return (
    <Section title={`Cookie jar for ${site}`}>
      <p class="muted">What the browser holds now for this URL (HttpOnly and partitioned included), read through the cookies API.</p>
      <button type="button" onClick={() => store.requestJar(url)}>
        {showing ? 'Refresh jar' : 'Show jar'}
      </button>
      {showing && jar.loading && <p class="muted">Loading…</p>}
      {showing && jar.error && <p class="error">{jar.error}</p>}
      {showing && !jar.loading && !jar.error && (
        <>
          {jar.cookies.length === 0 ? (
            <p class="muted">The jar holds no cookie for this URL.</p>
          ) : (
            <table class="jar">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Value</th>
                  <th>Domain</th>
                  <th>Path</th>
                  <th>Expires</th>
                  <th>Flags</th>
                  <th>
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {jar.cookies.map((ck, i) => (
                  <JarRow key={i} ck={ck} hide={hide} store={store} />
                ))}
              </tbody>
            </table>
          )}
          <div class="jar-actions">
            <button type="button" onClick={() => download(`cookies-${site}.json`, jarToJson(jar.cookies))}>
              Export JSON
            </button>
            <button type="button" onClick={() => download(`cookies-${site}.txt`, jarToNetscape(jar.cookies), 'text/plain')}>
              Export cookies.txt
            </button>
          </div>
        </>
      )}
    </Section>
  );
}

function JarRow({ ck, hide, store }: { ck: JarCookie; hide: boolean; store: PanelStore }) {
  const flags = [ck.hostOnly ? 'host-only' : 'domain', ck.secure && 'Secure', ck.httpOnly && 'HttpOnly', `SameSite=${ck.sameSite}`, ck.partitioned && `Partitioned (${ck.partitionKey ?? '?'})`]
    .filter(Boolean)
    .join(' · ');
  return (
    <tr>
      <td>
        <code>{ck.name}</code>
      </td>
      <td class="value">{mask(ck.value, hide)}</td>
      <td>{ck.domain}</td>
      <td>{ck.path}</td>
      <td>{ck.expires === null ? 'session' : new Date(ck.expires * 1000).toISOString().slice(0, 16).replace('T', ' ')}</td>
      <td>{flags}</td>
      <td>
        <button type="button" aria-label={`Delete cookie ${ck.name}`} onClick={() => store.deleteCookie(ck)}>
          Delete
        </button>
      </td>
    </tr>
  );
}
