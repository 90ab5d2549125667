import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../tests/support/shared';
import { explainHar, type Area } from '../lib/explain-har';
import { addEntry, mergeStats, newFileStats, newStats, type FileStats, type RunStats } from './stats';

const HARS = sharedPath('fixtures', 'har');
const plain = (s: RunStats, fs: FileStats[]) => JSON.stringify({ ...s, byId: [...s.byId.entries()], fs });

describe('mergeStats', () => {
  it('adds up chunks of entries to the totals, rows and worst offenders of one pass over all of them', () => {
    const files = readdirSync(HARS).filter((f) => f.endsWith('.har'));
    expect(files.length).toBeGreaterThan(0);
    const onlys: Array<Area[] | null> = [null, ['cookies'], ['cache', 'cdn']];
    for (const [k, only] of onlys.entries()) {
      const one = newStats();
      const many = newStats();
      const oneFiles: FileStats[] = [];
      const manyFiles: FileStats[] = [];
      for (const f of files) {
        const entries = explainHar(readFileSync(join(HARS, f)), { only: only ?? undefined }).entries;
        const fs1 = newFileStats(f);
        entries.forEach((e, i) => {
          addEntry(one, fs1, e, i, e.findings, 'warning');
        });
        oneFiles.push(fs1);
        const fs2 = newFileStats(f);
        const size = 1 + ((k * 7 + f.length) % 13); // chunks of 1 to 13 entries
        for (let from = 0; from < entries.length; from += size) {
          const s = newStats();
          const cfs = newFileStats(f);
          for (let i = from; i < Math.min(entries.length, from + size); i++)
            addEntry(s, cfs, entries[i]!, i, entries[i]!.findings, 'warning');
          mergeStats(many, fs2, s, cfs);
        }
        manyFiles.push(fs2);
      }
      expect(one.total.entries).toBeGreaterThan(100);
      expect(one.worst.length).toBeGreaterThan(0);
      expect(plain(many, manyFiles)).toBe(plain(one, oneFiles));
    }
  });
});
