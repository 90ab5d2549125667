/** Raw headers in wire order; known names link to their explanation; what the browser hid. */
import type { Explanation } from '../../core/explanation';
import type { ExchangeRecord, HeaderList } from '../../core/types';
import { HEADER_LINKS } from '../glossary';
import { DocLink, Section, useRedact } from './common';
import { VirtualList } from './VirtualList';

/** Above this many header lines a table becomes a window of one-line rows (a response can carry 10,000 Set-Cookie). */
export const HEADER_ROW_LIMIT = 150;

export function HeadersTab({ x, e }: { x: ExchangeRecord; e: Explanation | null; hide?: boolean }) {
  const r = useRedact();
  const hidden = [...(e?.hidden ?? [])];
  if (x.requestHeadersIncomplete && hidden.length === 0)
    hidden.push(
      'The browser hid some request headers from the extension (e.g. If-None-Match, If-Modified-Since). Open DevTools before loading the page to see them.',
    );
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
        <HeaderTable headers={x.responseHeaders} label="Response headers" />
      </Section>
      <Section title="Request headers">
        <HeaderTable headers={x.requestHeaders} label="Request headers" />
      </Section>
      {hidden.length > 0 && (
        <Section title="What the browser hid">
          <ul>
            {hidden.map((h, i) => (
              <li key={i}>{r(h)}</li>
            ))}
          </ul>
        </Section>
      )}
    </div>
  );
}

function HeaderTable({ headers, label }: { headers: HeaderList; label: string }) {
  const r = useRedact();
  if (headers.length === 0) return <p class="muted">None recorded.</p>;
  const nameCell = (name: string) => {
    const link = HEADER_LINKS[name.toLowerCase()];
    return link ? <DocLink href={link}>{name}</DocLink> : name;
  };
  if (headers.length > HEADER_ROW_LIMIT)
    return (
      <>
        <p class="summary">{headers.length} header lines; one line each below (scroll for more).</p>
        <VirtualList
          items={headers}
          label={`${label} (${headers.length})`}
          row={(h) => (
            <span class="vline header-line">
              <strong>{nameCell(h.name)}</strong>: {r.header(h.name, h.value)}
            </span>
          )}
        />
      </>
    );
  return (
    <table class="headers" aria-label={label}>
      <tbody>
        {headers.map((h, i) => (
          <tr key={i}>
            <th scope="row">{nameCell(h.name)}</th>
            <td>{r.header(h.name, h.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
