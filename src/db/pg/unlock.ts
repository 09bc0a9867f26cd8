// SPEC O6 operator unlock on PostgreSQL: whose lock an ID or card is, and ending it (with any running code lock and S1 closure of the holder) in one transaction.
import { and, eq, gt, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { UnlockInput, UnlockResult, UnlockStore, UnlockTarget } from '../contract.js';
import { first, inTransaction, type Db } from './client.js';
import { accountCardTable, accountTable, cardTable, codeFailureTable, credentialTable, signInAttemptTable } from './schema.js';
import { writeAudit } from './audit.js';
import { endDays, reopenClosed } from './code-budget.js';
import { queued } from './outbox.js';

async function holderTarget(db: Db, holderId: number, cardEmail: string | null, firstAccount?: { id: number; email: string }): Promise<UnlockTarget> {
  const open = await db.select({ id: accountTable.id, email: accountTable.email }).from(accountTable).where(and(eq(accountTable.holderId, holderId), isNull(accountTable.closedAt))).orderBy(accountTable.id);
  const accounts = firstAccount ? [firstAccount, ...open.filter((a) => a.id !== firstAccount.id)] : open;
  return { holderId, accountIds: accounts.map((a) => a.id), noticeTo: accounts[0]?.email ?? cardEmail };
}

async function findMyIdTarget(db: Db, email: string): Promise<UnlockTarget | undefined> {
  const account = await first(db.select({ id: accountTable.id, email: accountTable.email, holderId: accountTable.holderId }).from(accountTable).where(and(eq(accountTable.email, email), isNull(accountTable.closedAt))));
  return account && holderTarget(db, account.holderId, null, account);
}

async function findLoginIdTarget(db: Db, loginId: string): Promise<UnlockTarget | undefined> {
  const row = await first(
    db
      .select({ holderId: cardTable.holderId, cardEmail: cardTable.email, accountId: accountCardTable.accountId })
      .from(credentialTable)
      .innerJoin(cardTable, eq(cardTable.id, credentialTable.cardId))
      .leftJoin(accountCardTable, eq(accountCardTable.cardId, cardTable.id))
      .where(eq(credentialTable.loginId, loginId)),
  );
  return row && holderTarget(db, row.holderId, row.cardEmail);
}

async function findCardTarget(db: Db, numberHash: string): Promise<UnlockTarget | undefined> {
  const card = await first(db.select({ holderId: cardTable.holderId, email: cardTable.email }).from(cardTable).where(eq(cardTable.numberHash, numberHash)));
  return card && holderTarget(db, card.holderId, card.email);
}

/** Ends the identifier's lock, every running code lock (M6a, S1's day) of the holder and their accounts, and reopens their closed verifications (S1); audits `operator_unlock` with the reason. */
function operatorUnlock(db: Db, input: UnlockInput): Promise<UnlockResult> {
  const { now, target } = input;
  const subjects = [`holder:${target.holderId}`, ...target.accountIds.map((id) => `account:${id}`)];
  return inTransaction(db, async (tx): Promise<UnlockResult> => {
    const ended = await tx
      .delete(signInAttemptTable)
      .where(and(eq(signInAttemptTable.identifierHash, input.identifierHash), isNotNull(signInAttemptTable.lockedAt)));
    const signInLockEnded = (ended.rowCount ?? 0) > 0;
    const running = await tx
      .delete(codeFailureTable)
      .where(and(inArray(codeFailureTable.subject, subjects), gt(codeFailureTable.lockedUntil, now)))
      .returning({ subject: codeFailureTable.subject, purpose: codeFailureTable.purpose });
    // SPEC S1/O6: closed verifications reopen, and the rolling day's wrong entries (and its lock) go too
    const verificationsReopened = await reopenClosed(tx, subjects);
    const dayLocks = (await endDays(tx, subjects, now, input.maxFailuresPerDay)).map((k) => `${k} (day)`);
    const codeLocksEnded = [...running.map((r) => `${r.subject}/${r.purpose}`), ...dayLocks];
    if (signInLockEnded || codeLocksEnded.length > 0 || verificationsReopened.length > 0) {
      await writeAudit(tx, {
        at: now,
        event: 'operator_unlock',
        accountId: target.accountIds[0] ?? null,
        subject: input.identifierHash,
        detail: { reason: input.reason, what: input.what, holderId: target.holderId, signInLockEnded, codeLocksEnded, verificationsReopened },
      });
    }
    return await queued(tx, now, input.outbox, { signInLockEnded, codeLocksEnded, verificationsReopened });
  });
}

export function unlockStore(db: Db): UnlockStore {
  return {
    findMyIdTarget: (email) => findMyIdTarget(db, email),
    findLoginIdTarget: (loginId) => findLoginIdTarget(db, loginId),
    findCardTarget: (numberHash) => findCardTarget(db, numberHash),
    unlock: (input) => operatorUnlock(db, input),
  };
}
