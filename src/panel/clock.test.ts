import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPanelClock, type VisibilitySource } from './clock';

function fakeDoc(state: DocumentVisibilityState) {
  const listeners = new Set<() => void>();
  const doc = {
    visibilityState: state,
    addEventListener: (_: 'visibilitychange', fn: () => void) => void listeners.add(fn),
    removeEventListener: (_: 'visibilitychange', fn: () => void) => void listeners.delete(fn),
  };
  const set = (s: DocumentVisibilityState) => {
    doc.visibilityState = s;
    for (const fn of listeners) fn();
  };
  return { doc: doc as VisibilitySource, set, listeners };
}

afterEach(() => vi.useRealTimers());

describe('panel clock', () => {
  it('ticks once a second while visible, not while hidden, and at once when shown again', () => {
    vi.useFakeTimers();
    let ticks = 0;
    const { doc, set, listeners } = fakeDoc('visible');
    const stop = startPanelClock({ tick: () => ticks++ }, doc);
    expect(ticks).toBe(1);
    vi.advanceTimersByTime(3000);
    expect(ticks).toBe(4);
    set('hidden');
    vi.advanceTimersByTime(10_000);
    expect(ticks).toBe(4);
    set('visible');
    expect(ticks).toBe(5);
    vi.advanceTimersByTime(1000);
    expect(ticks).toBe(6);
    stop();
    vi.advanceTimersByTime(5000);
    expect(ticks).toBe(6);
    expect(listeners.size).toBe(0);
  });
});
