import { describe, expect, it } from 'vitest';
import { storageFullLine } from './storage-line';

describe('storageFullLine', () => {
  it('is silent until the browser refuses a write', () => {
    expect(storageFullLine(undefined)).toBeNull();
    expect(storageFullLine({ quotaErrors: 0, trimmedForQuota: 0 })).toBeNull();
  });

  it('says how many were dropped and about how many are kept', () => {
    expect(storageFullLine({ quotaErrors: 3, trimmedForQuota: 120, quotaCap: 396, stored: 380 })).toBe(
      "The browser's storage for Cache Lens is full: the oldest 120 recorded requests were dropped to keep recording (about 396 are kept).",
    );
  });

  it('never prints a placeholder: no cap yet means the last count, and a first refusal that dropped nothing says so', () => {
    const line = storageFullLine({ quotaErrors: 1, trimmedForQuota: 0, stored: 52 });
    expect(line).toBe(
      "The browser's storage for Cache Lens is full: nothing has been dropped yet, and recording goes on (about 52 are kept).",
    );
    expect(storageFullLine({ quotaErrors: 1, trimmedForQuota: 1 })).toBe(
      "The browser's storage for Cache Lens is full: the oldest 1 recorded request was dropped to keep recording.",
    );
  });
});
