/** Cookies: every Set-Cookie parsed, cookies sent, jar cookies not sent and why, the site's jar. */
import { useSignal } from '@preact/signals';
import type { Explanation, SetCookieResult } from '../../core/explanation';
import type { ExchangeRecord, JarCookie } from '../../core/types';
import type { PanelStore } from '../store';
import { countdown, mask, servedFrom } from '../format';
import { maskSetCookie } from '../redact';
import { download, jarToJson, jarToNetscape } from '../cookie-export';
import { ExplainedItem, FindingList, Section, Term, useRedact } from './common';
import { VirtualList } from './VirtualList';

/** Above this many cookies in a section, it draws a windowed list of one-line rows instead of every card. */
export const CARD_LIMIT = 40;

export function CookiesTab({ store, x, e }: { store: PanelStore; x: ExchangeRecord; e: Explanation }) {
  const c = e.cookies;
  const hide = store.hideValues.value;
  // No snapshot recorded: fall back to the jar as it is now, once the user asks for it (live traffic only: the
  // browser's jar says nothing about imported HAR traffic).
  const jarOffered = store.jarOffered.value;
  const live = c.send || !jarOffered ? null : store.explainAgainstJar(x);
  const send = c.send ?? live?.cookies.send ?? null;
  const r = useRedact();
  return (
    <div class="tab-body">
      <p class="lead">
        This request was{' '}
        {c.sameSiteContext === 'cross-site' ? <Term id="same-site">cross-site</Term> : <Term id="same-site">same-site</Term>}
        {c.thirdParty ? (
          <>
            {' '}
            (<Term id="third-party">third-party</Term>)
          </>
        ) : (
          ''
        )}
        . It set {c.setCookies.length} cookie
        {c.setCookies.length === 1 ? '' : 's'} and sent {c.send ? c.send.sent.length : c.requestCookies.length}.
      </p>

      <Section title="Set by this response">
        {c.setCookies.length === 0 ? (
          <p class="muted">
            {x.headersWithheld
              ? "The browser hid this response's Set-Cookie lines from the extension (the request began before recording was ready); open DevTools before loading the page to see them."
              : `No Set-Cookie header${servedFrom(x, e) !== 'network' ? ' (cache hits never carry Set-Cookie)' : ''}.`}
          </p>
        ) : c.setCookies.length > CARD_LIMIT ? (
          <ManySetCookies list={c.setCookies} hide={hide} nowSec={store.judgedAtSec.value} />
        ) : (
          c.setCookies.map((s) => <SetCookieCard key={s.index} s={s} hide={hide} nowSec={store.judgedAtSec.value} />)
        )}
      </Section>

      <Section title="Sent with this request">
        {x.requestHeadersLost && x.requestHeaders.length === 0 ? (
          <p class="muted">
            The request&apos;s headers were not recorded (the browser stopped the extension&apos;s background worker while it was under
            way), so whether it carried cookies is unknown.
          </p>
        ) : null}
        {c.send ? (
          c.send.sent.length === 0 ? (
            <p class="muted">No cookie from the jar matched this request.</p>
          ) : (
            <CookieLines
              label="Cookies sent"
              items={c.send.sent}
              line={(s) => (
                <>
                  <NameValue name={s.cookie.name} value={s.cookie.value} hide={hide} />{' '}
                  <span class="muted">
                    ({s.cookie.domain}
                    {s.cookie.path})
                  </span>
                  <Purpose store={store} name={s.cookie.name} domain={s.cookie.domain} />
                </>
              )}
            />
          )
        ) : c.requestCookies.length ? (
          <CookieLines
            label="Cookies sent"
            items={c.requestCookies}
            line={(q) => (
              <>
                <NameValue name={q.name} value={q.value} hide={hide} />
                <Purpose store={store} name={q.name} domain={hostOf(x.url)} />
              </>
            )}
          />
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
            <CookieLines
              label="Cookies in the jar not sent"
              items={send.notSent}
              cls="not-sent"
              line={(n) => (
                // the reason's id stays in the tooltip; the sentence is said once
                <span title={n.reason}>
                  <code>{n.cookie.name || '(nameless)'}</code> <strong>not sent</strong>: {r(n.why)}
                  <Purpose store={store} name={n.cookie.name} domain={n.cookie.domain} />
                </span>
              )}
            />
          )}
        </Section>
      )}

      <Section title="Findings">
        {/* a not-sent reason is said once, in the list above, not again as a finding */}
        <FindingList
          findings={send ? c.findings.filter((f) => !f.id.startsWith('cookie-not-sent-')) : c.findings}
          empty="No cookie findings."
        />
      </Section>

      {jarOffered ? (
        <JarView store={store} url={x.url} />
      ) : (
        <p class="muted jar-unavailable">
          Imported traffic: it is explained from the HAR alone. This browser&apos;s cookie jar is not used, since it holds this
          browser&apos;s cookies now, not the ones of the browser that recorded the file.
        </p>
      )}
    </div>
  );
}

function SetCookieCard({ s, hide, nowSec }: { s: SetCookieResult; hide: boolean; nowSec: number }) {
  const r = useRedact();
  const ck = s.cookie;
  const pair = s.raw.split(';')[0]!;
  const eq = pair.indexOf('=');
  // without a parsed cookie, name and value come from the raw pair ("a=b"; a pair without "=" is all value)
  const name = ck ? ck.name : eq < 0 ? '' : pair.slice(0, eq).trim();
  const value = ck ? ck.value : eq < 0 ? pair.trim() : pair.slice(eq + 1).trim();
  return (
    <article class={`cookie-card ${s.stored ? 'stored' : 'rejected'}`}>
      <header>
        {/* one flex item, so the header's gap does not split "name=value" */}
        <NameValue name={name} value={value} hide={hide} />{' '}
        {s.stored ? (
          <span class="sev sev-good">{s.deletes ? 'deletes the cookie' : 'stored'}</span>
        ) : (
          <span class="sev sev-error">rejected</span>
        )}
        {s.purpose && <PurposeTag category={s.purpose.category} />}
        {s.repeats ? (
          <span class="repeats">
            and {s.repeats} identical line{s.repeats === 1 ? '' : 's'} after it, shown once
          </span>
        ) : null}
      </header>
      {!s.stored && <RejectReasons s={s} />}
      {!s.stored && s.scope.length > 0 && <p class="muted">Had it been stored, it would have been:</p>}
      <ul class="scope">
        {s.scope.map((line, i) => (
          <li key={i}>{r(line)}</li>
        ))}
        <li>
          {ck && ck.expires !== null && ck.expires > nowSec ? `${r(s.lifetime)} — ${countdown(ck.expires - nowSec)} left` : r(s.lifetime)}
        </li>
      </ul>
      <p class="flags">
        {ck?.hostOnly && <Term id="host-only">host-only</Term>} {ck?.secure && <Term id="secure">Secure</Term>}{' '}
        {ck?.httpOnly && <Term id="httponly">HttpOnly</Term>} {ck && <Term id="samesite">SameSite={ck.sameSite}</Term>}{' '}
        {ck?.partitioned && <Term id="partitioned">Partitioned</Term>}{' '}
        {(s.namePrefix ?? s.prefix) && <code>{s.namePrefix ?? s.prefix} prefix</code>}
      </p>
      {s.purpose && (
        <p class="purpose">
          Purpose: <strong>{s.purpose.category}</strong> ({s.purpose.platform}) — {s.purpose.description}
        </p>
      )}
      {s.signed && (
        <div class="signed">
          <p>
            <strong>Signed, not encrypted</strong> ({s.signed.format}): {r(s.signed.plain)}
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
        <pre class="raw">{hide ? maskSetCookie(s.raw, r) : s.raw}</pre>
      </details>
      <FindingList findings={s.findings} />
    </article>
  );
}

/**
 * Why a cookie was refused: every reason the engine gave (`rejectReasons`, the first one first, as RFC 6265bis
 * checks them), one sentence each; the reason code stays in the tooltip. Older explanations carry only the first.
 */
function RejectReasons({ s }: { s: SetCookieResult }) {
  const r = useRedact();
  const reasons = s.rejectReasons?.length ? s.rejectReasons : s.rejectWhy ? [{ reason: s.rejectReason, why: s.rejectWhy }] : [];
  if (reasons.length === 0) return null;
  const [only] = reasons;
  if (reasons.length === 1 && only)
    return (
      <p class="reject" title={only.reason}>
        Rejected: {r(only.why)}
      </p>
    );
  return (
    <div class="reject">
      Rejected, for {reasons.length} reasons:
      <ol class="reject-reasons">
        {reasons.map((x, i) => (
          <li key={i} title={x.reason}>
            {r(x.why)}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** "name=value" as one unit; a nameless cookie shows "(nameless)" and its value. */
function NameValue({ name, value, hide }: { name: string; value: string; hide: boolean }) {
  return (
    <span class="name-value">
      <code>{name || '(nameless)'}</code>
      <span class="value">={mask(value, hide)}</span>
    </span>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** The purpose of a cookie outside a Set-Cookie card (the Open Cookie Database, then our list); nothing when unknown. */
function Purpose({ store, name, domain }: { store: PanelStore; name: string; domain: string }) {
  const p = store.purposeOf(name, domain);
  if (p.category === 'Unknown') return null;
  return (
    <span title={p.platform ?? undefined}>
      {' '}
      <PurposeTag category={p.category} />
    </span>
  );
}

function PurposeTag({ category }: { category: string }) {
  return <span class={`purpose-tag purpose-${category.toLowerCase().replace(/[^a-z]+/g, '-')}`}>{category}</span>;
}

/** A short list as a list; a long one as a window of one-line rows. */
function CookieLines<T>({
  label,
  items,
  line,
  cls,
}: {
  label: string;
  items: readonly T[];
  line: (item: T) => preact.ComponentChildren;
  cls?: string;
}) {
  if (items.length > CARD_LIMIT)
    return (
      <VirtualList items={items} label={`${label} (${items.length})`} row={(it) => <span class={`vline ${cls ?? ''}`}>{line(it)}</span>} />
    );
  return (
    <ul class="cookie-list" aria-label={label}>
      {items.map((it, i) => (
        <li key={i} class={cls}>
          {line(it)}
        </li>
      ))}
    </ul>
  );
}

/**
 * Thousands of Set-Cookie lines: a summary, then one-line rows in a window (name, value, stored or rejected,
 * purpose); the chosen row's full card opens below the list.
 */
function ManySetCookies({ list, hide, nowSec }: { list: SetCookieResult[]; hide: boolean; nowSec: number }) {
  const open = useSignal<number | null>(null);
  const rejected = list.filter((s) => !s.stored).length;
  const purposes = new Map<string, number>();
  for (const s of list) if (s.purpose) purposes.set(s.purpose.category, (purposes.get(s.purpose.category) ?? 0) + 1);
  const chosen = open.value === null ? null : (list.find((s) => s.index === open.value) ?? null);
  return (
    <>
      <p class="summary">
        {list.length} Set-Cookie lines: {list.length - rejected} stored, {rejected} rejected
        {purposes.size > 0 ? `; known purposes: ${[...purposes].map(([k, n]) => `${k} ${n}`).join(', ')}` : ''}. Pick one for its full
        explanation.
      </p>
      <VirtualList
        items={list}
        label={`Cookies set by this response (${list.length})`}
        row={(s) => <SetCookieLine s={s} hide={hide} selected={open.value === s.index} onOpen={() => (open.value = s.index)} />}
      />
      {chosen && <SetCookieCard s={chosen} hide={hide} nowSec={nowSec} />}
    </>
  );
}

function SetCookieLine({ s, hide, selected, onOpen }: { s: SetCookieResult; hide: boolean; selected: boolean; onOpen: () => void }) {
  const pair = s.raw.split(';')[0]!;
  const eq = pair.indexOf('=');
  const name = s.cookie ? s.cookie.name : eq < 0 ? '' : pair.slice(0, eq).trim();
  const value = s.cookie ? s.cookie.value : eq < 0 ? pair.trim() : pair.slice(eq + 1).trim();
  return (
    <button type="button" class={`vline cookie-line${selected ? ' selected' : ''}`} aria-pressed={selected} onClick={onOpen}>
      <span class={`sev ${s.stored ? 'sev-good' : 'sev-error'}`}>{s.stored ? (s.deletes ? 'deletes' : 'stored') : 'rejected'}</span>{' '}
      <NameValue name={name} value={value} hide={hide} /> {s.purpose && <PurposeTag category={s.purpose.category} />}
    </button>
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
  // with "Hide values" on, the exports carry masked values too
  const exported = () => (hide ? (jar?.cookies ?? []).map((c) => ({ ...c, value: mask(c.value, true) })) : (jar?.cookies ?? []));
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
            <div class="jar-scroll">
              <table class="jar">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Value</th>
                    <th>Purpose</th>
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
            </div>
          )}
          <div class="jar-actions">
            <button type="button" onClick={() => download(`cookies-${site}.json`, jarToJson(exported()))}>
              Export JSON
            </button>
            <button type="button" onClick={() => download(`cookies-${site}.txt`, jarToNetscape(exported()), 'text/plain')}>
              Export cookies.txt
            </button>
          </div>
        </>
      )}
    </Section>
  );
}

function JarRow({ ck, hide, store }: { ck: JarCookie; hide: boolean; store: PanelStore }) {
  const flags = [
    ck.hostOnly ? 'host-only' : 'domain',
    ck.secure && 'Secure',
    ck.httpOnly && 'HttpOnly',
    `SameSite=${ck.sameSite}`,
    ck.partitioned && `Partitioned (${ck.partitionKey ?? '?'})`,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <tr>
      <td class="jar-name" data-label="Name">
        <code>{ck.name || '(nameless)'}</code>
      </td>
      <td class="value" data-label="Value">
        {mask(ck.value, hide)}
      </td>
      <td class="jar-purpose" data-label="Purpose">
        <Purpose store={store} name={ck.name} domain={ck.domain} />
      </td>
      <td data-label="Domain">{ck.domain}</td>
      <td data-label="Path">{ck.path}</td>
      <td class="jar-wrap" data-label="Expires">
        {ck.expires === null ? 'session' : new Date(ck.expires * 1000).toISOString().slice(0, 16).replace('T', ' ')}
      </td>
      <td class="jar-wrap" data-label="Flags">
        {flags}
      </td>
      <td class="jar-delete">
        <button type="button" aria-label={`Delete cookie ${ck.name}`} onClick={() => store.deleteCookie(ck)}>
          Delete
        </button>
      </td>
    </tr>
  );
}
