import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';

// A bug in the engine (simulated): exit 1, one line naming it an internal error, not a crash and not "bad input".
vi.mock('../lib/explain-har', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/explain-har')>()),
  explainRecords: function* () {
    yield* [];
    throw new Error('boom \u001b[2J');
  },
}));

const dir = mkdtempSync(join(tmpdir(), 'cache-lens-int-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('an internal error exits 1 with one sanitised line', async () => {
  const { runCli } = await import('./run');
  const f = join(dir, 'a.har');
  writeFileSync(f, '{"log":{"entries":[]}}');
  let err = '';
  const code = await runCli([f, '--fail-on', 'error'], { out: () => undefined, err: (t) => void (err += t) });
  expect(code).toBe(1);
  expect(err).toBe('cache-lens: internal error: boom \\x1b[2J\n');
});

it('names whatever was thrown: an Error by its message, anything else as itself', async () => {
  const { errorText } = await import('./run');
  expect(errorText(new RangeError('bad'))).toBe('bad');
  expect(errorText({ message: 42 })).toBe('42');
  expect(errorText({ message: null })).toBe('[object Object]');
  expect(errorText('plain')).toBe('plain');
  expect(errorText(7)).toBe('7');
  expect(errorText(null)).toBe('null');
  expect(errorText(undefined)).toBe('undefined');
});
