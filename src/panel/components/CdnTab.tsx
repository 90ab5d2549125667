/** CDN & proxies: the chain browser → edge → proxies (Via) → origin, forwarding headers, CDN explanations. */
import type { Explanation } from '../../core/explanation';
import type { ExchangeRecord } from '../../core/types';
import { ExplainedItem, FindingList, Section, Term, useRedact } from './common';

export function CdnTab({ x, e }: { x: ExchangeRecord; e: Explanation }) {
  const { cdn, proxy } = e;
  let host = x.url;
  try {
    host = new URL(x.url).host;
  } catch {
    /* raw */
  }
  const hops = proxy.via;
  // "Hide values": engine sentences here quote headers; a cookie value echoed in one is masked too
  const r = useRedact();
  return (
    <div class="tab-body">
      <p class="lead">{leadSentence(e)}</p>
      <Section title="Chain">
        {/* Drawn in the order the engine's text names the hops: the response's way from the origin to you. Via lists
            hops in the order they were added, so its first entry is the one nearest the origin (RFC 9110 §7.6.3). */}
        <p class="muted">
          The response&apos;s way, from the origin to you
          {hops.length > 1 ? ' (Via lists hops in the order they were added: the first is nearest the origin)' : ''}.
        </p>
        <ol class="chain" aria-label="Path of the response from the origin to the browser">
          <li class="hop origin">
            <strong>
              <Term id="origin">Origin</Term>
            </strong>
            <span>{host}</span>
          </li>
          {hops.map((h, i) => (
            <li key={i} class="hop proxy">
              <strong>
                <Term id="reverse-proxy">proxy</Term> {h.received}
              </strong>
              <span>
                Via entry {i + 1} of {hops.length}, received over HTTP {h.protocol}
              </span>
              {h.comment && <span class="muted">{h.comment}</span>}
            </li>
          ))}
          {cdn.cdnName && (
            <li class="hop edge">
              <strong>
                {cdn.cdnName} <Term id="edge">edge</Term>
              </strong>
              <span>
                {cdn.pop ? (
                  <>
                    <Term id="pop">PoP</Term> {cdn.pop}
                    {cdn.popCity ? ` · ${cdn.popCity}` : ''}
                  </>
                ) : (
                  'PoP not given'
                )}
              </span>
              {known(cdn.cacheStatus) && (
                <span
                  class={`cache-status cs-${cdn.cacheStatus}`}
                  title={cdn.rawCacheStatus ? `as sent: ${cdn.rawCacheStatus}` : undefined}
                >
                  cache {cdn.cacheStatus!.toUpperCase()}
                </span>
              )}
              {cdn.age !== null && <span>Age {cdn.age} s</span>}
            </li>
          )}
          <li class="hop">
            <strong>Browser</strong>
            <span class="muted">you</span>
          </li>
        </ol>
        <p>
          Server IP: <code>{x.serverIp || 'unknown (cache hits carry none)'}</code>
          {cdn.ipOwner
            ? ` — in ${cdn.ipOwner}'s published ranges: you reached the CDN, not the origin.`
            : x.serverIp
              ? ' — not in a known CDN range.'
              : ''}
        </p>
      </Section>

      {cdn.plain.length > 0 && (
        <Section title="What the CDN did">
          <ul>
            {cdn.plain.map((p, i) => (
              <li key={i}>{r(p)}</li>
            ))}
          </ul>
          {cdn.evidence.length > 0 && <p class="muted">Recognised by: {cdn.evidence.join('; ')}</p>}
        </Section>
      )}

      {cdn.cacheStatusEntries.length > 0 && (
        <Section title="Cache-Status (RFC 9211)">
          <ol class="cache-status-entries">
            {cdn.cacheStatusEntries.map((c, i) => (
              <li key={i}>
                <code>{c.cache}</code>: {c.hit ? 'hit' : `miss${c.fwd ? ` (forwarded: ${c.fwd})` : ''}`}
                {c.fwdStatus ? `, origin answered ${c.fwdStatus}` : ''}
                {c.ttl !== undefined ? `, ttl ${c.ttl} s` : ''}
                {c.stored ? ', stored' : ''}
                {c.detail ? `, ${c.detail}` : ''}
              </li>
            ))}
          </ol>
        </Section>
      )}

      {cdn.cdnCacheControl.length > 0 && (
        <Section title="CDN-Cache-Control (RFC 9213)">
          <ul class="explained-list">
            {cdn.cdnCacheControl.map((d, i) => (
              <ExplainedItem key={i} item={d} />
            ))}
          </ul>
        </Section>
      )}

      {(proxy.xForwardedFor.length > 0 || proxy.forwarded.length > 0 || proxy.xRealIp || proxy.plain.length > 0) && (
        <Section
          title={
            <>
              <Term id="x-forwarded-for">Forwarding headers</Term>
            </>
          }
        >
          <dl class="facts">
            {proxy.forwarded.length > 0 && (
              <>
                <dt>Forwarded</dt>
                <dd>
                  {proxy.forwarded
                    .map((f) =>
                      Object.entries(f)
                        .map(([k, v]) => `${k}=${v}`)
                        .join(';'),
                    )
                    .join(', ')}
                </dd>
              </>
            )}
            {proxy.xForwardedFor.length > 0 && (
              <>
                <dt>X-Forwarded-For</dt>
                <dd>{proxy.xForwardedFor.join(' → ')}</dd>
              </>
            )}
            {proxy.xForwardedProto && (
              <>
                <dt>X-Forwarded-Proto</dt>
                <dd>{proxy.xForwardedProto}</dd>
              </>
            )}
            {proxy.xForwardedHost && (
              <>
                <dt>X-Forwarded-Host</dt>
                <dd>{proxy.xForwardedHost}</dd>
              </>
            )}
            {proxy.xRealIp && (
              <>
                <dt>X-Real-IP</dt>
                <dd>{proxy.xRealIp}</dd>
              </>
            )}
          </dl>
          <ul>
            {proxy.plain.map((p, i) => (
              <li key={i}>{r(p)}</li>
            ))}
          </ul>
        </Section>
      )}

      <Section title="Findings">
        <FindingList findings={[...cdn.findings, ...proxy.findings]} empty="No CDN or proxy findings." />
      </Section>
    </div>
  );
}

function known(status: string | null): boolean {
  return !!status && status !== 'unknown';
}

/** The tab's first sentence: who served it, as the engine recognised it; never an internal code. */
function leadSentence(e: Explanation): string {
  const { cdn, proxy } = e;
  if (cdn.cdnName) {
    const where = cdn.pop ? ` at ${cdn.pop}${cdn.popCity ? ` (${cdn.popCity})` : ''}` : '';
    const status = known(cdn.cacheStatus)
      ? `; its cache reported ${cdn.cacheStatus!.toUpperCase()}`
      : '; it did not say whether its cache had a copy';
    return `Served through ${cdn.cdnName}${where}${status}.`;
  }
  if (cdn.cacheStatusEntries.length)
    return `No CDN recognised, but ${cdn.cacheStatusEntries.length === 1 ? 'a cache' : `${cdn.cacheStatusEntries.length} caches`} reported in Cache-Status (RFC 9211): ${cdn.cacheStatusEntries.map((c) => `${c.cache} ${c.hit ? 'hit' : 'miss'}`).join(', ')}.`;
  if (proxy.via.length)
    return `No CDN recognised, but ${proxy.via.length} proxy hop${proxy.via.length === 1 ? '' : 's'} announced ${proxy.via.length === 1 ? 'itself' : 'themselves'} in Via.`;
  return 'No CDN or proxy announced itself in the response headers.';
}
