import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../tests/support/shared';
import { runCli } from './run';
import type { CliJson, SarifLog } from './test-shapes';

const require = createRequire(import.meta.url);
const ERROR_HAR = join(__dirname, 'fixtures/error-finding.har');
const FIXTURES = sharedPath('fixtures', 'har');

// The OASIS schema is draft-04 (src/cli/vendor/sarif/README.md); ajv 6 validates draft-04 with its meta-schema added.
const schema = JSON.parse(readFileSync(join(__dirname, 'vendor/sarif/sarif-schema-2.1.0.json'), 'utf8')) as object;
const ajv = new Ajv({ schemaId: 'id', allErrors: true, format: 'full', logger: false });
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json') as object);
const validate = ajv.compile(schema);

async function sarif(...files: string[]) {
  let out = '';
  const code = await runCli([...files, '--format', 'sarif'], {
    out: (t) => void (out += t),
    err: () => undefined,
    cwd: join(__dirname, '../..'),
  });
  return { code, doc: JSON.parse(out) as SarifLog };
}

describe('--format sarif', () => {
  it('the validator catches a broken log (so a pass below means something)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ level: 'fatal', message: {} }] }] })).toBe(false);
  });

  it('validates against the SARIF 2.1.0 schema, on the error fixture and on the shared HARs', async () => {
    const shared = ['pagexray-www.nytimes.com.har', 'perfcascade-www.bbc.co.uk.160529_8V_7R3.har'].map((f) => join(FIXTURES, f));
    const { code, doc } = await sarif(ERROR_HAR, ...shared, 'missing.har');
    expect(code).toBe(2); // missing.har
    const ok = validate(doc);
    expect(ok ? [] : validate.errors!.slice(0, 5)).toEqual([]);
    expect(doc.runs[0].results.length).toBeGreaterThan(50);
    expect(doc.runs[0].invocations[0]).toMatchObject({ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error' }] });
  });

  it('one rule per finding id, with help text and a link; one result per finding (good ones left out)', async () => {
    const { doc } = await sarif(ERROR_HAR);
    const run = doc.runs[0];
    const harLines = readFileSync(ERROR_HAR, 'utf8').split('\n');
    const rules = run.tool.driver.rules;
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules) {
      expect(r.help.text.length).toBeGreaterThan(20);
      expect(r.helpUri).toMatch(/^https:\/\//);
      expect(r.help.text).toContain(r.helpUri);
    }
    let json = '';
    await runCli([ERROR_HAR, '--json'], { out: (t) => void (json += t), err: () => undefined });
    const findings = (JSON.parse(json) as CliJson).entries.flatMap((e) =>
      e.findings.filter((f) => f.severity !== 'good').map((f) => ({ id: f.id, url: e.url, severity: f.severity })),
    );
    expect(run.results).toHaveLength(findings.length);
    const level = { error: 'error', warning: 'warning', info: 'note' } as Record<string, string>;
    run.results.forEach((r, i) => {
      const f = findings[i]!; // as many results as findings (above)
      expect(r.ruleId).toBe(f.id);
      expect(rules[r.ruleIndex]?.id).toBe(r.ruleId);
      expect(r.level).toBe(level[f.severity]);
      // the physical location is the HAR file (code scanning rejects URL locations); the URL is a logical location
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('src/cli/fixtures/error-finding.har');
      expect(r.locations[0].logicalLocations[0].name).toBe(f.url);
      // the region is the line where that entry starts in the HAR
      const line = r.locations[0].physicalLocation.region.startLine;
      expect(harLines[line - 1]?.trim()).toBe('{');
      expect(harLines.slice(line - 1, line + 8).join('\n')).toContain(`"url": ${JSON.stringify(f.url)}`);
      expect(r.partialFingerprints['cacheLensFinding/v1']).toMatch(/^[0-9a-f]{8}$/);
    });
    expect(run.artifacts[0]?.location.uri).toBe('src/cli/fixtures/error-finding.har');
  });
});
