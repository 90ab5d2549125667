/**
 * For the tests: the shapes they read back from the CLI's output, cast once after JSON.parse
 * (`JSON.parse(out) as CliJson`). Only the fields the tests look at; what the CLI writes is in formats.ts and
 * docs/explanation-schema.md.
 */
import type { ExplainHarResult } from '../lib/explain-har';

/** One `--format json` envelope (one line per HAR file). */
export interface CliJson extends ExplainHarResult {
  file: string;
}

/** One JSON line per file: the envelopes of a whole `--format json` output. */
export function cliJsonLines(out: string): CliJson[] {
  return out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as CliJson);
}

/** The parts of a `--format sarif` log the tests read: one run, one location per result. */
export interface SarifLog {
  version: string;
  runs: [SarifRun];
}

export interface SarifRun {
  tool: { driver: { rules: SarifRule[] } };
  results: SarifResult[];
  artifacts: Array<{ location: { uri: string } }>;
  invocations: [{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string }> }];
}

export interface SarifRule {
  id: string;
  helpUri: string;
  help: { text: string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  locations: [
    {
      physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
      logicalLocations: [{ name: string }];
    },
  ];
  partialFingerprints: Record<string, string>;
}
