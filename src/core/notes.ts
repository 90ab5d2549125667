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

/**
 * A template split once into literal text and placeholder names: parts[0], key[0], parts[1], key[1], ... parts[n].
 * Filling is then plain concatenation instead of a regex replace with a callback on every finding (the hottest
 * step of the engine before this). Templates come from the catalogues only, so the cache stays small.
 */
interface Compiled {
  parts: string[];
  keys: string[];
}
const COMPILED = new Map<string, Compiled>();
const COMPILED_MAX = 4096;

function compile(template: string): Compiled {
  let c = COMPILED.get(template);
  if (c) return c;
  const parts: string[] = [];
  const keys: string[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, m.index));
    keys.push(m[1]!); // the group is not optional
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  c = { parts, keys };
  if (COMPILED.size >= COMPILED_MAX) COMPILED.clear();
  COMPILED.set(template, c);
  return c;
}

export function fill(template: string, params: Record<string, string | number> | undefined): string {
  if (!params) return template;
  const { parts, keys } = compile(template);
  if (keys.length === 0) return template;
  // compile() gives one more part than keys: parts[0] and parts[i + 1] are there.
  let out = parts[0]!;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    out += (key in params ? String(params[key]) : `{${key}}`) + parts[i + 1]!;
  }
  return out;
}

export function applyNote(catalog: NoteCatalog, id: string, params?: Record<string, string | number>): Finding {
  const def = catalog[id];
  if (!def) throw new Error(`unknown note id ${id}`); // programming error, never input-driven
  // Two literals rather than a spread of an optional part: the spread cost a second object per finding.
  if (!params) return { id, topic: def.topic, severity: def.severity, summary: def.summary, rule: def.rule, link: def.link };
  return {
    id,
    topic: def.topic,
    severity: def.severity,
    summary: fill(def.summary, params),
    rule: fill(def.rule, params),
    link: def.link,
    params,
  };
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, good: 3 };

export function bySeverity(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}
