import { describe, expect, it } from 'vitest';
import { toHarEntryLike } from './har-forward';

describe('toHarEntryLike', () => {
  it('keeps the fields the background reads and drops functions and bodies (they cannot cross a port)', () => {
    const entry = {
      startedDateTime: '2026-11-21T10:00:00.000Z',
      time: 5,
      request: { method: 'GET', url: 'https://a.test/', headers: [{ name: 'If-None-Match', value: '"1"' }], postData: { text: 'x' } },
      response: { status: 304, statusText: 'Not Modified', headers: [], content: { text: 'body' } },
      serverIPAddress: '127.0.0.1',
      _fromCache: 'memory',
      _resourceType: 'script',
      timings: { wait: 3, receive: 1, bogus: 'x' },
      getContent: () => undefined,
    };
    const out = toHarEntryLike(entry);
    expect(out).toEqual({
      startedDateTime: '2026-11-21T10:00:00.000Z',
      time: 5,
      request: { method: 'GET', url: 'https://a.test/', headers: [{ name: 'If-None-Match', value: '"1"' }], httpVersion: undefined },
      response: { status: 304, statusText: 'Not Modified', headers: [], httpVersion: undefined },
      serverIPAddress: '127.0.0.1',
      _fromCache: 'memory',
      _resourceType: 'script',
      timings: { wait: 3, receive: 1 },
    });
    expect(() => structuredClone(out)).not.toThrow();
  });
  it('survives junk', () => {
    expect(toHarEntryLike(null).request.url).toBe('');
  });
});
