// Sign-in failure counters (SPEC L5–L7): consecutive failures per identifier hash and failed sign-ins per client address.
// Every read-then-write of a counter is one synchronous IMMEDIATE transaction, so concurrent attempts count exactly.
import { eq, inArray } from 'drizzle-orm';
import type { AddressSlot, AddressThrottleInput, AttemptWho, CardLockKey, FailureCount, LockoutStore, SignInGate } from '../contract.js';
import { inTransaction, type Db, type Executor } from './client.js';
import { addressThrottleTable, cardTable, signInAttemptTable } from './schema.js';
import { writeAudit } from './audit.js';
import { queued } from './outbox.js';
import { signInStatements } from './signin-statements.js';

function auditWho(who: AttemptWho) {
  return { accountId: who.accountId ?? null, subject: who.identifierHash, address: who.address };
}

/** SPEC S4: a completed M, R or G ends the G1 locks of every card of the holder, inside the caller's transaction. */
export function endCardLocks(ex: Executor, holderId: number, cardLockKey: CardLockKey): void {
  const keys = ex.select({ numberHash: cardTable.numberHash }).from(cardTable).where(eq(cardTable.holderId, holderId)).all().map((c) => cardLockKey(c.numberHash));
  if (keys.length > 0) ex.delete(signInAttemptTable).where(inArray(signInAttemptTable.identifierHash, keys)).run();
}

function readThrottle(ex: Executor, address: string) {
  return ex.select().from(addressThrottleTable).where(eq(addressThrottleTable.address, address)).get();
}

type ThrottleRow = { windowStartedAt: number; failures: number };
const isThrottled = (row: ThrottleRow | undefined, { now, windowMs, maxFailures }: Omit<AddressThrottleInput, 'address' | 'identifierHash'>): row is ThrottleRow =>
  row !== undefined && now < row.windowStartedAt + windowMs && row.failures >= maxFailures;

/** SPEC L7: refused once the window holds `maxFailures`; the first refusal of a window is audited, later ones only read. */
function checkAddress(ex: Executor, { address, now, windowMs, maxFailures, identifierHash }: AddressThrottleInput): AddressSlot {
  const row = readThrottle(ex, address);
  if (!isThrottled(row, { now, windowMs, maxFailures })) return { ok: true };
  const retryAt = row.windowStartedAt + windowMs;
  if (row.refusedAt === null) {
    ex.update(addressThrottleTable).set({ refusedAt: now }).where(eq(addressThrottleTable.address, address)).run();
    writeAudit(ex, { at: now, event: 'sign_in_throttled', subject: identifierHash, address, detail: { failures: row.failures, retryAt } });
  }
  return { ok: false, retryAt };
}

/** The identifier's count from its row; with `lockMs` (SPEC S4) a lock that has run its time is no lock and no count. */
type AttemptRow = { failures: number; lockedAt: number | null };
function current<R extends AttemptRow>(row: R | undefined, now: number, lockMs?: number): R | undefined {
  return row?.lockedAt != null && lockMs !== undefined && now >= row.lockedAt + lockMs ? undefined : row;
}

export function lockoutStore(db: Db): LockoutStore {
  const prepared = signInStatements(db);
  return {
    async checkSignIn(input): Promise<SignInGate> {
      const row = prepared.throttle.get({ address: input.address });
      if (isThrottled(row, input)) {
        // the window's first refusal is audited once, in a transaction; later ones only read
        const slot = row.refusedAt === null ? inTransaction(db, (tx) => checkAddress(tx, input)) : { ok: false as const, retryAt: row.windowStartedAt + input.windowMs };
        if (!slot.ok) return slot;
      }
      return { ok: true, locked: prepared.lockedAt.get({ key: input.identifierHash })?.lockedAt != null };
    },

    async refuseLocked(who, { now, network, windowMs, coalesceMs }) {
      inTransaction(db, (tx) => {
        prepared.coalescedAudit(tx, { at: now, event: 'sign_in_failed', ...auditWho(who), address: who.address, subject: who.identifierHash, detail: { reason: 'locked' } }, coalesceMs);
        prepared.countAddress.run({ address: network, now, windowMs });
      });
    },

    async isLocked(identifierHash) {
      return prepared.lockedAt.get({ key: identifierHash })?.lockedAt != null;
    },

    async lockedUntil(identifierHash, now, lockMs) {
      const row = current(prepared.attempt.get({ key: identifierHash }), now, lockMs);
      return row?.lockedAt != null ? row.lockedAt + lockMs : null;
    },

    async recordFailure(who, { now, maxFailures, reason, lockMs, outbox, address }) {
      return inTransaction(db, (tx): FailureCount => {
        // issue 20: the address's count (SPEC L7) in the same transaction
        if (address) prepared.countAddress.run({ address: address.network, now, windowMs: address.windowMs });
        const row = current(prepared.attempt.get({ key: who.identifierHash }), now, lockMs);
        if (row?.lockedAt != null) {
          prepared.audit(tx, { at: now, event: 'sign_in_failed', ...auditWho(who), detail: { reason: 'locked' } });
          return { failures: row.failures, locked: true, lockedNow: false, lockedAt: row.lockedAt };
        }
        const failures = (row?.failures ?? 0) + 1;
        const lockedNow = failures >= maxFailures;
        prepared.writeAttempt.run({ key: who.identifierHash, failures, lockedAt: lockedNow ? now : null, now });
        prepared.audit(tx, { at: now, event: 'sign_in_failed', ...auditWho(who), detail: { reason, failures } });
        if (lockedNow) prepared.audit(tx, { at: now, event: 'sign_in_locked', ...auditWho(who), detail: { failures, ...(lockMs === undefined ? {} : { lockedUntil: now + lockMs }) } });
        return queued(tx, now, outbox, { failures, locked: lockedNow, lockedNow, lockedAt: lockedNow ? now : null });
      });
    },

    async recordSuccess(who, { now, lockMs, address, signedIn, detail }) {
      return inTransaction(db, (tx): { ok: true } | { locked: true } => {
        const row = current(prepared.attempt.get({ key: who.identifierHash }), now, lockMs);
        if (row?.lockedAt != null) {
          prepared.audit(tx, { at: now, event: 'sign_in_failed', ...auditWho(who), detail: { reason: 'locked' } });
          if (address) prepared.countAddress.run({ address: address.network, now, windowMs: address.windowMs });
          return { locked: true };
        }
        if (signedIn !== undefined) {
          prepared.recordSignIn.run({ accountId: signedIn.accountId, now });
          prepared.insertSession.run({ tokenHash: signedIn.sessionTokenHash, accountId: signedIn.accountId, now });
        }
        if (row) prepared.deleteAttempt.run({ key: who.identifierHash });
        prepared.audit(tx, { at: now, event: 'sign_in_succeeded', ...auditWho(who), detail });
        return { ok: true };
      });
    },

    async recordLockedAttempt(who, now) {
      writeAudit(db, { at: now, event: 'sign_in_failed', ...auditWho(who), detail: { reason: 'locked' } });
    },

    async takeAddressSlot(input) {
      return inTransaction(db, (tx): AddressSlot => {
        const slot = checkAddress(tx, input);
        if (slot.ok) prepared.countAddress.run({ address: input.address, now: input.now, windowMs: input.windowMs });
        return slot;
      });
    },
  };
}
