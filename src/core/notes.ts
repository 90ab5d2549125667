import type { Finding, Severity, Topic } from './types';

/**
 * A finding's declaration, httplint style: the analysis only says which note applies and with which parameters;
 * the texts live in catalogues (src/core/<area>/notes.ts). `{name}` in summary/rule is filled from params.
 */
export interface NoteDef {
  topic: Topic;
  severity: Severity;
  summary: string;
  rule: string;
  link: string;
}

export type NoteCatalog = Record<string, NoteDef>;

const PLACEHOLDER = /\{(\w+)\}/g;

function fill(template: string, params: Record<string, string | number> | undefined): string {
  if (!params) return template;
  return template.replace(PLACEHOLDER, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

export function applyNote(
  catalog: NoteCatalog,
  id: string,
  params?: Record<string, string | number>,
): Finding {
  const def = catalog[id];
  if (!def) throw new Error(`unknown note id ${id}`); // programming error, never input-driven
  return {
    id,
    topic: def.topic,
    severity: def.severity,
    summary: fill(def.summary, params),
    rule: fill(def.rule, params),
    link: def.link,
    ...(params ? { params } : {}),
  };
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, good: 3 };

export function bySeverity(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}
