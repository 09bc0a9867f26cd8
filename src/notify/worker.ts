// SPEC D1: the delivery worker of each server process: leases due outbox rows, hands them to their channel's transport
// (or the stand-in), and records delivered, a retry with backoff, or failed. Tests drive it with runOnce() and the harness clock.
import type { Clock } from '../auth/clock.js';
import type { ClaimedMessage, DeliveryOutcome, OutboxStore } from '../db/contract.js';
import { maskedRecipient } from '../db/outbox-rows.js';
import type { Logger } from '../log/logger.js';
import type { Transports } from './transports/from-config.js';
import { retryable, type SendResult, type Transport } from './transports/transport.js';

export type WorkerOptions = {
  outbox: OutboxStore;
  /** The real transports; a channel missing here uses `standIn`. */
  transports: Transports;
  standIn: Transport;
  clock: Clock;
  /** SPEC D1: NOTIFY_MAX_ATTEMPTS. */
  maxAttempts: number;
  /** How many messages one run sends at once (NOTIFY_CONCURRENCY). */
  concurrency: number;
  /** How long a claim holds a row; longer than one attempt can take (NOTIFY_TIMEOUT_MS and then some). */
  leaseMs: number;
  logger?: Logger;
};

export type DeliveryWorker = {
  /** One round: claims up to `concurrency` due rows and settles each; resolves with how many it claimed. */
  runOnce(): Promise<number>;
  /** Runs rounds every `intervalMs` (at once again while rows keep coming) until stop(). */
  start(intervalMs?: number): void;
  /** Stops the rounds and waits for the one in flight. */
  stop(): Promise<void>;
};

const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 5 * 60_000;
/** Blanking expired codes and pruning old rows runs about once a minute, not every round. */
const TIDY_EVERY_MS = 60_000;

/** SPEC D1: retries wait 2 s, 4 s, 8 s … up to 5 minutes after the attempt that failed. */
export const backoffMs = (attempts: number) => Math.min(BACKOFF_BASE_MS * 2 ** (attempts - 1), BACKOFF_MAX_MS);

/** What one attempt's result means for its row. A real transport's delivered code message is blanked at once (D1). */
export function outcomeOf(m: ClaimedMessage, result: SendResult, real: boolean, now: number, maxAttempts: number): DeliveryOutcome {
  if (result.status === 'sent') return { kind: 'delivered', blank: real && m.code !== undefined };
  if (result.status === 'retryable' && m.attempts < maxAttempts) return { kind: 'retry', error: result.reason, nextAttemptAt: now + backoffMs(m.attempts) };
  return { kind: 'failed', error: result.reason, maskedTo: maskedRecipient(m.channel, m.to) };
}

export function createDeliveryWorker(o: WorkerOptions): DeliveryWorker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let lastTidy = -Infinity;

  async function deliver(m: ClaimedMessage): Promise<void> {
    const real = o.transports[m.channel];
    let result: SendResult;
    try {
      result = await (real ?? o.standIn).send(m, { idempotencyKey: m.id });
    } catch (err) {
      result = retryable(err instanceof Error ? err.message : String(err));
    }
    const now = o.clock.now();
    const outcome = outcomeOf(m, result, real !== undefined, now, o.maxAttempts);
    const settled = await o.outbox.settle(m, outcome, now);
    if (outcome.kind !== 'delivered') o.logger?.warn({ messageId: m.id, channel: m.channel, attempt: m.attempts, outcome: outcome.kind, error: outcome.error, settled }, 'delivery attempt failed');
  }

  async function round(): Promise<number> {
    const now = o.clock.now();
    if (now - lastTidy >= TIDY_EVERY_MS) {
      lastTidy = now;
      await o.outbox.tidy(now);
    }
    const claimed = await o.outbox.claim({ now, leaseMs: o.leaseMs, limit: o.concurrency, maxAttempts: o.maxAttempts });
    // every send settles (or its lease lapses) before the round ends: one failing settle neither ends the round early,
    // which would let the next claim exceed NOTIFY_CONCURRENCY, nor lets stop() return while others are still settling
    const ends = await Promise.allSettled(claimed.map(deliver));
    for (const end of ends) if (end.status === 'rejected') o.logger?.error({ err: end.reason }, 'delivery not settled; its lease will lapse and it is sent again');
    return claimed.length;
  }

  function runOnce(): Promise<number> {
    // one round at a time per worker; a caller arriving during one waits for it, then runs its own
    const next = (running ?? Promise.resolve(0)).catch(() => 0).then(round);
    running = next;
    return next;
  }

  function schedule(intervalMs: number, delay: number): void {
    timer = setTimeout(() => {
      runOnce().then(
        (n) => timer && schedule(intervalMs, n > 0 ? 0 : intervalMs),
        (err: unknown) => {
          o.logger?.error({ err }, 'delivery round failed');
          if (timer) schedule(intervalMs, intervalMs);
        },
      );
    }, delay);
    timer.unref();
  }

  return {
    runOnce,
    start(intervalMs = 500) {
      if (!timer) schedule(intervalMs, 0);
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running?.catch(() => 0);
    },
  };
}
