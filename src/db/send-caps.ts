// SPEC S5 + D4: the send caps of both dialects, as one pure rule over the send times each store reads.
import type { CodeLimits } from './contract.js';
import { MAX_FAILED_SENDS_PER_HOUR } from './contract/outbox.js';

export const HOUR_MS = 3_600_000;

export type SendCap = 'flowSpacing' | 'requesterHourly' | 'destinationHourly' | 'failedHourly';

/**
 * Send times, newest first: the flow's last one to the destination, and the rolling hour's to the destination, in all and from
 * one requester. SPEC D4: a send whose message failed for good is in none of those, only in `failed`, which has its own cap.
 */
export type Sends = { lastOfFlow: number | undefined; destination: number[]; requester: number[]; failed: number[] };

/** The time a cap of `max` sends per hour frees a slot: when the oldest of the last `max` leaves the window. */
const hourly = (times: number[], max: number, now: number) => (times.length >= max ? times[max - 1] + HOUR_MS : now);

/**
 * SPEC S5: the earliest time another send may go and the cap that holds it back — per flow (and destination: a corrected
 * address is not a resend) CODE_RESEND_SECONDS apart, per destination and requester CODE_MAX_SENDS_PER_HOUR, per destination
 * CODE_MAX_SENDS_PER_DESTINATION_PER_HOUR; SPEC D4: failed sends 10 per destination and hour.
 */
export function nextSendAt(sends: Sends, now: number, limits: CodeLimits): { at: number; cap?: SendCap } {
  const holds: [number, SendCap][] = [
    [sends.lastOfFlow === undefined ? now : sends.lastOfFlow + limits.resendMs, 'flowSpacing'],
    [hourly(sends.requester, limits.maxSendsPerHour, now), 'requesterHourly'],
    [hourly(sends.destination, limits.maxSendsPerDestinationPerHour, now), 'destinationHourly'],
    [hourly(sends.failed, MAX_FAILED_SENDS_PER_HOUR, now), 'failedHourly'],
  ];
  const [at, cap] = holds.reduce((a, b) => (b[0] > a[0] ? b : a));
  return at > now ? { at, cap } : { at: now };
}

/** The sends as they will be once one more goes now. */
export const withSend = (sends: Sends, now: number): Sends => ({ ...sends, lastOfFlow: now, destination: [now, ...sends.destination], requester: [now, ...sends.requester] });

/** Splits the rolling hour's sends to one destination into those that count toward S5 and those that failed (D4). */
export function splitSends(rows: { createdAt: number; requester: string | null; deliveryFailedAt: number | null }[], requester: string, lastOfFlow: number | undefined): Sends {
  const counted = rows.filter((r) => r.deliveryFailedAt === null);
  return {
    lastOfFlow,
    destination: counted.map((r) => r.createdAt),
    requester: counted.filter((r) => r.requester === requester).map((r) => r.createdAt),
    failed: rows.filter((r) => r.deliveryFailedAt !== null).map((r) => r.createdAt),
  };
}
