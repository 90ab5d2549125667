/** CDN & proxies: the chain browser → edge → proxies (Via) → origin, forwarding headers, CDN explanations. */
import type { Explanation } from '../../core/explanation';
import type { ExchangeRecord } from '../../core/types';
import { ExplainedItem, FindingList, Section, Term } from './common';

export function CdnTab({ x, e }: { x: ExchangeRecord; e: Explanation }) {
  const { cdn, proxy } = e;
  let host = x.url;
  try {
    host = new URL(x.url).host;
  } catch {
    /* raw */
  }
  const hops = proxy.via;
  return (
    <div class="tab-body">
      <p class="lead">
        {cdn.cdnName
          ? `Served through ${cdn.cdnName}${cdn.cacheStatus ? `: ${cdn.cacheStatus.toUpperCase()}` : ''}${cdn.pop ? ` at ${cdn.pop}${cdn.popCity ? ` (${cdn.popCity})` : ''}` : ''}.`
          : hops.length
            ? `No CDN recognised, but ${hops.length} proxy hop${hops.length === 1 ? '' : 's'} announced themselves in Via.`
            : 'No CDN or proxy announced itself in the response headers.'}
      </p>
      <Section title="Chain">
        <ol class="chain" aria-label="Request path from the browser to the origin">
          <li class="hop">
            <strong>Browser</strong>
            <span class="muted">you</span>
          </li>
          {cdn.cdnName && (
            <li class="hop edge">
              <strong>
                {cdn.cdnName} <Term id="edge">edge</Term>
              </strong>
              <span>
                {cdn.pop ? <><Term id="pop">PoP</Term> {cdn.pop}{cdn.popCity ? ` · ${cdn.popCity}` : ''}</> : 'PoP unknown'}
              </span>
              <span class={`cache-status cs-${cdn.cacheStatus ?? 'unknown'}`}>
                {cdn.cacheStatus ? cdn.cacheStatus.toUpperCase() : 'status unknown'}
                {cdn.rawCacheStatus && cdn.rawCacheStatus.toUpperCase() !== cdn.cacheStatus?.toUpperCase() ? ` (${cdn.rawCacheStatus})` : ''}
              </span>
              {cdn.age !== null && <span>Age {cdn.age} s</span>}
            </li>
          )}
          {hops.map((h, i) => (
            <li key={i} class="hop proxy">
              <strong>
                <Term id="reverse-proxy">proxy</Term> {h.received}
              </strong>
              <span>HTTP {h.protocol}</span>
              {h.comment && <span class="muted">{h.comment}</span>}
            </li>
          ))}
          <li class="hop origin">
            <strong>
              <Term id="origin">Origin</Term>
            </strong>
            <span>{host}</span>
          </li>
        </ol>
        <p>
          Server IP: <code>{x.serverIp || 'unknown (cache hits carry none)'}</code>
          {cdn.ipOwner ? ` — in ${cdn.ipOwner}'s published ranges: you reached the CDN, not the origin.` : x.serverIp ? ' — not in a known CDN range.' : ''}
        </p>
      </Section>

      {cdn.plain.length > 0 && (
        <Section title="What the CDN did">
          <ul>
            {cdn.plain.map((p, i) => (
              <li key={i}>{p}</li>
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
        <Section title={<><Term id="x-forwarded-for">Forwarding headers</Term></>}>
          <dl class="facts">
            {proxy.forwarded.length > 0 && (
              <>
                <dt>Forwarded</dt>
                <dd>{proxy.forwarded.map((f) => Object.entries(f).map(([k, v]) => `${k}=${v}`).join(';')).join(', ')}</dd>
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
              <li key={i}>{p}</li>
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
