// Password reset completion (SPEC R3): new password, every session ended, the lock lifted, the flow moved to done — one transaction.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from './client.js';
import { accountTable, sessionTable, signInAttemptTable } from './schema.js';
import { writeAudit } from './audit.js';
import { advanceFlow } from './flows.js';

export type CompleteResetInput = {
  flowId: number;
  accountId: number;
  /** Argon2id hash of the new password, made before the transaction. */
  passwordHash: string;
  /** keyedHash(secret, 'identifier', email): the sign-in failure counter of the My ID (SPEC L5). */
  identifierHash: string;
  now: number;
  address?: string;
};

export type CompleteResetResult = { ok: true; email: string; wasLocked: boolean } | { error: 'moved' | 'gone' };

export async function completeReset(db: Db, input: CompleteResetInput): Promise<CompleteResetResult> {
  return db.$client
    .transaction((): CompleteResetResult => {
      const account = db.select().from(accountTable).where(and(eq(accountTable.id, input.accountId), isNull(accountTable.closedAt))).get();
      if (!account) return { error: 'gone' };
      // the guard: only one request completes the flow
      if (!advanceFlow(db, input.flowId, 'password', 'done')) return { error: 'moved' };
      db.update(accountTable).set({ passwordHash: input.passwordHash, passwordChangedAt: input.now }).where(eq(accountTable.id, account.id)).run();
      db.delete(sessionTable).where(eq(sessionTable.accountId, account.id)).run();
      // SPEC L5/R3: only a reset (or a new My ID) ends a lock
      const attempt = db.select().from(signInAttemptTable).where(eq(signInAttemptTable.identifierHash, input.identifierHash)).get();
      db.delete(signInAttemptTable).where(eq(signInAttemptTable.identifierHash, input.identifierHash)).run();
      const wasLocked = attempt?.lockedAt != null;
      writeAudit(db, { at: input.now, event: 'password_reset', accountId: account.id, address: input.address, detail: { unlocked: wasLocked } });
      return { ok: true, email: account.email, wasLocked };
    })
    .immediate();
}
