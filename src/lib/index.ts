/**
 * `import { explainHar, explain, readHar } from 'cache-lens'`: the engine as a library (Node 20+, browsers, workers,
 * Deno). Output shapes: docs/explanation-schema.md; `EXPLANATION_SCHEMA` and `CLI_SCHEMA` name their versions.
 */
export {
  AREAS,
  BROWSERS,
  CLI_SCHEMA,
  EXPLANATION_SCHEMA,
  HarError,
  SEVERITIES,
  captureTimeSec,
  checkRecordTimes,
  decodeHarBytes,
  explain,
  explainHar,
  explainRecords,
  findingsOf,
  judgingMoment,
  readHar,
  urlMatcher,
  type Area,
  type ExplainHarResult,
  type ExplainOptions,
  type HarImport,
} from './explain-har';
export { ADAPTER_VENDOR_FIELDS, HarStreamParser, slimEntry, type HarStreamResult } from './har-stream';
export type * from '../core/explanation';
export type {
  BrowserProfile,
  CookiePolicy,
  EngineContext,
  ExchangeRecord,
  Finding,
  FixSnippets,
  HeaderList,
  JarCookie,
  ResponseSource,
  ServerSnippet,
  Severity,
  Topic,
} from '../core/types';
// A finding's fix as server configuration (not in explanations; see docs/explanation-schema.md#finding).
export { FIX_SNIPPETS, snippetsFor, withSnippets } from '../core/fixes/snippets';
