/**
 * The one wire protocol between extension pages (devtools page, panel) and the background.
 * Versioned, discriminated by `type`, direction in each name: `panel>bg`, `bg>panel`, `devtools>bg`.
 * Ports are named PORT_PREFIX + tabId; the tabId is also sent explicitly in `panel>bg:subscribe`
 * (sender.tab is undefined for DevTools pages, so the background cannot infer it).
 */
import type { ExchangeRecord, JarCookie } from '../core/types';

export const PROTOCOL_VERSION = 1;
export const PANEL_PORT_PREFIX = 'cache-lens/panel/';
export const DEVTOOLS_PORT_PREFIX = 'cache-lens/devtools/';

/** A page = one top-level navigation of a tab. */
export interface PageRecord {
  id: string;
  tabId: number;
  url: string;
  startedMs: number;
  /** How many exchanges of this page were dropped by retention. */
  dropped: number;
}

export interface RetentionStats {
  /** Exchanges dropped by retention, per tab and overall, since the last clear. */
  droppedForTab: number;
  droppedTotal: number;
  maxPerTab: number;
  maxTotal: number;
  /** How the database copes with its quota (src/background/store.ts StorageHealth); absent until a refusal. */
  storage?: {
    quotaErrors: number;
    trimmedForQuota: number;
    lastQuotaErrorMs?: number;
    quotaCap?: number;
    stored?: number;
  };
}

/** A HAR 1.2 entry as DevTools gives it (only the fields we read are typed). */
export interface HarEntryLike {
  startedDateTime: string;
  time?: number;
  request: { method: string; url: string; headers: Array<{ name: string; value: string }>; httpVersion?: string };
  response: {
    status: number;
    statusText?: string;
    headers: Array<{ name: string; value: string }>;
    httpVersion?: string;
  };
  serverIPAddress?: string;
  _fromCache?: string;
  _resourceType?: string;
  timings?: Record<string, number>;
}

export type PanelToBg =
  | { type: 'panel>bg:subscribe'; v: typeof PROTOCOL_VERSION; tabId: number }
  | { type: 'panel>bg:clear'; v: typeof PROTOCOL_VERSION; tabId: number | 'all' }
  | { type: 'panel>bg:set-preserve-log'; v: typeof PROTOCOL_VERSION; tabId: number; preserve: boolean }
  | { type: 'panel>bg:get-jar'; v: typeof PROTOCOL_VERSION; tabId: number; url: string; requestId: string }
  | {
      type: 'panel>bg:delete-cookie';
      v: typeof PROTOCOL_VERSION;
      tabId: number;
      requestId: string;
      cookie: Pick<JarCookie, 'name' | 'domain' | 'path' | 'secure' | 'partitionKey'>;
    };

export type BgToPanel =
  | {
      type: 'bg>panel:snapshot';
      v: typeof PROTOCOL_VERSION;
      tabId: number;
      pages: PageRecord[];
      exchanges: ExchangeRecord[];
      retention: RetentionStats;
      /** False when the extension cannot see the tab's traffic: no host access to its site, or a page no extension may read. */
      hasHostAccess: boolean;
      /**
       * Set when hasHostAccess is false for a reason granting host access cannot fix (chrome://, about:, another
       * extension's page, file: without "Allow access to file URLs"): a plain sentence saying why.
       */
      accessNote?: string;
      preserveLog: boolean;
    }
  | { type: 'bg>panel:upsert'; v: typeof PROTOCOL_VERSION; tabId: number; exchanges: ExchangeRecord[] }
  | { type: 'bg>panel:page'; v: typeof PROTOCOL_VERSION; tabId: number; page: PageRecord }
  | { type: 'bg>panel:cleared'; v: typeof PROTOCOL_VERSION; tabId: number }
  | { type: 'bg>panel:retention'; v: typeof PROTOCOL_VERSION; tabId: number; retention: RetentionStats }
  | { type: 'bg>panel:jar'; v: typeof PROTOCOL_VERSION; requestId: string; cookies: JarCookie[]; error?: string }
  | { type: 'bg>panel:deleted'; v: typeof PROTOCOL_VERSION; requestId: string; ok: boolean; error?: string };

export type DevtoolsToBg =
  | { type: 'devtools>bg:hello'; v: typeof PROTOCOL_VERSION; tabId: number }
  | { type: 'devtools>bg:har-entry'; v: typeof PROTOCOL_VERSION; tabId: number; entry: HarEntryLike };

export type AnyMessage = PanelToBg | BgToPanel | DevtoolsToBg;

export function isMessage(value: unknown): value is AnyMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    (value as { v?: unknown }).v === PROTOCOL_VERSION
  );
}
