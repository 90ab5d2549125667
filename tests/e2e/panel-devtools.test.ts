/**
 * The panel inside the real DevTools, through the fragile CDP route of ../shared/notes/browser-testing.md:
 * --auto-open-devtools-for-tabs, find the devtools_app target, attach non-flat, showPanel() through DevTools'
 * own legacy UI module, then attach to the panel's iframe target and read what it shows. This depends on DevTools
 * internals; the plain panel-page tests (panel.test.ts) stay the main check.
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/panel-devtools.test.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession } from 'playwright-core';
import { startLab, type Lab } from '../lab/server';
import { launchChromium, REPO_ROOT, waitFor, type LaunchedChromium, closeStarted } from './helpers/browser';

let lab: Lab;
let chromium: LaunchedChromium;

beforeAll(async () => {
  lab = await startLab({ quiet: true });
  chromium = await launchChromium({
    ...(process.env.CACHE_LENS_PANEL_DIST ? { extensionPath: process.env.CACHE_LENS_PANEL_DIST } : {}),
    args: ['--auto-open-devtools-for-tabs'],
  });
});

afterAll(async () => {
  await closeStarted(chromium, lab);
});

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** Non-flat CDP: commands to a child target travel inside Target.sendMessageToTarget. */
class NestedSession {
  private seq = 0;
  private waiting = new Map<number, (msg: { result?: unknown; error?: unknown }) => void>();
  constructor(
    private cdp: CDPSession,
    readonly sessionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (ev: { sessionId: string; message: string }) => {
      if (ev.sessionId !== this.sessionId) return;
      // A reply carries the command's id; an event from the target has none.
      const msg = JSON.parse(ev.message) as { id?: number; result?: unknown; error?: unknown };
      if (msg.id === undefined) return;
      this.waiting.get(msg.id)?.(msg);
      this.waiting.delete(msg.id);
    });
  }
  static async attach(cdp: CDPSession, targetId: string) {
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
    return new NestedSession(cdp, sessionId);
  }
  /** Sends a CDP command to the target; T: the command's result (CDP's Returns of `method`). */
  send<T>(method: string, params: object = {}): Promise<T> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (msg) => (msg.error ? reject(new Error(JSON.stringify(msg.error))) : resolve(msg.result as T)));
      void this.cdp.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) });
    });
  }
  async evaluate<T>(expression: string): Promise<T> {
    const r = await this.send<{
      result: { value?: unknown };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value as T;
  }
}

describe('the panel inside real DevTools (CDP route)', () => {
  it("shows the Cache Lens panel in DevTools with the inspected tab's requests explained, and DevTools' search box reaches it", async () => {
    // A browser-level session: chromium.cdp() would open a tab of its own, and with --auto-open-devtools-for-tabs a
    // second DevTools window, so the DevTools target found below could inspect that tab instead of ours (the race
    // behind an intermittent "cannot record this page (about:)" here).
    const cdp = await chromium.browserCdp();
    // One tab only, so there is exactly one DevTools window (--auto-open-devtools-for-tabs opens one per tab).
    const page = await waitFor(() => chromium.context.pages()[0], { what: 'the first tab', timeout: 20000 });
    expect(chromium.context.pages()).toHaveLength(1);
    const targets = async () => ((await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] }).targetInfos;
    const devtools = await waitFor(
      async () => (await targets()).find((t) => t.url.startsWith('devtools://devtools/bundled/devtools_app.html')),
      {
        what: 'the DevTools front-end target',
        timeout: 20000,
      },
    );
    const front = await NestedSession.attach(cdp, devtools.targetId);
    // Wait until the DevTools front-end has created the extension panels (the devtools page runs after load).
    const panelId = `chrome-extension://${chromium.extensionId}CacheLens`;
    await page.goto(`${lab.httpOrigin}/cache/max-age?devtools=1`, { waitUntil: 'load' });
    await waitFor(
      async () =>
        front
          .evaluate<boolean>(
            `(async () => { const UI = await import('./ui/legacy/legacy.js'); const v = UI.InspectorView.InspectorView.instance(); return v.hasPanel('${panelId}'); })()`,
          )
          .catch(() => false),
      { what: 'the Cache Lens panel registered in DevTools', timeout: 20000 },
    );
    await front.evaluate(
      `(async () => { const UI = await import('./ui/legacy/legacy.js'); await UI.InspectorView.InspectorView.instance().showPanel('${panelId}'); return true; })()`,
    );
    const frame = await waitFor(
      async () => (await targets()).find((t) => t.url.startsWith(`chrome-extension://${chromium.extensionId}/src/panel/index.html`)),
      {
        what: 'the panel iframe target',
        timeout: 20000,
      },
    );
    const panel = await NestedSession.attach(cdp, frame.targetId);
    // Reload so the recording surely has the page's subresources, with DevTools (and its HAR feed) open.
    await page.reload({ waitUntil: 'load' });
    let last = '';
    const text = await waitFor(
      async () => {
        const t = await panel.evaluate<string>('document.body.innerText').catch((e: unknown) => String(e));
        last = t;
        return /max-age\.css/.test(t) && /fresh \d+ min/.test(t) ? t : '';
      },
      { what: 'max-age.css explained in the DevTools panel', timeout: 20000 },
    ).catch((err: unknown) => {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\npanel text: ${last.slice(0, 800)}`);
    });
    expect(text).toContain('max-age.css');
    // The panel found its tab through chrome.devtools.inspectedWindow.tabId (no ?tabId in its URL).
    expect(frame.url).not.toContain('tabId=');
    // Open the row and read the Caching tab inside DevTools.
    await panel.evaluate(
      `(() => { const rows = [...document.querySelectorAll('.row.exchange')]; rows.find((r) => r.textContent.includes('max-age.css')).click(); return true; })()`,
    );
    const detail = await waitFor(async () => panel.evaluate<string>(`document.querySelector('.tab-panel')?.innerText ?? ''`), {
      what: 'detail pane',
    });
    expect(detail).toContain('Any cache may reuse this response without asking the server for 300 seconds.');
    // DevTools' own search box: what its search bar calls on the shown panel (ExtensionPanel's Searchable methods),
    // which DevTools turns into onSearch on our devtools page, which forwards it to the panel (src/devtools/search-forward.ts).
    await waitFor(async () => /max-age\.svg/.test(await panel.evaluate<string>('document.body.innerText')), {
      what: 'max-age.svg recorded',
    });
    const searchCall = (body: string) =>
      front.evaluate(
        `(async () => { const UI = await import('./ui/legacy/legacy.js'); const p = UI.InspectorView.InspectorView.instance().currentPanelDeprecated(); ${body}; return true; })()`,
      );
    const status = () => panel.evaluate<string>(`document.querySelector('.search-status')?.textContent ?? ''`);
    const selectedRow = () => panel.evaluate<string>(`document.querySelector('.row.exchange.selected')?.id ?? ''`);
    await searchCall(`p.performSearch(new UI.SearchableView.SearchConfig('max-age.', false, false), true, false)`);
    // the recording holds the page's first load and its reload (how many of each depends on timing): at least the
    // stylesheet and the image match
    let seen = '';
    const first = await waitFor(async () => /1 of (\d+) matching requests/.exec((seen = await status())), {
      what: 'the search from DevTools in the panel',
    }).catch(async (err: unknown) => {
      const where = await front.evaluate<string>(
        `(async () => { const UI = await import('./ui/legacy/legacy.js'); const p = UI.InspectorView.InspectorView.instance().currentPanelDeprecated(); return String(p?.constructor?.name) + ' ' + typeof p?.performSearch; })()`,
      );
      throw new Error(
        `${err instanceof Error ? err.message : String(err)}; panel search status: ${JSON.stringify(seen)}; DevTools panel: ${where}`,
      );
    });
    const n = Number(first[1]);
    expect(n).toBeGreaterThanOrEqual(2);
    const firstRow = await selectedRow();
    expect(firstRow).not.toBe('');
    await searchCall(`p.jumpToNextSearchResult()`);
    // The recording may still grow while we search (late DevTools log entries), so the total can rise: the position is
    // what next/previous must change.
    await waitFor(async () => /(?:^|\D)2 of \d+ matching requests/.test(await status()), { what: 'next search result' });
    expect(await selectedRow()).not.toBe(firstRow);
    await searchCall(`p.jumpToPreviousSearchResult()`);
    await waitFor(async () => /(?:^|\D)1 of \d+ matching requests/.test(await status()), { what: 'previous search result' });
    expect(await selectedRow()).toBe(firstRow);
    await searchCall(`(p.onSearchCanceled ?? p.searchCanceled).call(p)`);
    await waitFor(async () => (await status()) === '', { what: 'search cancelled' });
    mkdirSync(join(REPO_ROOT, 'artifacts'), { recursive: true });
    const shot = await front.send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
    writeFileSync(join(REPO_ROOT, 'artifacts', 'panel-in-devtools.png'), Buffer.from(shot.data, 'base64'));
    // The front-end screenshot does not composite the extension's out-of-process iframe; capture that one too.
    const frameShot = await panel.send<{ data: string }>('Page.captureScreenshot', { format: 'png' }).catch(() => null);
    if (frameShot) writeFileSync(join(REPO_ROOT, 'artifacts', 'panel-in-devtools-frame.png'), Buffer.from(frameShot.data, 'base64'));
    await page.close();
  });
});
