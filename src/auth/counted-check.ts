// SPEC L5/L6, S4: the one sequence every counted secret goes through — sign-in's password (L5), G1's card details (S4) and
// the current password asked before a change (T2). A locked identifier is refused without looking at the secret; a wrong
// secret is counted, and the failure that locks stores its notice with the lock (D1); a right one resets the count, unless a
// concurrent failure locked the identifier while the secret was being checked.
import type { Deps } from '../deps.js';
import type { AddressFailure, AttemptWho, FailureCount, OutboxMessage, SignedIn } from '../db/contract.js';

/**
 * What checking the secret found: the right one, with what the caller needs of it and what its reset writes (the account, the
 * audit detail, a member's sign-in: L2 and the session); or a wrong one, with the account and the notice a lock sends (L5).
 */
export type Checked<T> =
  | { right: T; success?: { accountId?: number; detail?: Record<string, unknown>; signedIn?: SignedIn } }
  | { wrong: { lockNotice: OutboxMessage | null; accountId?: number } };

/** A lock found: `until` when it ends by itself (S4), null when only a reset or an operator lifts it (L5). */
export type Lock = { until: number | null };

export type Counted<T> = { right: T } | { wrong: { failures: number; remaining: number } } | { locked: Lock };

export type CountedCheck<T> = {
  who: AttemptWho;
  /** The audit reason of a failure (`password`, `card_details`, `current_password`). */
  reason: string;
  /** SPEC S4: a lock that ends by itself after this long; without it a lock lasts until it is lifted (L5). */
  lockMs?: number;
  /** The lock as read before the secret is looked at (sign-in reads it with its address throttle, in one read). */
  locked: Lock | null;
  /** How an attempt on a locked identifier is noted; audited by default (sign-in also counts it for its address, X5). */
  refuse?: () => Promise<void>;
  check: () => Promise<Checked<T>>;
  /** SPEC L7: a failure counted for its address too, in the failure's transaction (sign-in). */
  address?: AddressFailure['address'];
};

/** An attempt on a locked identifier: refused without looking at the password, and logged. */
async function noteLockedAttempt(deps: Deps, who: AttemptWho): Promise<void> {
  await deps.stores.lockout.recordLockedAttempt(who, deps.clock.now());
}

/** Counts a failure; `lockedNow` is true for exactly one failure, the one that reaches LOGIN_MAX_FAILURES. */
async function countFailure(deps: Deps, who: AttemptWho, reason: string, lockMs?: number, lockNotice?: OutboxMessage | null, address?: AddressFailure['address']): Promise<FailureCount> {
  // SPEC D1: the lock notice is stored in the transaction of the failure that locks
  const outbox = (count: FailureCount) => (count.lockedNow && lockNotice ? [lockNotice] : []);
  return deps.stores.lockout.recordFailure(who, { now: deps.clock.now(), maxFailures: deps.config.LOGIN_MAX_FAILURES, reason, lockMs, outbox, address });
}

/** A right password resets the count; it does not unlock (SPEC L5). */
async function countSuccess(deps: Deps, who: AttemptWho, detail?: Record<string, unknown>, lockMs?: number, sign?: { signedIn?: SignedIn } & AddressFailure): Promise<boolean> {
  const result = await deps.stores.lockout.recordSuccess(who, { now: deps.clock.now(), detail, lockMs, ...sign });
  return 'ok' in result;
}

/** The sequence; every outcome is answered from what was counted, so concurrent attempts cannot count one failure twice. */
export async function countedCheck<T>(deps: Deps, spec: CountedCheck<T>): Promise<Counted<T>> {
  const { who, lockMs } = spec;
  if (spec.locked) return (await (spec.refuse ?? (() => noteLockedAttempt(deps, who)))(), { locked: spec.locked });
  const checked = await spec.check();
  if ('wrong' in checked) {
    const { lockNotice, accountId = who.accountId } = checked.wrong;
    const count = await countFailure(deps, { ...who, accountId }, spec.reason, lockMs, lockNotice, spec.address);
    if (count.locked) return { locked: { until: lockMs === undefined ? null : (count.lockedAt ?? deps.clock.now()) + lockMs } };
    return { wrong: { failures: count.failures, remaining: deps.config.LOGIN_MAX_FAILURES - count.failures } };
  }
  const { accountId = who.accountId, detail, signedIn } = checked.success ?? {};
  const reset = await countSuccess(deps, { ...who, accountId }, detail, lockMs, { signedIn, address: spec.address });
  if (!reset) return { locked: { until: lockMs === undefined ? null : deps.clock.now() + lockMs } };
  return { right: checked.right };
}
