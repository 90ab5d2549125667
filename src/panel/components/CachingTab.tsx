/** Caching: timeline, directives, on-reload prediction vs what happened, revalidation story, Vary, findings. */
import type { CacheView, Explanation, NextUseAction } from '../../core/explanation';
import type { ExchangeRecord } from '../../core/types';
import type { PanelStore } from '../store';
import { countdown, dateTime, duration, lifetimeSource, nextLoads, servedAs, sourceLabel, sourceSentence, type LoadKind } from '../format';
import { ExplainedItem, FindingList, Section, Term } from './common';

export function CachingTab({ store, x, e }: { store: PanelStore; x: ExchangeRecord; e: Explanation }) {
  // Everything below is the engine's answer at one moment, e.cache.now: the panel's clock (store.judgedAtSec).
  const c = e.cache;
  const receivedSec = x.responseTimeMs / 1000;
  const sharedDiffers = c.shared.storable !== c.private.storable || c.shared.freshnessLifetime !== c.private.freshnessLifetime;
  const later = store.laterSameUrl(x);
  const next = later[0] ?? null;
  const revalidatedBy = later.find((o) => store.explainRecord(o)?.cache.revalidation?.previousId === x.id);
  const loads = nextLoads(c.nextUse);

  return (
    <div class="tab-body">
      <p class="lead">
        <strong>{sourceSentence(x, e)}</strong> {loads.applies.plain}
      </p>
      <Section
        title={
          <>
            <Term id="freshness">Freshness</Term> timeline
          </>
        }
      >
        <Lane label="Browser (private cache)" view={c.private} receivedSec={receivedSec} nowSec={c.now} />
        {sharedDiffers && <Lane label="CDN / proxy (shared cache)" view={c.shared} receivedSec={receivedSec} nowSec={c.now} />}
        {c.private.browserNotes.map((n, i) => (
          <p key={i} class="note">
            {n}
          </p>
        ))}
      </Section>

      <Section title="Directives">
        {c.responseDirectives.length === 0 && c.requestDirectives.length === 0 ? (
          <p class="muted">No Cache-Control directives: the browser falls back to Expires or a heuristic.</p>
        ) : (
          <ul class="explained-list">
            {c.responseDirectives.map((d, i) => (
              <ExplainedItem key={`r${i}`} item={d} />
            ))}
            {c.requestDirectives.map((d, i) => (
              <ExplainedItem key={`q${i}`} item={{ ...d, name: `request: ${d.name}` }} />
            ))}
          </ul>
        )}
      </Section>

      <Section title={loads.other ? 'Next use' : 'On reload'}>
        {loads.other ? (
          <div class="next-loads">
            <p>
              <strong>{LOAD_WORDS[loads.applies.kind]}:</strong> {loads.applies.plain}
            </p>
            <ConditionalHeaders list={loads.applies.conditionalHeaders} />
            <details>
              <summary>{LOAD_WORDS[loads.other.kind]} instead</summary>
              <p>{loads.other.plain}</p>
              <ConditionalHeaders list={loads.other.conditionalHeaders} />
            </details>
          </div>
        ) : (
          <>
            <p>{loads.reload}</p>
            <ConditionalHeaders list={loads.applies.conditionalHeaders} />
          </>
        )}
        {next && <WhatHappened store={store} x={x} next={next} />}
      </Section>

      {(c.revalidation || revalidatedBy) && (
        <Section
          title={
            <>
              <Term id="revalidation">Revalidation</Term> story
            </>
          }
        >
          {c.revalidation && (
            <div class="story">
              <p>{c.revalidation.plain}</p>
              <p>
                {c.revalidation.inferred ? 'Inferred (the browser hides the 304 from extensions). ' : ''}
                <Term id="validator">Validator</Term>: {c.revalidation.validator}
                {c.revalidation.validatorValue ? ` ${c.revalidation.validatorValue}` : ''}
                {c.revalidation.matched === true
                  ? ' — matched, the stored copy was reused.'
                  : c.revalidation.matched === false
                    ? ' — did not match, a new copy was downloaded.'
                    : ''}
              </p>
              <button type="button" class="link-button" onClick={() => store.select(c.revalidation!.previousId)}>
                Go to the response it revalidated
              </button>
            </div>
          )}
          {revalidatedBy && (
            <p>
              This response was revalidated later.{' '}
              <button type="button" class="link-button" onClick={() => store.select(revalidatedBy.id)}>
                Go to the revalidation
              </button>
            </p>
          )}
        </Section>
      )}

      {(c.vary.length > 0 || c.varyExplained.length > 0) && (
        <Section title={<Term id="vary">Vary</Term>}>
          <p>
            <code>Vary: {c.vary.join(', ')}</code>
          </p>
          <ul>
            {c.varyExplained.map((v, i) => (
              <li key={i}>{v}</li>
            ))}
          </ul>
        </Section>
      )}

      <Section title="Validators and dates">
        <dl class="facts">
          <dt>ETag</dt>
          <dd>{c.etag ? `${c.etag.value}${c.etag.weak ? ' (weak)' : ''}${c.etag.valid ? '' : ' (malformed)'}` : 'none'}</dd>
          <dt>Last-Modified</dt>
          <dd>{c.lastModified !== null ? dateTime(c.lastModified) : 'none'}</dd>
          <dt>Date</dt>
          <dd>{c.date !== null ? dateTime(c.date) : 'none'}</dd>
          <dt>
            <Term id="age">Age</Term>
          </dt>
          <dd>{c.age !== null ? `${c.age} s` : 'none'}</dd>
        </dl>
      </Section>

      <Section title="Findings">
        <FindingList findings={c.findings} empty="No caching findings." />
      </Section>
    </div>
  );
}

const ACTION_WORDS: Record<NextUseAction, string> = {
  'from-cache': 'served from the cache without asking',
  revalidate: 'a conditional request (revalidation)',
  download: 'a full download',
};

const LOAD_WORDS: Record<LoadKind, string> = { navigation: 'On a normal visit', reload: 'On a reload' };

function ConditionalHeaders({ list }: { list: readonly string[] }) {
  if (list.length === 0) return null;
  return (
    <p>
      The browser will send: <code>{list.join(', ')}</code>
    </p>
  );
}

/**
 * The engine's prediction for this response at the moment the next request for its URL was made, against what the
 * engine says that request was. Both are the engine's answers; nothing is re-derived from statuses here.
 */
function WhatHappened({ store, x, next }: { store: PanelStore; x: ExchangeRecord; next: ExchangeRecord }) {
  const thenE = store.explainAt(x, next.requestTimeMs / 1000);
  const nextE = store.explainRecord(next);
  if (!thenE) return null;
  const predicted = nextLoads(thenE.cache.nextUse).applies.action;
  const actual = servedAs(next, nextE);
  return (
    <div class={`what-happened ${actual === predicted ? 'match' : 'differs'}`}>
      <p>
        What actually happened next: <strong>{ACTION_WORDS[actual]}</strong> ({next.status || 'no status'}, {sourceLabel(next, nextE)}).{' '}
        {actual === predicted
          ? 'As predicted for that moment.'
          : `The prediction for that moment was ${ACTION_WORDS[predicted]}: a reload, a hard reload or the server changed the outcome.`}
      </p>
      <button type="button" class="link-button" onClick={() => store.select(next.id)}>
        Go to that request
      </button>
    </div>
  );
}

function Lane({ label, view, receivedSec, nowSec }: { label: string; view: CacheView; receivedSec: number; nowSec: number }) {
  if (!view.storable) {
    return (
      <div class="lane">
        <div class="lane-label">{label}</div>
        <p>Not stored: {view.storableWhy}</p>
      </div>
    );
  }
  const until = view.freshUntil;
  const lifetime = view.freshnessLifetime ?? 0;
  // Scale: from receipt to the later of (fresh-until + 25%) and the judged moment, so that moment is on the bar.
  const end = Math.max((until ?? receivedSec) + (until !== null ? (view.staleWhileRevalidate ?? 0) : 0), nowSec, receivedSec + 1);
  const span = end - receivedSec + Math.max(1, (end - receivedSec) * 0.15);
  const pct = (t: number) => `${Math.min(100, Math.max(0, ((t - receivedSec) / span) * 100)).toFixed(2)}%`;
  const left = view.remaining;
  return (
    <div class="lane">
      <div class="lane-label">
        {label}:{' '}
        {lifetimeSource(view.freshnessSource, view.heuristic) === null ? (
          'no freshness lifetime'
        ) : (
          <>
            fresh for {duration(lifetime)},{' '}
            {view.heuristic ? (
              <Term id="heuristic">{lifetimeSource(view.freshnessSource, true)}</Term>
            ) : (
              lifetimeSource(view.freshnessSource, false)
            )}
          </>
        )}
      </div>
      <div
        class="timeline"
        role="img"
        aria-label={`${label}: received, fresh until ${until !== null ? dateTime(until) : 'never'}, then stale`}
      >
        {until !== null && <div class="fresh" style={{ width: pct(until) }} />}
        <div class="stale-part" style={{ left: until !== null ? pct(until) : '0%' }} />
        {until !== null && view.staleWhileRevalidate ? (
          <div
            class="swr-part"
            style={{ left: pct(until), width: `calc(${pct(until + view.staleWhileRevalidate)} - ${pct(until)})` }}
            title={`stale-while-revalidate: for ${duration(view.staleWhileRevalidate)} after it goes stale, the stale copy may be used while it is refreshed in the background`}
          />
        ) : null}
        <div class="now-marker" style={{ left: pct(nowSec) }} title={`judged at ${dateTime(nowSec)}`} />
      </div>
      <div class="timeline-labels">
        <span>received {dateTime(receivedSec)}</span>
        <span>{until !== null ? `fresh until ${dateTime(until)}` : 'never fresh'}</span>
        {until !== null && view.staleWhileRevalidate ? (
          <span class="swr-label">then stale-while-revalidate until {dateTime(until + view.staleWhileRevalidate)}</span>
        ) : null}
        <span>then stale</span>
      </div>
      <p class="countdown" aria-live="off">
        {left === null ? (
          'No freshness lifetime: every use needs the server.'
        ) : view.fresh ? (
          <>
            <Term id="freshness">Fresh</Term> for another <strong>{countdown(left)}</strong>
            {view.mustRevalidate ? ', but every use is checked with the server first' : ''}
          </>
        ) : (
          <>
            <Term id="stale">Stale</Term> for {countdown(-left)}
            {view.mustRevalidate ? ', and it must be revalidated before reuse' : ''}
          </>
        )}
        {view.staleWhileRevalidate ? ` · stale-while-revalidate ${duration(view.staleWhileRevalidate)}` : ''}
        {view.staleIfError ? ` · stale-if-error ${duration(view.staleIfError)}` : ''}
      </p>
    </div>
  );
}
