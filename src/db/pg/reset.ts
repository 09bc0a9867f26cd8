// Password reset completion on PostgreSQL (SPEC R3): new password, every session ended, the lock lifted, the flow moved to done — one transaction.
import { and, eq, isNull } from 'drizzle-orm';
import type { CompleteResetResult, ResetStore } from '../contract.js';
import { first, inTransaction, type Db } from './client.js';
import { accountTable, sessionTable, signInAttemptTable } from './schema.js';
import { writeAudit } from './audit.js';
import { advanceFlow } from './flows.js';
import { endCardLocks } from './lockout.js';
import { reopenClosed } from './code-budget.js';
import { queued } from './outbox.js';

export function resetStore(db: Db): ResetStore {
  return {
    async complete(input) {
      return inTransaction(db, async (tx): Promise<CompleteResetResult> => {
        const account = await first(tx.select().from(accountTable).where(and(eq(accountTable.id, input.accountId), isNull(accountTable.closedAt))));
        if (!account) return { error: 'gone' };
        // the guard: only one request completes the flow
        if (!(await advanceFlow(tx, input.flowId, input.move.from, input.move.to))) return { error: 'moved' };
        await tx.update(accountTable).set({ passwordHash: input.passwordHash, passwordChangedAt: input.now }).where(eq(accountTable.id, account.id));
        await tx.delete(sessionTable).where(eq(sessionTable.accountId, account.id));
        // SPEC L5/R3: only a reset (or a new My ID) ends a lock
        const ended = await tx.delete(signInAttemptTable).where(eq(signInAttemptTable.identifierHash, input.identifierHash)).returning({ lockedAt: signInAttemptTable.lockedAt });
        const wasLocked = ended.some((a) => a.lockedAt != null);
        await endCardLocks(tx, account.holderId, input.cardLockKey);
        // SPEC S1: a completed reset reopens the holder's verifications closed in M and G (never R's or T2's)
        const reopened = await reopenClosed(tx, [`holder:${account.holderId}`], ['migration', 'registration']);
        await writeAudit(tx, { at: input.now, event: 'password_reset', accountId: account.id, address: input.address, detail: { unlocked: wasLocked, ...(reopened.length > 0 ? { reopened } : {}) } });
        return await queued(tx, input.now, input.outbox, { ok: true as const, email: account.email, wasLocked });
      });
    },
  };
}
