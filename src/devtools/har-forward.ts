import type { HarEntryLike } from '../shared/protocol';

/**
 * Copies only the HAR fields the background reads. DevTools' entry carries a getContent() function and bodies,
 * which cannot cross a port (Firefox's structured clone throws on functions) and are not needed.
 */
export function toHarEntryLike(entry: any): HarEntryLike {
  const headers = (list: unknown) =>
    Array.isArray(list) ? list.map((h: any) => ({ name: String(h?.name ?? ''), value: String(h?.value ?? '') })) : [];
  const out: HarEntryLike = {
    startedDateTime: String(entry?.startedDateTime ?? ''),
    time: typeof entry?.time === 'number' ? entry.time : undefined,
    request: {
      method: String(entry?.request?.method ?? 'GET'),
      url: String(entry?.request?.url ?? ''),
      headers: headers(entry?.request?.headers),
      httpVersion: entry?.request?.httpVersion,
    },
    response: {
      status: Number(entry?.response?.status ?? 0),
      statusText: entry?.response?.statusText,
      headers: headers(entry?.response?.headers),
      httpVersion: entry?.response?.httpVersion,
    },
  };
  if (typeof entry?.serverIPAddress === 'string') out.serverIPAddress = entry.serverIPAddress;
  if (typeof entry?._fromCache === 'string') out._fromCache = entry._fromCache;
  if (typeof entry?._resourceType === 'string') out._resourceType = entry._resourceType;
  if (entry?.timings && typeof entry.timings === 'object') {
    const timings: Record<string, number> = {};
    for (const [k, v] of Object.entries(entry.timings)) if (typeof v === 'number') timings[k] = v;
    out.timings = timings;
  }
  return out;
}
