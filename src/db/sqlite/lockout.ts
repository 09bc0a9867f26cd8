// Sign-in failure counters (SPEC L5–L7): consecutive failures per identifier hash and failed sign-ins per client address.
// Every read-then-write of a counter is one synchronous IMMEDIATE transaction, so concurrent attempts count exactly.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from './client.js';
import { addressThrottleTable, signInAttemptTable } from './schema.js';
import { writeAudit } from './audit.js';

/** Who an attempt concerns, for the audit log: the account when one is known, always the hashed identifier. */
export type AttemptWho = { identifierHash: string; accountId?: number | null; address: string };

function auditWho(who: AttemptWho) {
  return { accountId: who.accountId ?? null, subject: who.identifierHash, address: who.address };
}

function readAttempt(db: Db, identifierHash: string) {
  return db.select().from(signInAttemptTable).where(eq(signInAttemptTable.identifierHash, identifierHash)).get();
}

/** Whether the identifier is locked (SPEC L5); only reset or a new My ID clears it. */
export async function isIdentifierLocked(db: Db, identifierHash: string): Promise<boolean> {
  return readAttempt(db, identifierHash)?.lockedAt != null;
}

export type FailureCount = { failures: number; locked: boolean; lockedNow: boolean };

/**
 * Counts one failed sign-in for the identifier. The failure that reaches `maxFailures` locks it and is the only one
 * answered with `lockedNow`; failures after the lock leave the count alone.
 */
export async function recordSignInFailure(db: Db, who: AttemptWho, input: { now: number; maxFailures: number; reason: string }): Promise<FailureCount> {
  const { now, maxFailures, reason } = input;
  return db.$client
    .transaction((): FailureCount => {
      const row = readAttempt(db, who.identifierHash);
      if (row?.lockedAt != null) {
        writeAudit(db, { at: now, event: 'sign_in_failed', ...auditWho(who), detail: { reason: 'locked' } });
        return { failures: row.failures, locked: true, lockedNow: false };
      }
      const failures = (row?.failures ?? 0) + 1;
      const lockedNow = failures >= maxFailures;
      const values = { failures, lockedAt: lockedNow ? now : null, updatedAt: now };
      db.insert(signInAttemptTable)
        .values({ identifierHash: who.identifierHash, ...values })
        .onConflictDoUpdate({ target: signInAttemptTable.identifierHash, set: values })
        .run();
      writeAudit(db, { at: now, event: 'sign_in_failed', ...auditWho(who), detail: { reason, failures } });
      if (lockedNow) writeAudit(db, { at: now, event: 'sign_in_locked', ...auditWho(who), detail: { failures } });
      return { failures, locked: lockedNow, lockedNow };
    })
    .immediate();
}

/** A right password: resets the count (SPEC L5), unless a concurrent failure locked the identifier first. */
export async function recordSignInSuccess(
  db: Db,
  who: AttemptWho,
  input: { now: number; detail?: Record<string, unknown> },
): Promise<{ ok: true } | { locked: true }> {
  return db.$client
    .transaction((): { ok: true } | { locked: true } => {
      const row = readAttempt(db, who.identifierHash);
      if (row?.lockedAt != null) {
        writeAudit(db, { at: input.now, event: 'sign_in_failed', ...auditWho(who), detail: { reason: 'locked' } });
        return { locked: true };
      }
      if (row) db.delete(signInAttemptTable).where(eq(signInAttemptTable.identifierHash, who.identifierHash)).run();
      writeAudit(db, { at: input.now, event: 'sign_in_succeeded', ...auditWho(who), detail: input.detail });
      return { ok: true };
    })
    .immediate();
}

/** Records an attempt refused because the identifier is locked, without touching its count. */
export async function recordLockedAttempt(db: Db, who: AttemptWho, now: number): Promise<void> {
  writeAudit(db, { at: now, event: 'sign_in_failed', ...auditWho(who), detail: { reason: 'locked' } });
}

/** Ends the lock and the count of these identifiers (SPEC L5: password reset or a new My ID). */
export async function clearSignInFailures(db: Db, identifierHashes: string[]): Promise<void> {
  if (identifierHashes.length === 0) return;
  db.delete(signInAttemptTable).where(inArray(signInAttemptTable.identifierHash, identifierHashes)).run();
}

export type AddressSlot = { ok: true; windowStartedAt: number } | { ok: false; retryAt: number };

/**
 * SPEC L7, fixed window: takes one of the address's `maxFailures` failure slots in the current window before any
 * password is hashed, so concurrent requests can never get past the limit. A success gives its slot back.
 */
export async function takeAddressSlot(db: Db, input: { address: string; now: number; windowMs: number; maxFailures: number; identifierHash: string }): Promise<AddressSlot> {
  const { address, now, windowMs, maxFailures } = input;
  return db.$client
    .transaction((): AddressSlot => {
      const row = db.select().from(addressThrottleTable).where(eq(addressThrottleTable.address, address)).get();
      if (!row || now >= row.windowStartedAt + windowMs) {
        const values = { windowStartedAt: now, failures: 1 };
        db.insert(addressThrottleTable).values({ address, ...values }).onConflictDoUpdate({ target: addressThrottleTable.address, set: values }).run();
        return { ok: true, windowStartedAt: now };
      }
      if (row.failures >= maxFailures) {
        const retryAt = row.windowStartedAt + windowMs;
        // the first refusal of a window is logged and marked (failures = max + 1); later ones only read, so a flood writes nothing
        if (row.failures === maxFailures) {
          db.update(addressThrottleTable).set({ failures: maxFailures + 1 }).where(eq(addressThrottleTable.address, address)).run();
          writeAudit(db, { at: now, event: 'sign_in_throttled', subject: input.identifierHash, address, detail: { failures: maxFailures, retryAt } });
        }
        return { ok: false, retryAt };
      }
      db.update(addressThrottleTable).set({ failures: row.failures + 1 }).where(eq(addressThrottleTable.address, address)).run();
      return { ok: true, windowStartedAt: row.windowStartedAt };
    })
    .immediate();
}

/** Gives back the slot a successful sign-in took, if its window is still the current one. */
export async function releaseAddressSlot(db: Db, address: string, windowStartedAt: number): Promise<void> {
  db.$client
    .transaction(() => {
      const row = db.select().from(addressThrottleTable).where(eq(addressThrottleTable.address, address)).get();
      if (row && row.windowStartedAt === windowStartedAt && row.failures > 0) {
        db.update(addressThrottleTable).set({ failures: row.failures - 1 }).where(eq(addressThrottleTable.address, address)).run();
      }
    })
    .immediate();
}
