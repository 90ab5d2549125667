/**
 * Output formats, each written as it goes (no format holds all explanations): text, json (one envelope per file,
 * one per line), markdown (PR comments), sarif (SARIF 2.1.0 for code-scanning UIs), junit, github (workflow
 * commands). Every piece of page data passes through sanitize.ts on its way out.
 */
import { CACHE_NOTES } from '../core/cache/notes';
import { CDN_NOTES } from '../core/cdn/notes';
import { COOKIE_NOTES } from '../core/cookies/notes';
import { ENGINE_NOTES } from '../core/engine-notes';
import type { Explanation } from '../core/explanation';
import type { NoteDef } from '../core/notes';
import { PROXY_NOTES } from '../core/proxy/notes';
import type { BrowserProfile, Finding, Severity } from '../core/types';
import { fixesMarkdown } from '../core/fixes/format';
import { CLI_SCHEMA, SEVERITY_RANK } from '../lib/explain-har';
import type { Format } from './args';
import { clean, cleanBlock, safeJson } from './sanitize';
import type { FileStats, RunStats } from './stats';
import { entryText, summaryLine, summaryTable } from './text';

export interface FileHead {
  /** As given on the command line (or found by a glob). */
  file: string;
  /** A relative URI reference for SARIF (forward slashes, percent-encoded). */
  uri: string;
  creator: string | null;
  /** Epoch seconds. */
  now: number;
  nowSource: 'given' | 'capture' | 'clock';
  browser: BrowserProfile;
  records: number;
  /** The line of the file where an entry starts (by exchangeId), when the reader knows it. */
  lineOf?: (exchangeId: string) => number | null;
}

export interface Reporter {
  start(): string;
  fileStart(h: FileHead): string;
  /** `e.findings` is already narrowed to the selected areas. */
  entry(h: FileHead, e: Explanation, index: number): string;
  /** Written between two entries of one file (json: the comma of the entries array). */
  entrySep?: string;
  /**
   * entry() keeps no state and reads nothing but `e` and `index` (json, text): entries may be written out of order,
   * by another thread, and joined with entrySep.
   */
  stateless?: boolean;
  /**
   * The output is JSON text not yet made safe: the writer applies safeJson to it (json-out.ts does it on the bytes).
   */
  rawJson?: boolean;
  fileEnd(h: FileHead, s: FileStats): string;
  fileError(file: string, message: string): string;
  end(stats: RunStats): string;
}

export interface ReporterOptions {
  quiet: boolean;
  failOn: Severity | null;
  version: string;
}

const iso = (s: number) => new Date(s * 1000).toISOString();

const NOW_SOURCE = {
  given: 'given with --now',
  capture: 'when the last response in the HAR arrived; change with --now',
  clock: 'the current time (the HAR has no entries)',
} as const;

// ------------------------------------------------------------------------------------------------ text

function textReporter(o: ReporterOptions): Reporter {
  return {
    start: () => '',
    fileStart: (h) =>
      o.quiet
        ? ''
        : `${clean(h.file)}: ${h.records} entries${h.creator ? ` written by ${clean(h.creator, 80)}` : ''}\n` +
          `judged at ${iso(h.now)} (${NOW_SOURCE[h.nowSource]}), browser profile: ${h.browser}\n\n`,
    entry: (_h, e, i) => (o.quiet ? '' : `${entryText(e, i).join('\n')}\n\n`),
    stateless: true,
    fileEnd: (h, s) => (o.quiet ? '' : `${summaryLine(s)}\n\n`),
    fileError: () => '',
    // nothing explained (every file unreadable): the errors on stderr say it all
    end: (stats) => (stats.files.length === 0 ? '' : `${summaryTable(stats).join('\n')}\n`),
  };
}

// ------------------------------------------------------------------------------------------------ json

function jsonReporter(): Reporter {
  return {
    start: () => '',
    fileStart: (h) => {
      const head = JSON.stringify({
        schema: CLI_SCHEMA,
        now: iso(h.now),
        nowEpoch: h.now,
        browser: h.browser,
        creator: h.creator,
        file: h.file,
      });
      return safeJson(`${head.slice(0, -1)},"entries":[`);
    },
    // safeJson is applied by the writer, on the bytes (rawJson)
    entry: (_h, e) => JSON.stringify(e),
    entrySep: ',',
    stateless: true,
    rawJson: true,
    fileEnd: () => ']}\n',
    fileError: () => '',
    end: () => '',
  };
}

// ------------------------------------------------------------------------------------------------ markdown

/** Page data in a Markdown table cell: no markup, no HTML, no line breaks, no pipes. */
export function md(s: string, max = 200): string {
  return clean(s, max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~]/g, '\\$&')
    .replace(/:\/\//g, ':&#47;&#47;'); // no autolinks from page data
}

const MD_MARK: Record<Severity, string> = { error: '🔴 error', warning: '🟠 warning', info: 'ℹ️ info', good: '🟢 good' };

function markdownReporter(o: ReporterOptions): Reporter {
  let rows: string[] = [];
  return {
    start: () => '## Cache Lens\n\n',
    fileStart: (h) => {
      rows = [];
      return `### ${md(h.file, 120)}\n\n${h.records} entries, judged at ${iso(h.now)} (${NOW_SOURCE[h.nowSource]}), browser profile \`${h.browser}\`.\n\n`;
    },
    entry: (_h, e, i) => {
      for (const f of e.findings) {
        if (f.severity === 'good' || (o.quiet && f.severity === 'info')) continue;
        if (rows.length >= 500) continue;
        rows.push(
          `| ${i + 1} | ${MD_MARK[f.severity]} | \`${md(f.id, 60)}\` | ${md(e.method, 12)} ${md(e.url, 120)} | ${md(f.summary, 300)} |`,
        );
      }
      return '';
    },
    fileEnd: (_h, s) => {
      const head = `${s.bySeverity.error} errors, ${s.bySeverity.warning} warnings, ${s.bySeverity.info} info.\n\n`;
      if (rows.length === 0) return `${head}No findings to show.\n\n`;
      const more = rows.length >= 500 ? '\n(first 500 findings shown)\n' : '';
      return `${head}<details><summary>${rows.length} finding(s)</summary>\n\n| # | severity | finding | entry | what |\n|---:|---|---|---|---|\n${rows.join('\n')}\n${more}\n</details>\n\n`;
    },
    fileError: (file, message) => `### ${md(file, 120)}\n\n**Could not be read:** ${md(message, 300)}\n\n`,
    end: (stats) => {
      const t = stats.total;
      const out = [
        '### Summary',
        '',
        `${stats.files.length} file(s)${stats.badFiles ? `, ${stats.badFiles} unreadable` : ''}, ${t.entries} entries: ` +
          `${t.bySeverity.error} errors, ${t.bySeverity.warning} warnings, ${t.bySeverity.info} info, ${t.bySeverity.good} good.`,
        '',
      ];
      const ids = [...stats.byId.values()].sort((a, b) => a.rank - b.rank || b.count - a.count);
      if (ids.length) {
        out.push('| severity | finding | count | entries |', '|---|---|---:|---:|');
        for (const r of ids)
          out.push(
            `| ${MD_MARK[r.severity]} | [\`${md(r.id, 60)}\`](${encodeURI(r.link).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}) | ${r.count} | ${r.entries} |`,
          );
        out.push('');
      }
      out.push(...fixesMarkdown(ids.map((r) => r.id))); // src/core/fixes: once per id, table data only
      if (stats.worst.length) {
        out.push('**Worst offenders**', '', '| errors | warnings | top finding | entry |', '|---:|---:|---|---|');
        for (const w of stats.worst)
          out.push(
            `| ${w.errors} | ${w.warnings} | ${md(w.top, 40)} | ${md(w.file, 60)} #${w.index + 1} ${md(w.method, 12)} ${md(w.url, 120)} |`,
          );
        out.push('');
      }
      return `${out.join('\n')}\n`;
    },
  };
}

// ------------------------------------------------------------------------------------------------ sarif

const CATALOGUE: Record<string, NoteDef> = { ...CACHE_NOTES, ...COOKIE_NOTES, ...CDN_NOTES, ...PROXY_NOTES, ...ENGINE_NOTES };

function sarifLevel(s: Severity): 'error' | 'warning' | 'note' | 'none' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : s === 'info' ? 'note' : 'none';
}

/** A stable fingerprint (FNV-1a, 32 bit, hex) so code scanning tracks one finding across runs. */
function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The text of a rule: the catalogue's wording, with `{name}` placeholders read as "…". */
function ruleText(id: string, f: Finding): { short: string; full: string; link: string } {
  const def = Object.hasOwn(CATALOGUE, id) ? CATALOGUE[id] : undefined;
  const generic = (t: string) => t.replace(/\{\w+\}/g, '…');
  return def ? { short: generic(def.summary), full: generic(def.rule), link: def.link } : { short: f.summary, full: f.rule, link: f.link };
}

function sarifReporter(o: ReporterOptions): Reporter {
  const rules: object[] = [];
  const ruleIndex = new Map<string, number>();
  const artifacts: object[] = [];
  const notifications: object[] = [];
  let firstResult = true;
  let artifactIndex = -1;
  return {
    start: () => '{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"results":[',
    fileStart: (h) => {
      artifactIndex = artifacts.length;
      artifacts.push({
        location: { uri: h.uri },
        mimeType: 'application/json',
        description: { text: clean(`HAR ${h.creator ? `written by ${h.creator}` : 'file'}, ${h.records} entries`, 200) },
      });
      return '';
    },
    entry: (h, e, i) => {
      let out = '';
      for (const f of e.findings) {
        if (f.severity === 'good') continue; // code scanning lists problems; good practice is not one
        let idx = ruleIndex.get(f.id);
        if (idx === undefined) {
          idx = rules.length;
          ruleIndex.set(f.id, idx);
          const t = ruleText(f.id, f);
          rules.push({
            id: f.id,
            name: f.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
            shortDescription: { text: clean(t.short, 1000) },
            fullDescription: { text: clean(t.full, 2000) },
            help: {
              text: `${clean(t.full, 2000)}\nSee ${t.link}`,
              markdown: `${md(t.full, 2000)}\n\nSee [${md(t.link, 200)}](${encodeURI(t.link)}).`,
            },
            helpUri: t.link,
            defaultConfiguration: { level: sarifLevel(f.severity) },
            properties: { tags: [f.topic], precision: 'high' },
          });
        }
        const result = {
          ruleId: f.id,
          ruleIndex: idx,
          level: sarifLevel(f.severity),
          message: { text: `${clean(f.summary, 1000)} (${clean(e.method, 12)} ${clean(e.url, 500)}, entry ${i + 1})` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: h.uri, index: artifactIndex },
                // code scanning places a result by its line: the line where the entry starts
                ...(h.lineOf?.(e.exchangeId) ? { region: { startLine: h.lineOf(e.exchangeId)! } } : {}),
              },
              logicalLocations: [{ name: clean(e.url, 2000), fullyQualifiedName: clean(`${e.method} ${e.url}`, 2000), kind: 'resource' }],
            },
          ],
          partialFingerprints: { 'cacheLensFinding/v1': fnv(`${f.id}\n${e.method}\n${e.url}`) },
          properties: { entry: i + 1, exchangeId: e.exchangeId, topic: f.topic, severity: f.severity, status: e.status },
        };
        out += `${firstResult ? '' : ','}${safeJson(JSON.stringify(result))}`;
        firstResult = false;
      }
      return out;
    },
    fileEnd: () => '',
    fileError: (file, message) => {
      notifications.push({ level: 'error', message: { text: `${clean(file, 300)}: ${clean(message, 500)}` } });
      return '';
    },
    end: (stats) => {
      const tail = {
        tool: {
          driver: {
            name: 'Cache Lens',
            informationUri: 'https://www.npmjs.com/package/cache-lens',
            version: o.version,
            semanticVersion: o.version,
            rules,
          },
        },
        artifacts,
        invocations: [{ executionSuccessful: stats.badFiles === 0, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
      };
      return `],${safeJson(JSON.stringify(tail).slice(1))}]}\n`;
    },
  };
}

// ------------------------------------------------------------------------------------------------ junit

/** XML attribute/text: escaped, and control characters (not allowed in XML 1.0 at all) made visible first. */
function xml(s: string, max = 2000): string {
  return clean(s, max).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function xmlBlock(s: string): string {
  return cleanBlock(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function junitReporter(o: ReporterOptions): Reporter {
  const threshold = SEVERITY_RANK[o.failOn ?? 'warning'];
  let cases: string[] = [];
  let failures = 0;
  return {
    start: () => '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cache-lens">\n',
    fileStart: () => {
      cases = [];
      failures = 0;
      return '';
    },
    entry: (h, e, i) => {
      const bad = e.findings.filter((f) => SEVERITY_RANK[f.severity] <= threshold);
      const name = `#${i + 1} ${e.method} ${e.url}`;
      let c = `    <testcase classname="${xml(h.file, 500)}" name="${xml(name, 600)}">`;
      const [firstBad] = bad;
      if (firstBad) {
        failures++;
        const msg = bad.map((f) => `${f.severity} ${f.id}: ${f.summary}`).join('; ');
        const body = bad.map((f) => `[${f.severity}] ${f.id}\n${f.summary}\n${f.rule}\n${f.link}`).join('\n\n');
        c += `\n      <failure type="${xml(firstBad.id, 100)}" message="${xml(msg, 1000)}">${xmlBlock(body)}</failure>\n    `;
      }
      const rest = e.findings.filter((f) => SEVERITY_RANK[f.severity] > threshold);
      if (rest.length)
        c += `${bad.length ? '' : '\n    '}  <system-out>${xmlBlock(rest.map((f) => `[${f.severity}] ${f.id}: ${f.summary}`).join('\n'))}</system-out>\n    `;
      cases.push(`${c}</testcase>`);
      return '';
    },
    fileEnd: (h) =>
      `  <testsuite name="${xml(h.file, 500)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" timestamp="${iso(h.now).slice(0, 19)}">\n` +
      `${cases.join('\n')}${cases.length ? '\n' : ''}  </testsuite>\n`,
    fileError: (file, message) =>
      `  <testsuite name="${xml(file, 500)}" tests="1" failures="0" errors="1" skipped="0">\n` +
      `    <testcase classname="${xml(file, 500)}" name="read HAR">\n      <error type="bad-input" message="${xml(message, 1000)}"/>\n    </testcase>\n  </testsuite>\n`,
    end: () => '</testsuites>\n',
  };
}

// ------------------------------------------------------------------------------------------------ github

/** Workflow command data and properties (toolkit/core's escapeData / escapeProperty), after sanitising. */
function ghData(s: string): string {
  return clean(s, 1000).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function ghProp(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GH_LEVEL: Record<Severity, string | null> = { error: 'error', warning: 'warning', info: 'notice', good: null };

function githubReporter(o: ReporterOptions): Reporter {
  return {
    start: () => '',
    fileStart: () => '',
    entry: (h, e, i) => {
      let out = '';
      for (const f of e.findings) {
        const level = GH_LEVEL[f.severity];
        if (!level || (o.quiet && level === 'notice')) continue;
        const line = h.lineOf?.(e.exchangeId);
        out += `::${level} file=${ghProp(h.file)}${line ? `,line=${line}` : ''},title=${ghProp(`${f.id} (entry ${i + 1})`)}::${ghData(`${e.method} ${clean(e.url, 300)}: ${f.summary} ${f.link}`)}\n`;
      }
      return out;
    },
    fileEnd: () => '',
    fileError: (file, message) => `::error file=${ghProp(file)},title=bad input::${ghData(message)}\n`,
    end: (stats) => {
      const t = stats.total;
      return `cache-lens: ${stats.files.length} file(s), ${t.entries} entries: ${t.bySeverity.error} errors, ${t.bySeverity.warning} warnings, ${t.bySeverity.info} info\n`;
    },
  };
}

export function reporter(format: Format, o: ReporterOptions): Reporter {
  switch (format) {
    case 'json':
      return jsonReporter();
    case 'markdown':
      return markdownReporter(o);
    case 'sarif':
      return sarifReporter(o);
    case 'junit':
      return junitReporter(o);
    case 'github':
      return githubReporter(o);
    default:
      return textReporter(o);
  }
}
