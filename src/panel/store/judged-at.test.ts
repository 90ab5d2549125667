import { readFileSync } from 'node:fs';
import { effect } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../scripts/explain';
import { sharedPath } from '../../../tests/support/shared';
import { importHarText } from '../har-actions';
import { captureTimeSec } from './index';
import { oldHar } from '../test/har';
import { fakeExplainer, makeStore, manyRecords, NOW, NOW_MS, record, snapshot } from '../test/fixtures';

const fixture = sharedPath('fixtures', 'har', 'pagexray-304.har');

async function cliNow(path: string): Promise<number> {
  let out = '';
  const code = await runCli([path, '--json'], { out: (t) => void (out += t), err: () => {} });
  expect(code).toBeLessThan(2);
  return (JSON.parse(out.split('\n')[0]!) as { nowEpoch: number }).nowEpoch;
}

describe('imported HAR: judged at capture time', () => {
  it('uses the same moment as `npm run explain` for the same file', async () => {
    const { store } = makeStore();
    importHarText(store, readFileSync(fixture, 'utf8'));
    expect(store.status.value).toBe('imported');
    const expected = await cliNow(fixture);
    expect(store.captureSec.value).toBe(expected);
    expect(store.judgedAtSec.value).toBe(expected);
    expect(captureTimeSec([])).toBeNull();
  });

  it('explains at capture time until switched to now, and back', () => {
    const seen: number[] = [];
    const ex = fakeExplainer();
    const { store } = makeStore((x, ctx, h) => (seen.push(ctx.now), ex.fn(x, ctx, h)));
    importHarText(store, oldHar());
    const capture = Math.ceil(Date.parse('2015-06-01T10:00:00.120Z') / 1000);
    expect(store.judgedAtSec.value).toBe(capture);
    const x = store.records.value[0]!; // the HAR has entries
    expect(store.explainRecord(x)!.cache.now).toBe(capture);
    // the wall clock moving on changes nothing while judged at capture time
    store.nowMs.value = NOW_MS + 5000;
    expect(store.explainRecord(x)!.cache.now).toBe(capture);
    store.judgeAt.value = 'now';
    expect(store.explainRecord(x)!.cache.now).toBe(NOW + 5);
    store.judgeAt.value = 'capture';
    expect(store.explainRecord(x)!.cache.now).toBe(capture);
    expect(seen).toEqual([capture, NOW + 5, capture]);
  });

  it('live traffic is judged at the ticking clock', () => {
    const { store } = makeStore();
    store.receive(snapshot([record({ id: 'a' })]));
    expect(store.explainById('a')!.cache.now).toBe(NOW);
    store.nowMs.value = NOW_MS + 4000;
    expect(store.explainById('a')!.cache.now).toBe(NOW + 4);
    // "judge at capture time" is about imported traffic only
    store.judgeAt.value = 'capture';
    expect(store.judgedAtSec.value).toBe(NOW + 4);
  });

  it('re-explains only what is read as the clock ticks; filters over every record do not follow the clock', () => {
    const ex = fakeExplainer();
    const { store } = makeStore(ex.fn);
    store.receive(snapshot(manyRecords(2000)));
    store.setFilter('severity', 'info');
    let runs = 0;
    const stop = effect(() => {
      const _read = store.filtered.value; // the read subscribes the effect
      runs++;
    });
    expect(ex.calls).toHaveLength(2000);
    store.nowMs.value = NOW_MS + 1000;
    store.nowMs.value = NOW_MS + 2000;
    expect(runs).toBe(1);
    expect(ex.calls).toHaveLength(2000);
    // a row that is read again is judged at the new moment
    expect(store.explainById('r1')!.cache.now).toBe(NOW + 2);
    expect(ex.calls).toHaveLength(2001);
    stop();
  });
});

describe('imported HAR: no live cookie jar', () => {
  it('does not offer, ask for or use the browser jar for HAR traffic', () => {
    const { store, sent } = makeStore();
    store.receive(snapshot([record({ id: 'live' })]));
    expect(store.jarOffered.value).toBe(true);
    store.requestJar('https://example.com/live.js');
    expect(sent.filter((m) => (m as { type: string }).type === 'panel>bg:get-jar')).toHaveLength(1);
    // an answer arrives, then a HAR is imported: the live jar is dropped and not offered
    const req = sent.at(-1) as { requestId: string };
    store.receive({ type: 'bg>panel:jar', v: 1, requestId: req.requestId, cookies: [] });
    importHarText(store, oldHar());
    expect(store.jarOffered.value).toBe(false);
    expect(store.jar.value).toBeNull();
    const before = sent.length;
    const x = store.records.value[0]!; // the HAR has entries
    store.requestJar(x.url);
    store.deleteCookie({
      name: 'sid',
      value: '1',
      domain: 'old.example',
      hostOnly: true,
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      partitioned: false,
      persistent: false,
      expires: null,
    });
    expect(sent.length).toBe(before);
    expect(store.jar.value?.error).toMatch(/only available while recording a tab/);
    expect(store.explainAgainstJar(x)).toBeNull();
  });
});
