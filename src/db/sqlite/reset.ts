// Password reset completion (SPEC R3): new password, every session ended, the lock lifted, the flow moved to done — one transaction.
import { and, eq, isNull } from 'drizzle-orm';
import type { CompleteResetResult, ResetStore } from '../contract.js';
import { inTransaction, type Db } from './client.js';
import { accountTable, sessionTable, signInAttemptTable } from './schema.js';
import { writeAudit } from './audit.js';
import { advanceFlow } from './flows.js';
import { endCardLocks } from './lockout.js';
import { reopenClosed } from './code-budget.js';
import { queued } from './outbox.js';

export function resetStore(db: Db): ResetStore {
  return {
    async complete(input) {
      return inTransaction(db, (tx): CompleteResetResult => {
        const account = tx.select().from(accountTable).where(and(eq(accountTable.id, input.accountId), isNull(accountTable.closedAt))).get();
        if (!account) return { error: 'gone' };
        // the guard: only one request completes the flow
        if (!advanceFlow(tx, input.flowId, input.move.from, input.move.to)) return { error: 'moved' };
        tx.update(accountTable).set({ passwordHash: input.passwordHash, passwordChangedAt: input.now }).where(eq(accountTable.id, account.id)).run();
        tx.delete(sessionTable).where(eq(sessionTable.accountId, account.id)).run();
        // SPEC L5/R3: only a reset (or a new My ID) ends a lock
        const attempt = tx.select().from(signInAttemptTable).where(eq(signInAttemptTable.identifierHash, input.identifierHash)).get();
        tx.delete(signInAttemptTable).where(eq(signInAttemptTable.identifierHash, input.identifierHash)).run();
        const wasLocked = attempt?.lockedAt != null;
        endCardLocks(tx, account.holderId, input.cardLockKey);
        // SPEC S1: a completed reset reopens the holder's verifications closed in M and G (never R's or T2's)
        const reopened = reopenClosed(tx, [`holder:${account.holderId}`], ['migration', 'registration']);
        writeAudit(tx, { at: input.now, event: 'password_reset', accountId: account.id, address: input.address, detail: { unlocked: wasLocked, ...(reopened.length > 0 ? { reopened } : {}) } });
        return queued(tx, input.now, input.outbox, { ok: true as const, email: account.email, wasLocked });
      });
    },
  };
}
