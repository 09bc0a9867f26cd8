// Sign-in failure counters on PostgreSQL (SPEC L5–L7): consecutive failures per identifier hash and failed sign-ins per client address.
// Every read-then-write of a counter is one SERIALIZABLE transaction (retried when it loses a race), so concurrent attempts on
// any number of instances count exactly.
import { eq, inArray } from 'drizzle-orm';
import type { AddressSlot, AddressThrottleInput, AttemptWho, CardLockKey, FailureCount, LockoutStore, SignInGate } from '../contract.js';
import { first, inTransaction, type Db, type Executor } from './client.js';
import { addressThrottleTable, cardTable, signInAttemptTable } from './schema.js';
import { writeAudit, writeCoalescedAudit } from './audit.js';
import { queued } from './outbox.js';
import { recordSignIn } from './accounts.js';
import { insertSession } from './sessions.js';

function auditWho(who: AttemptWho) {
  return { accountId: who.accountId ?? null, subject: who.identifierHash, address: who.address };
}

/** The identifier's count; with `lockMs` (SPEC S4) a lock that has run its time is no lock and no count. */
async function readAttempt(ex: Executor, identifierHash: string, now?: number, lockMs?: number) {
  const row = await first(ex.select().from(signInAttemptTable).where(eq(signInAttemptTable.identifierHash, identifierHash)));
  if (row?.lockedAt != null && lockMs !== undefined && now !== undefined && now >= row.lockedAt + lockMs) return undefined;
  return row;
}

/** SPEC S4: a completed M, R or G ends the G1 locks of every card of the holder, inside the caller's transaction. */
export async function endCardLocks(ex: Executor, holderId: number, cardLockKey: CardLockKey): Promise<void> {
  const cards = await ex.select({ numberHash: cardTable.numberHash }).from(cardTable).where(eq(cardTable.holderId, holderId));
  const keys = cards.map((c) => cardLockKey(c.numberHash));
  if (keys.length > 0) await ex.delete(signInAttemptTable).where(inArray(signInAttemptTable.identifierHash, keys));
}

const readThrottle = (ex: Executor, address: string) => first(ex.select().from(addressThrottleTable).where(eq(addressThrottleTable.address, address)));

type ThrottleRow = { windowStartedAt: number; failures: number };
const isThrottled = (row: ThrottleRow | undefined, { now, windowMs, maxFailures }: Omit<AddressThrottleInput, 'address' | 'identifierHash'>): row is ThrottleRow =>
  row !== undefined && now < row.windowStartedAt + windowMs && row.failures >= maxFailures;

/** SPEC L7: refused once the window holds `maxFailures`; the first refusal of a window is audited, later ones only read. */
async function checkAddress(ex: Executor, { address, now, windowMs, maxFailures, identifierHash }: AddressThrottleInput): Promise<AddressSlot> {
  const row = await readThrottle(ex, address);
  if (!isThrottled(row, { now, windowMs, maxFailures })) return { ok: true };
  const retryAt = row.windowStartedAt + windowMs;
  if (row.refusedAt === null) {
    await ex.update(addressThrottleTable).set({ refusedAt: now }).where(eq(addressThrottleTable.address, address));
    await writeAudit(ex, { at: now, event: 'sign_in_throttled', subject: identifierHash, address, detail: { failures: row.failures, retryAt } });
  }
  return { ok: false, retryAt };
}

async function countAddressFailure(ex: Executor, address: string, now: number, windowMs: number): Promise<void> {
  const row = await readThrottle(ex, address);
  const values = !row || now >= row.windowStartedAt + windowMs ? { windowStartedAt: now, failures: 1, refusedAt: null } : { failures: row.failures + 1 };
  await ex
    .insert(addressThrottleTable)
    .values({ address, windowStartedAt: now, failures: 1 })
    .onConflictDoUpdate({ target: addressThrottleTable.address, set: values });
}

export function lockoutStore(db: Db): LockoutStore {
  return {
    async checkSignIn(input): Promise<SignInGate> {
      const row = await readThrottle(db, input.address);
      if (isThrottled(row, input)) {
        // the window's first refusal is audited once, in a transaction; later ones only read
        const slot = row.refusedAt === null ? await inTransaction(db, (tx) => checkAddress(tx, input)) : { ok: false as const, retryAt: row.windowStartedAt + input.windowMs };
        if (!slot.ok) return slot;
      }
      return { ok: true, locked: (await readAttempt(db, input.identifierHash))?.lockedAt != null };
    },

    async refuseLocked(who, { now, network, windowMs, coalesceMs }) {
      await inTransaction(db, async (tx) => {
        await writeCoalescedAudit(tx, { at: now, event: 'sign_in_failed', ...auditWho(who), address: who.address, subject: who.identifierHash, detail: { reason: 'locked' } }, coalesceMs);
        await countAddressFailure(tx, network, now, windowMs);
      });
    },

    async isLocked(identifierHash) {
      return (await readAttempt(db, identifierHash))?.lockedAt != null;
    },

    async lockedUntil(identifierHash, now, lockMs) {
      const row = await readAttempt(db, identifierHash, now, lockMs);
      return row?.lockedAt != null ? row.lockedAt + lockMs : null;
    },

    async recordFailure(who, { now, maxFailures, reason, lockMs, outbox, address }) {
      return inTransaction(db, async (tx): Promise<FailureCount> => {
        // issue 20: the address's count (SPEC L7) in the same transaction
        if (address) await countAddressFailure(tx, address.network, now, address.windowMs);
        const row = await readAttempt(tx, who.identifierHash, now, lockMs);
        if (row?.lockedAt != null) {
          await writeAudit(tx, { at: now, event: 'sign_in_failed', ...auditWho(who), detail: { reason: 'locked' } });
          return { failures: row.failures, locked: true, lockedNow: false, lockedAt: row.lockedAt };
        }
        const failures = (row?.failures ?? 0) + 1;
        const lockedNow = failures >= maxFailures;
        const values = { failures, lockedAt: lockedNow ? now : null, updatedAt: now };
        await tx
          .insert(signInAttemptTable)
          .values({ identifierHash: who.identifierHash, ...values })
          .onConflictDoUpdate({ target: signInAttemptTable.identifierHash, set: values });
        await writeAudit(tx, { at: now, event: 'sign_in_failed', ...auditWho(who), detail: { reason, failures } });
        if (lockedNow) await writeAudit(tx, { at: now, event: 'sign_in_locked', ...auditWho(who), detail: { failures, ...(lockMs === undefined ? {} : { lockedUntil: now + lockMs }) } });
        return await queued(tx, now, outbox, { failures, locked: lockedNow, lockedNow, lockedAt: lockedNow ? now : null });
      });
    },

    async recordSuccess(who, input) {
      return inTransaction(db, async (tx): Promise<{ ok: true } | { locked: true }> => {
        const row = await readAttempt(tx, who.identifierHash, input.now, input.lockMs);
        if (row?.lockedAt != null) {
          await writeAudit(tx, { at: input.now, event: 'sign_in_failed', ...auditWho(who), detail: { reason: 'locked' } });
          if (input.address) await countAddressFailure(tx, input.address.network, input.now, input.address.windowMs);
          return { locked: true };
        }
        if (input.signedIn !== undefined) {
          await recordSignIn(tx, input.signedIn.accountId, input.now);
          await insertSession(tx, input.signedIn.sessionTokenHash, input.signedIn.accountId, input.now);
        }
        if (row) await tx.delete(signInAttemptTable).where(eq(signInAttemptTable.identifierHash, who.identifierHash));
        await writeAudit(tx, { at: input.now, event: 'sign_in_succeeded', ...auditWho(who), detail: input.detail });
        return { ok: true };
      });
    },

    async recordLockedAttempt(who, now) {
      await writeAudit(db, { at: now, event: 'sign_in_failed', ...auditWho(who), detail: { reason: 'locked' } });
    },

    async takeAddressSlot(input) {
      return inTransaction(db, async (tx): Promise<AddressSlot> => {
        const slot = await checkAddress(tx, input);
        if (slot.ok) await countAddressFailure(tx, input.address, input.now, input.windowMs);
        return slot;
      });
    },
  };
}
