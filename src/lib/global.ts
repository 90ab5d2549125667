/**
 * The classic-script build (dist/npm/cache-lens.global.js): `var CacheLens = {...}`, one global, no imports, no
 * Node or DOM APIs, so it runs in workers, Deno, a bare `node:vm` context, and as a BigQuery JavaScript UDF library
 * (README: "The engine as one script"). URL, TextDecoder and atob come from ./shims.ts when the host has none.
 */
import { readHar } from '../core/har';
import type { Explanation } from '../core/explanation';
import type { BrowserProfile } from '../core/types';
import {
  checkRecordTimes,
  CLI_SCHEMA,
  EXPLANATION_SCHEMA,
  explain,
  explainHar,
  explainRecords,
  findingsOf,
  judgingMoment,
  type Area,
} from './explain-har';

export { CLI_SCHEMA, EXPLANATION_SCHEMA, explain, explainHar, readHar };

export interface EntryOptions {
  browser?: BrowserProfile;
  /** Epoch seconds; default: when the entry's response arrived. */
  now?: number;
  only?: Area[];
}

/**
 * One HAR entry (an object, or its JSON text: the HTTP Archive's `payload` column) explained on its own, with no
 * history. Returns null for an entry that is not one (a UDF should not fail a whole query over one bad row).
 */
export function explainEntry(entry: unknown, options: EntryOptions = {}): Explanation | null {
  try {
    const parsed: unknown = typeof entry === 'string' ? JSON.parse(entry) : entry;
    const { records } = readHar({ log: { entries: [parsed] } });
    checkRecordTimes(records);
    const { now } = judgingMoment(records, options.now);
    for (const e of explainRecords(records, { browser: options.browser ?? 'chrome', now })) {
      return options.only ? { ...e, findings: findingsOf(e, options.only) } : e;
    }
    return null;
  } catch {
    return null;
  }
}

/** The finding ids of one entry (what a "count findings by id" query needs); [] for a bad entry. */
export function findingIds(entry: unknown, options: EntryOptions = {}): string[] {
  return explainEntry(entry, options)?.findings.map((f) => f.id) ?? [];
}
