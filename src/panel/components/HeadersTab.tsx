/** Raw headers in wire order; known names link to their explanation; what the browser hid. */
import type { Explanation } from '../../core/explanation';
import type { ExchangeRecord, HeaderList } from '../../core/types';
import { HEADER_LINKS } from '../glossary';
import { mask } from '../format';
import { DocLink, Section } from './common';

const COOKIE_HEADERS = new Set(['cookie', 'set-cookie']);

export function HeadersTab({ x, e, hide }: { x: ExchangeRecord; e: Explanation | null; hide: boolean }) {
  const hidden = [...(e?.hidden ?? [])];
  if (x.requestHeadersIncomplete && hidden.length === 0)
    hidden.push('The browser hid some request headers from the extension (e.g. If-None-Match, If-Modified-Since). Open DevTools before loading the page to see them.');
  return (
    <div class="tab-body">
      <Section title="General">
        <dl class="facts">
          <dt>URL</dt>
          <dd class="url">{x.url}</dd>
          <dt>Method</dt>
          <dd>{x.method}</dd>
          <dt>Status</dt>
          <dd>
            {x.status || '—'} {x.statusText ?? ''} {x.error ? `(${x.error})` : ''}
          </dd>
          {x.httpVersion && (
            <>
              <dt>Protocol</dt>
              <dd>{x.httpVersion}</dd>
            </>
          )}
          {x.initiatorUrl && (
            <>
              <dt>Initiator</dt>
              <dd class="url">{x.initiatorUrl}</dd>
            </>
          )}
          {x.redirectUrl && (
            <>
              <dt>Redirects to</dt>
              <dd class="url">{x.redirectUrl}</dd>
            </>
          )}
        </dl>
      </Section>
      <Section title="Response headers">
        <HeaderTable headers={x.responseHeaders} hide={hide} />
      </Section>
      <Section title="Request headers">
        <HeaderTable headers={x.requestHeaders} hide={hide} />
      </Section>
      {hidden.length > 0 && (
        <Section title="What the browser hid">
          <ul>
            {hidden.map((h, i) => (
              <li key={i}>{h}</li>
            ))}
          </ul>
        </Section>
      )}
    </div>
  );
}

function HeaderTable({ headers, hide }: { headers: HeaderList; hide: boolean }) {
  if (headers.length === 0) return <p class="muted">None recorded.</p>;
  return (
    <table class="headers">
      <tbody>
        {headers.map((h, i) => {
          const link = HEADER_LINKS[h.name.toLowerCase()];
          return (
            <tr key={i}>
              <th scope="row">{link ? <DocLink href={link}>{h.name}</DocLink> : h.name}</th>
              <td>{hide && COOKIE_HEADERS.has(h.name.toLowerCase()) ? maskCookieHeader(h.value) : h.value}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** "a=1; b=2" → "a=•••; b=•••"; for Set-Cookie only the first pair is the value. */
function maskCookieHeader(value: string): string {
  return value.replace(/=([^;]*)/g, (_m, v: string) => '=' + mask(v, true));
}
