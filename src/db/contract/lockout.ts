// Store contract: Sign-in failure counters (SPEC L5–L7) and the per-address throttle. Every read-then-write of a counter is atomic.
import type { Enqueue } from './outbox.js';

/** Who an attempt concerns, for the audit log: the account when one is known, always the hashed identifier. */
export type AttemptWho = { identifierHash: string; accountId?: number | null; address: string };
export type FailureCount = { failures: number; locked: boolean; lockedNow: boolean; lockedAt: number | null };
/** SPEC S4: a lock that ends by itself `lockMs` after it was set (card-number locks); without it a lock lasts until lifted. */
export type LockExpiry = { lockMs?: number };
/** SPEC S4: the keyed hash a card number's G1 lock is counted under, from the card's stored number hash (a pure function). */
export type CardLockKey = (numberHash: string) => string;
export type AddressSlot = { ok: true } | { ok: false; retryAt: number };
export type AddressThrottleInput = { address: string; now: number; windowMs: number; maxFailures: number; identifierHash: string };
/** What a sign-in learns before any hash: throttled (L7), or whether the identifier is locked (L5). */
export type SignInGate = { ok: false; retryAt: number } | { ok: true; locked: boolean };
/** An attempt refused because its identifier is locked: `network` is the throttle's address key (SPEC O8), `coalesceMs` X5's minute. */
/** Issue 20: a sign-in failure also counted for its address (SPEC L7) in the same unit of work; `network` as in SPEC O8. */
export type AddressFailure = { address?: { network: string; windowMs: number } };
/** A member's right password: the account signed in and the hash of the new session's cookie token. */
export type SignedIn = { accountId: number; sessionTokenHash: string };
export type LockedRefusalInput = { now: number; network: string; windowMs: number; coalesceMs: number };

export interface LockoutStore {
  /** Whether the identifier is locked (SPEC L5); only reset or a new My ID clears it. */
  isLocked(identifierHash: string): Promise<boolean>;
  /** SPEC S4: until when a lock that lasts `lockMs` holds; null when there is none or it has ended. */
  lockedUntil(identifierHash: string, now: number, lockMs: number): Promise<number | null>;
  /**
   * Counts one failed sign-in; the failure that reaches `maxFailures` locks and is the only one answered with `lockedNow`.
   * With `lockMs` (SPEC S4) a lock that has run its time counts as none, and the count starts again.
   */
  recordFailure(who: AttemptWho, input: { now: number; maxFailures: number; reason: string; outbox?: Enqueue<FailureCount> } & LockExpiry & AddressFailure): Promise<FailureCount>;
  /**
   * A right password: resets the count, unless a concurrent failure locked the identifier first (then counted for `address`
   * when given). `signedIn`: a member's sign-in, in the same unit of work — the account's previous sign-in time kept (SPEC L2)
   * and the session stored under its token's hash (issue 20: one write after the hash).
   */
  recordSuccess(who: AttemptWho, input: { now: number; detail?: Record<string, unknown>; signedIn?: SignedIn } & LockExpiry & AddressFailure): Promise<{ ok: true } | { locked: true }>;
  /** Records an attempt refused because the identifier is locked, without touching its count. */
  recordLockedAttempt(who: AttemptWho, now: number): Promise<void>;
  /**
   * SPEC L5/L7/S6, the sign-in's one read before any hash, counting nothing: the fixed-window address throttle (the first
   * refusal of a window is audited once) and whether the identifier is locked. A failure is counted once its outcome is known.
   */
  checkSignIn(input: AddressThrottleInput): Promise<SignInGate>;
  /**
   * SPEC L5/L7/X5, one write: an attempt on a locked identifier counts for the address and is audited as `sign_in_failed`
   * (reason locked); repeated ones for the same identifier and address within `coalesceMs` of a row's first time share that
   * row, whose detail then holds their `count` and `lastAt` (its `at` is the first time).
   */
  refuseLocked(who: AttemptWho, input: LockedRefusalInput): Promise<void>;
  /** SPEC S5: R1 and G1 requests — check and count in one unit of work, before any other work. */
  takeAddressSlot(input: AddressThrottleInput): Promise<AddressSlot>;
}
