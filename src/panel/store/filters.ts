/**
 * The filters sub-store: the filter values, the filter box read as terms, the filtered records and the menus (CDNs
 * and resource types recorded). Everything derived is `computed` from the data signals it is given; the page groups
 * of the visible list are ./groups.ts.
 */
import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { ExchangeRecord, ResponseSource, Severity } from '../../core/types';
import type { Explanation } from '../../core/explanation';
import { hasCookieProblems, servedFrom, SEVERITY_RANK, worstSeverity } from '../format';
import { matchQuery, parseQuery } from '../query';
import type { OverviewPurpose } from '../cookie-overview';

export interface Filters {
  text: string;
  type: string; // '' = all
  source: '' | ResponseSource;
  cdn: string; // '' all, 'none', or a CDN name
  cookieProblems: boolean;
  thirdParty: boolean;
  severity: '' | Severity; // at least this bad
}

export const EMPTY_FILTERS: Filters = {
  text: '',
  type: '',
  source: '',
  cdn: '',
  cookieProblems: false,
  thirdParty: false,
  severity: '',
};

export interface ListDeps {
  records: ReadonlySignal<ExchangeRecord[]>;
  engineReady: ReadonlySignal<boolean>;
  /** Any memoized explanation of the record's current version (does not follow the clock). */
  explainForFilter: (x: ExchangeRecord) => Explanation | null;
  purposeOf: (name: string, domain: string) => OverviewPurpose;
}

export function createFilterStore({ records, engineReady, explainForFilter, purposeOf }: ListDeps) {
  const filters: Signal<Filters> = signal<Filters>({ ...EMPTY_FILTERS });

  /** The filter box, read as DevTools-style terms (../query.ts). */
  const query = computed(() => parseQuery(filters.value.text));
  /** Any filter set: page groups without a match are then left out of the list. */
  const filtering = computed(() => {
    const f = filters.value;
    return (
      f.text.trim() !== '' || f.type !== '' || f.source !== '' || f.cdn !== '' || f.cookieProblems || f.thirdParty || f.severity !== ''
    );
  });

  const filtered = computed(() => {
    const f = filters.value;
    const all = records.value;
    const q = query.value;
    const needsExplain = f.source !== '' || f.cdn !== '' || f.cookieProblems || f.thirdParty || f.severity !== '';
    const purpose = (name: string, domain: string) => purposeOf(name, domain).category;
    const out: ExchangeRecord[] = [];
    for (const x of all) {
      if (q.terms.length && !matchQuery(q, x, () => explainForFilter(x), purpose)) continue;
      if (f.type && (x.resourceType ?? 'other') !== f.type) continue;
      if (needsExplain) {
        const e = explainForFilter(x);
        // where it came from is the engine's decision (a revalidation it linked or inferred included)
        if (f.source && servedFrom(x, e) !== f.source) continue;
        if (f.cdn === 'none' ? !!e?.cdn.cdnName : f.cdn && e?.cdn.cdnName !== f.cdn) continue;
        if (f.cookieProblems && !hasCookieProblems(e)) continue;
        if (f.thirdParty && !e?.cookies.thirdParty) continue;
        if (f.severity) {
          const w = worstSeverity(e);
          if (!w || SEVERITY_RANK[w] > SEVERITY_RANK[f.severity]) continue;
        }
      }
      out.push(x);
    }
    return out;
  });

  const resourceTypes = computed(() => [...new Set(records.value.map((x) => x.resourceType ?? 'other'))].sort());

  /**
   * CDN names for the CDN filter, from what was recorded: every record's explanation (any version's memo, as the
   * filters use). Read only when the menu is about to open (cdnScan), so 10,000 records cost nothing until then.
   */
  const cdnScan = signal(false);
  const cdnNames = computed(() => {
    // small recordings are scanned at once; large ones when the menu is about to open
    if (!engineReady.value || (!cdnScan.value && records.value.length > 2000)) return [];
    const names = new Set<string>();
    for (const x of records.value) {
      const n = explainForFilter(x)?.cdn.cdnName;
      if (n) names.add(n);
    }
    return [...names].sort();
  });
  function knownCdns(): string[] {
    cdnScan.value = true;
    return cdnNames.value;
  }

  function setFilter<K extends keyof Filters>(key: K, value: Filters[K]) {
    filters.value = { ...filters.value, [key]: value };
  }

  return { filters, query, filtering, filtered, cdnScan, cdnNames, knownCdns, resourceTypes, setFilter };
}
