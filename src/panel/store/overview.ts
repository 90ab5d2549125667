/**
 * The cookie-purpose sub-store: the engine's purpose lookup (Open Cookie Database, loaded with its own chunk) as a
 * signal, the purpose of any cookie shown, and the Cookies overview `computed` from the records.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ExchangeRecord } from '../../core/types';
import type { Explanation } from '../../core/explanation';
import { buildOverview, purposeFor, type OverviewPurpose, type PurposeLookup } from '../cookie-overview';

export interface OverviewDeps {
  records: ReadonlySignal<ExchangeRecord[]>;
  engineReady: ReadonlySignal<boolean>;
  explainForFilter: (x: ExchangeRecord) => Explanation | null;
}

export function createOverviewStore({ records, engineReady, explainForFilter }: OverviewDeps) {
  const purposeLookup = signal<PurposeLookup | null>(null);

  /** The purpose of a cookie shown outside a Set-Cookie card (sent, not sent, jar). */
  function purposeOf(name: string, domain: string): OverviewPurpose {
    return purposeFor(name, null, purposeLookup.value, { host: domain, domain });
  }

  /** Every cookie seen, for the Cookies overview; computed only while that view reads it. */
  const overview = computed(() => (engineReady.value ? buildOverview(records.value, explainForFilter, purposeLookup.value) : []));

  return {
    purposeOf,
    overview,
    setPurposeLookup: (fn: PurposeLookup) => {
      purposeLookup.value = fn;
    },
  };
}
