import type { HarEntryLike } from '../shared/protocol';

/** `value?.[key]`, for a value of unknown shape (what DevTools hands over is not typed, and may lack any part). */
function field(value: unknown, key: string): unknown {
  return value === null || value === undefined ? undefined : (value as Record<string, unknown>)[key];
}

const stringOrUndefined = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A field as text, whatever DevTools put there: the copy String() makes (the background reads strings only). */
// eslint-disable-next-line @typescript-eslint/no-base-to-string -- String() of any value is the intended copy
const text = (v: unknown, missing: string): string => String(v ?? missing);

/**
 * Copies only the HAR fields the background reads. DevTools' entry carries a getContent() function and bodies,
 * which cannot cross a port (Firefox's structured clone throws on functions) and are not needed.
 */
export function toHarEntryLike(entry: unknown): HarEntryLike {
  const headers = (list: unknown) =>
    Array.isArray(list) ? list.map((h: unknown) => ({ name: text(field(h, 'name'), ''), value: text(field(h, 'value'), '') })) : [];
  const request = field(entry, 'request');
  const response = field(entry, 'response');
  const time = field(entry, 'time');
  const out: HarEntryLike = {
    startedDateTime: text(field(entry, 'startedDateTime'), ''),
    time: typeof time === 'number' ? time : undefined,
    request: {
      method: text(field(request, 'method'), 'GET'),
      url: text(field(request, 'url'), ''),
      headers: headers(field(request, 'headers')),
      httpVersion: stringOrUndefined(field(request, 'httpVersion')),
    },
    response: {
      status: Number(field(response, 'status') ?? 0),
      statusText: stringOrUndefined(field(response, 'statusText')),
      headers: headers(field(response, 'headers')),
      httpVersion: stringOrUndefined(field(response, 'httpVersion')),
    },
  };
  const serverIPAddress = field(entry, 'serverIPAddress');
  if (typeof serverIPAddress === 'string') out.serverIPAddress = serverIPAddress;
  const fromCache = field(entry, '_fromCache');
  if (typeof fromCache === 'string') out._fromCache = fromCache;
  const resourceType = field(entry, '_resourceType');
  if (typeof resourceType === 'string') out._resourceType = resourceType;
  const entryTimings = field(entry, 'timings');
  if (entryTimings && typeof entryTimings === 'object') {
    const timings: Record<string, number> = {};
    for (const [k, v] of Object.entries(entryTimings as Record<string, unknown>)) if (typeof v === 'number') timings[k] = v;
    out.timings = timings;
  }
  return out;
}
