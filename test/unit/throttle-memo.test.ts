// Issue 20: the memory of throttled addresses believes a verdict until its window ends or for a second, and forgets the oldest past its size.
import { describe, expect, it } from 'vitest';
import { throttleMemo } from '../../src/auth/throttle-memo.js';

describe('throttleMemo', () => {
  it('answers with the retryAt it was told, for a second at most', () => {
    const memo = throttleMemo(10, 1000);
    memo.set('192.0.2.1', 60_000, 0);
    expect(memo.get('192.0.2.1', 999)).toBe(60_000);
    expect(memo.get('192.0.2.1', 1000)).toBeUndefined();
    expect(memo.get('192.0.2.2', 0)).toBeUndefined();
  });

  it('never past the window: at retryAt the address is asked about again', () => {
    const memo = throttleMemo(10, 1000);
    memo.set('192.0.2.1', 500, 0);
    expect(memo.get('192.0.2.1', 499)).toBe(500);
    expect(memo.get('192.0.2.1', 500)).toBeUndefined();
  });

  it('holds at most its size, forgetting the oldest verdict first; a verdict told again is the newest', () => {
    const memo = throttleMemo(3, 1000);
    for (const a of ['a', 'b', 'c']) memo.set(a, 9_000, 0);
    memo.set('b', 9_000, 1);
    memo.set('d', 9_000, 2);
    memo.set('e', 9_000, 2);
    // a and then c were the oldest; b, told again, is kept
    expect(['a', 'c'].map((x) => memo.get(x, 3))).toEqual([undefined, undefined]);
    expect(['b', 'd', 'e'].map((x) => memo.get(x, 3))).toEqual([9_000, 9_000, 9_000]);
  });
});
