// Sign-in failure counters (SPEC L5–L7): consecutive failures per identifier hash and failed sign-ins per client address.
// Every read-then-write of a counter is one synchronous IMMEDIATE transaction, so concurrent attempts count exactly.
import { eq, inArray } from 'drizzle-orm';
import type { AddressSlot, AttemptWho, FailureCount, LockoutStore } from '../contract.js';
import { inTransaction, type Db, type Executor } from './client.js';
import { addressThrottleTable, signInAttemptTable } from './schema.js';
import { writeAudit } from './audit.js';

function auditWho(who: AttemptWho) {
  return { accountId: who.accountId ?? null, subject: who.identifierHash, address: who.address };
}

function readAttempt(ex: Executor, identifierHash: string) {
  return ex.select().from(signInAttemptTable).where(eq(signInAttemptTable.identifierHash, identifierHash)).get();
}

export function lockoutStore(db: Db): LockoutStore {
  return {
    async isLocked(identifierHash) {
      return readAttempt(db, identifierHash)?.lockedAt != null;
    },

    async recordFailure(who, { now, maxFailures, reason }) {
      return inTransaction(db, (tx): FailureCount => {
        const row = readAttempt(tx, who.identifierHash);
        if (row?.lockedAt != null) {
          writeAudit(tx, { at: now, event: 'sign_in_failed', ...auditWho(who), detail: { reason: 'locked' } });
          return { failures: row.failures, locked: true, lockedNow: false };
        }
        const failures = (row?.failures ?? 0) + 1;
        const lockedNow = failures >= maxFailures;
        const values = { failures, lockedAt: lockedNow ? now : null, updatedAt: now };
        tx.insert(signInAttemptTable)
          .values({ identifierHash: who.identifierHash, ...values })
          .onConflictDoUpdate({ target: signInAttemptTable.identifierHash, set: values })
          .run();
        writeAudit(tx, { at: now, event: 'sign_in_failed', ...auditWho(who), detail: { reason, failures } });
        if (lockedNow) writeAudit(tx, { at: now, event: 'sign_in_locked', ...auditWho(who), detail: { failures } });
        return { failures, locked: lockedNow, lockedNow };
      });
    },

    async recordSuccess(who, input) {
      return inTransaction(db, (tx): { ok: true } | { locked: true } => {
        const row = readAttempt(tx, who.identifierHash);
        if (row?.lockedAt != null) {
          writeAudit(tx, { at: input.now, event: 'sign_in_failed', ...auditWho(who), detail: { reason: 'locked' } });
          return { locked: true };
        }
        if (row) tx.delete(signInAttemptTable).where(eq(signInAttemptTable.identifierHash, who.identifierHash)).run();
        writeAudit(tx, { at: input.now, event: 'sign_in_succeeded', ...auditWho(who), detail: input.detail });
        return { ok: true };
      });
    },

    async recordLockedAttempt(who, now) {
      writeAudit(db, { at: now, event: 'sign_in_failed', ...auditWho(who), detail: { reason: 'locked' } });
    },

    async clearFailures(identifierHashes) {
      if (identifierHashes.length === 0) return;
      db.delete(signInAttemptTable).where(inArray(signInAttemptTable.identifierHash, identifierHashes)).run();
    },

    async takeAddressSlot({ address, now, windowMs, maxFailures, identifierHash }) {
      return inTransaction(db, (tx): AddressSlot => {
        const row = tx.select().from(addressThrottleTable).where(eq(addressThrottleTable.address, address)).get();
        if (!row || now >= row.windowStartedAt + windowMs) {
          const values = { windowStartedAt: now, failures: 1 };
          tx.insert(addressThrottleTable).values({ address, ...values }).onConflictDoUpdate({ target: addressThrottleTable.address, set: values }).run();
          return { ok: true, windowStartedAt: now };
        }
        if (row.failures >= maxFailures) {
          const retryAt = row.windowStartedAt + windowMs;
          // the first refusal of a window is logged and marked (failures = max + 1); later ones only read, so a flood writes nothing
          if (row.failures === maxFailures) {
            tx.update(addressThrottleTable).set({ failures: maxFailures + 1 }).where(eq(addressThrottleTable.address, address)).run();
            writeAudit(tx, { at: now, event: 'sign_in_throttled', subject: identifierHash, address, detail: { failures: maxFailures, retryAt } });
          }
          return { ok: false, retryAt };
        }
        tx.update(addressThrottleTable).set({ failures: row.failures + 1 }).where(eq(addressThrottleTable.address, address)).run();
        return { ok: true, windowStartedAt: row.windowStartedAt };
      });
    },

    async releaseAddressSlot(address, windowStartedAt) {
      inTransaction(db, (tx) => {
        const row = tx.select().from(addressThrottleTable).where(eq(addressThrottleTable.address, address)).get();
        if (row && row.windowStartedAt === windowStartedAt && row.failures > 0) {
          tx.update(addressThrottleTable).set({ failures: row.failures - 1 }).where(eq(addressThrottleTable.address, address)).run();
        }
      });
    },
  };
}
