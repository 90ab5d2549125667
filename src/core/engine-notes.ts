import type { NoteCatalog } from './notes';

/**
 * Notes the composer (src/core/explain.ts) produces itself, outside any one area's analysis.
 * `{area}` is cache | cookies | cdn | proxy; `{message}` is the exception's message, truncated.
 */
export const ENGINE_NOTES: NoteCatalog = {
  'engine-error': {
    topic: 'headers',
    severity: 'error',
    summary: 'Cache Lens could not finish explaining the {area} part of this response, so that part is shown empty.',
    rule: 'The {area} analysis stopped on an unexpected internal error ({message}). The other parts are unaffected. This is a bug in Cache Lens, not in the site: please report it with the HAR entry.',
    link: 'https://www.rfc-editor.org/rfc/rfc9110',
  },
};

/** What to change: nothing on the site; the fault is ours. */
export const ENGINE_FIXES: Readonly<Record<string, string>> = {
  'engine-error':
    'Nothing on the site. Export this entry (HAR) and report it to Cache Lens; the other parts of the explanation still hold.',
};
