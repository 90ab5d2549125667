/**
 * Evaluating in a target Playwright does not track: above all the extension's incognito instance ("incognito":
 * "split"), whose service worker lives in the off-the-record profile, outside the persistent context Playwright
 * drives. Over a browser-level CDP session: Target.getTargets, then Target.attachToTarget (non-flat) and
 * Runtime.evaluate through Target.sendMessageToTarget (Playwright's CDPSession cannot address flat child sessions).
 */
import type { CDPSession } from 'playwright-core';

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  browserContextId?: string;
  attached?: boolean;
}

export async function listTargets(browser: CDPSession): Promise<TargetInfo[]> {
  const { targetInfos } = (await browser.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
  return targetInfos;
}

export interface RemoteTarget {
  info: TargetInfo;
  /** Runs `expression` (awaiting a promise) in the target and returns its value (JSON). */
  evaluate<T = unknown>(expression: string, timeoutMs?: number): Promise<T>;
  detach(): Promise<void>;
}

export async function attachTarget(browser: CDPSession, info: TargetInfo): Promise<RemoteTarget> {
  const { sessionId } = await browser.send('Target.attachToTarget', { targetId: info.targetId, flatten: false });
  let nextId = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const onMessage = (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const msg = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    const w = msg.id !== undefined ? waiting.get(msg.id) : undefined;
    if (!w) return;
    waiting.delete(msg.id!);
    if (msg.error) w.reject(new Error(msg.error.message));
    else w.resolve(msg.result);
  };
  browser.on('Target.receivedMessageFromTarget', onMessage);
  const call = (method: string, params: object, timeoutMs: number) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`${method} got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      browser.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  return {
    info,
    async evaluate<T>(expression: string, timeoutMs = 15000): Promise<T> {
      // CDP Runtime.evaluate's answer: a RemoteObject (returnByValue: its value) or the exception.
      const result = (await call('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, timeoutMs)) as {
        result: { value?: unknown };
        exceptionDetails?: unknown;
      };
      if (result.exceptionDetails) throw new Error(`evaluate failed: ${JSON.stringify(result.exceptionDetails).slice(0, 500)}`);
      return result.result.value as T;
    },
    async detach() {
      browser.off('Target.receivedMessageFromTarget', onMessage);
      await browser.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    },
  };
}
