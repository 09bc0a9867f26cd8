// SPEC S5 + D4: the send caps as one pure rule — a failed send counts toward none of S5's caps, only toward its own,
// 10 per destination in a rolling hour.
import { describe, expect, it } from 'vitest';
import type { CodeLimits } from '../../src/db/contract.js';
import { HOUR_MS, nextSendAt, splitSends } from '../../src/db/send-caps.js';

const limits: CodeLimits = { ttlMs: 300_000, resendMs: 30_000, maxSendsPerHour: 5, maxSendsPerDestinationPerHour: 50, maxFailures: 5, lockMs: 1_800_000, maxFailuresPerDay: 10, maxFailuresTotal: 20 };
const now = 10 * HOUR_MS;
const row = (ago: number, failed: boolean) => ({ createdAt: now - ago, requester: 'r', deliveryFailedAt: failed ? now - ago + 1 : null });

describe('SPEC D4 failed sends and the caps of S5', () => {
  it('a failed send neither spaces the next one nor counts toward the hourly caps', () => {
    const failed = Array.from({ length: 9 }, (_, i) => row(1_000 * (i + 1), true));
    expect(nextSendAt(splitSends(failed, 'r', undefined), now, limits)).toEqual({ at: now });
  });

  it('the 10th failed send to a destination in an hour holds the next one until the oldest of them is an hour old', () => {
    const failed = Array.from({ length: 10 }, (_, i) => row(60_000 * (i + 1), true));
    expect(nextSendAt(splitSends(failed, 'r', undefined), now, limits)).toEqual({ at: now - 600_000 + HOUR_MS, cap: 'failedHourly' });
  });

  it('a delivered send still spaces the next one by CODE_RESEND_SECONDS', () => {
    expect(nextSendAt(splitSends([row(10_000, false)], 'r', now - 10_000), now, limits)).toEqual({ at: now + 20_000, cap: 'flowSpacing' });
  });
});
