// Sign-in failure counters (SPEC L5–L7): consecutive failures per identifier hash and failed sign-ins per client address.
// Every read-then-write of a counter is one synchronous IMMEDIATE transaction, so concurrent attempts count exactly.
import { eq, inArray, sql } from 'drizzle-orm';
import type { AddressSlot, AddressThrottleInput, AttemptWho, CardLockKey, FailureCount, LockoutStore, SignInGate } from '../contract.js';
import { inTransaction, type Db, type Executor } from './client.js';
import { addressThrottleTable, cardTable, signInAttemptTable } from './schema.js';
import { coalescedAudit, writeAudit } from './audit.js';
import { queued } from './outbox.js';
import { recordSignIn } from './accounts.js';

function auditWho(who: AttemptWho) {
  return { accountId: who.accountId ?? null, subject: who.identifierHash, address: who.address };
}

/** The identifier's count; with `lockMs` (SPEC S4) a lock that has run its time is no lock and no count. */
function readAttempt(ex: Executor, identifierHash: string, now?: number, lockMs?: number) {
  const row = ex.select().from(signInAttemptTable).where(eq(signInAttemptTable.identifierHash, identifierHash)).get();
  if (row?.lockedAt != null && lockMs !== undefined && now !== undefined && now >= row.lockedAt + lockMs) return undefined;
  return row;
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

function countAddressFailure(ex: Executor, address: string, now: number, windowMs: number): void {
  const row = readThrottle(ex, address);
  const values = !row || now >= row.windowStartedAt + windowMs ? { windowStartedAt: now, failures: 1, refusedAt: null } : { failures: row.failures + 1 };
  ex.insert(addressThrottleTable)
    .values({ address, windowStartedAt: now, failures: 1 })
    .onConflictDoUpdate({ target: addressThrottleTable.address, set: values })
    .run();
}

/** Issue 20: the refusal path's statements, prepared once per database instead of built by drizzle and compiled per request. */
function preparedRefusals(db: Db) {
  const at = addressThrottleTable;
  const p = (name: string) => sql.placeholder(name);
  return {
    throttle: db.select({ windowStartedAt: at.windowStartedAt, failures: at.failures, refusedAt: at.refusedAt }).from(at).where(eq(at.address, p('address'))).prepare(),
    lockedAt: db.select({ lockedAt: signInAttemptTable.lockedAt }).from(signInAttemptTable).where(eq(signInAttemptTable.identifierHash, p('key'))).prepare(),
    // SPEC L7 in one statement: a failure past the window starts a new one (SET reads the row's values before the update)
    countAddress: db
      .insert(at)
      .values({ address: p('address'), windowStartedAt: p('now'), failures: 1 })
      .onConflictDoUpdate({
        target: at.address,
        set: {
          failures: sql`CASE WHEN ${p('now')} >= ${at.windowStartedAt} + ${p('windowMs')} THEN 1 ELSE ${at.failures} + 1 END`,
          refusedAt: sql`CASE WHEN ${p('now')} >= ${at.windowStartedAt} + ${p('windowMs')} THEN NULL ELSE ${at.refusedAt} END`,
          windowStartedAt: sql`CASE WHEN ${p('now')} >= ${at.windowStartedAt} + ${p('windowMs')} THEN ${p('now')} ELSE ${at.windowStartedAt} END`,
        },
      })
      .prepare(),
    audit: coalescedAudit(db),
  };
}

export function lockoutStore(db: Db): LockoutStore {
  const prepared = preparedRefusals(db);
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
        prepared.audit(tx, { at: now, event: 'sign_in_failed', ...auditWho(who), address: who.address, subject: who.identifierHash, detail: { reason: 'locked' } }, coalesceMs);
        prepared.countAddress.run({ address: network, now, windowMs });
      });
    },

    async isLocked(identifierHash) {
      return readAttempt(db, identifierHash)?.lockedAt != null;
    },

    async lockedUntil(identifierHash, now, lockMs) {
      const row = readAttempt(db, identifierHash, now, lockMs);
      return row?.lockedAt != null ? row.lockedAt + lockMs : null;
    },

    async recordFailure(who, { now, maxFailures, reason, lockMs, outbox, address }) {
      return inTransaction(db, (tx): FailureCount => {
        // issue 20: the address's count (SPEC L7) in the same transaction
        if (address) countAddressFailure(tx, address.network, now, address.windowMs);
        const row = readAttempt(tx, who.identifierHash, now, lockMs);
        if (row?.lockedAt != null) {
          writeAudit(tx, { at: now, event: 'sign_in_failed', ...auditWho(who), detail: { reason: 'locked' } });
          return { failures: row.failures, locked: true, lockedNow: false, lockedAt: row.lockedAt };
        }
        const failures = (row?.failures ?? 0) + 1;
        const lockedNow = failures >= maxFailures;
        const values = { failures, lockedAt: lockedNow ? now : null, updatedAt: now };
        tx.insert(signInAttemptTable)
          .values({ identifierHash: who.identifierHash, ...values })
          .onConflictDoUpdate({ target: signInAttemptTable.identifierHash, set: values })
          .run();
        writeAudit(tx, { at: now, event: 'sign_in_failed', ...auditWho(who), detail: { reason, failures } });
        if (lockedNow) writeAudit(tx, { at: now, event: 'sign_in_locked', ...auditWho(who), detail: { failures, ...(lockMs === undefined ? {} : { lockedUntil: now + lockMs }) } });
        return queued(tx, now, outbox, { failures, locked: lockedNow, lockedNow, lockedAt: lockedNow ? now : null });
      });
    },

    async recordSuccess(who, input) {
      return inTransaction(db, (tx): { ok: true } | { locked: true } => {
        const row = readAttempt(tx, who.identifierHash, input.now, input.lockMs);
        if (row?.lockedAt != null) {
          writeAudit(tx, { at: input.now, event: 'sign_in_failed', ...auditWho(who), detail: { reason: 'locked' } });
          if (input.address) countAddressFailure(tx, input.address.network, input.now, input.address.windowMs);
          return { locked: true };
        }
        if (input.signedIn !== undefined) recordSignIn(tx, input.signedIn, input.now);
        if (row) tx.delete(signInAttemptTable).where(eq(signInAttemptTable.identifierHash, who.identifierHash)).run();
        writeAudit(tx, { at: input.now, event: 'sign_in_succeeded', ...auditWho(who), detail: input.detail });
        return { ok: true };
      });
    },

    async recordLockedAttempt(who, now) {
      writeAudit(db, { at: now, event: 'sign_in_failed', ...auditWho(who), detail: { reason: 'locked' } });
    },

    async takeAddressSlot(input) {
      return inTransaction(db, (tx): AddressSlot => {
        const slot = checkAddress(tx, input);
        if (slot.ok) countAddressFailure(tx, input.address, input.now, input.windowMs);
        return slot;
      });
    },
  };
}
