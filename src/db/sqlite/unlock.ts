// SPEC O6 operator unlock on SQLite: whose lock an ID or card is, and ending it (with any running code lock of the holder) in one transaction.
import { and, eq, gt, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { UnlockResult, UnlockStore, UnlockTarget } from '../contract.js';
import { inTransaction, type Db, type Executor } from './client.js';
import { accountCardTable, accountTable, cardTable, codeFailureTable, credentialTable, signInAttemptTable } from './schema.js';
import { writeAudit } from './audit.js';
import { endDays, reopenClosed } from './code-budget.js';
import { queued } from './outbox.js';

function holderTarget(ex: Executor, holderId: number, cardEmail: string | null, firstAccount?: { id: number; email: string }): UnlockTarget {
  const open = ex.select({ id: accountTable.id, email: accountTable.email }).from(accountTable).where(and(eq(accountTable.holderId, holderId), isNull(accountTable.closedAt))).all();
  const accounts = firstAccount ? [firstAccount, ...open.filter((a) => a.id !== firstAccount.id)] : open;
  return { holderId, accountIds: accounts.map((a) => a.id), noticeTo: accounts[0]?.email ?? cardEmail };
}

/** A My ID (normalised email) of an open account. */
function findMyIdTarget(db: Db, email: string): UnlockTarget | undefined {
  const account = db.select({ id: accountTable.id, email: accountTable.email, holderId: accountTable.holderId }).from(accountTable).where(and(eq(accountTable.email, email), isNull(accountTable.closedAt))).get();
  return account && holderTarget(db, account.holderId, null, account);
}

/** A legacy or initial ID (normalised), retired or not: its card's holder; the notice goes to the account that card joined, else the card's email. */
function findLoginIdTarget(db: Db, loginId: string): UnlockTarget | undefined {
  const row = db
    .select({ holderId: cardTable.holderId, cardEmail: cardTable.email, accountId: accountCardTable.accountId })
    .from(credentialTable)
    .innerJoin(cardTable, eq(cardTable.id, credentialTable.cardId))
    .leftJoin(accountCardTable, eq(accountCardTable.cardId, cardTable.id))
    .where(eq(credentialTable.loginId, loginId))
    .get();
  return row && holderTarget(db, row.holderId, row.cardEmail);
}

/** A card by the keyed hash of its number. */
function findCardTarget(db: Db, numberHash: string): UnlockTarget | undefined {
  const card = db.select({ holderId: cardTable.holderId, email: cardTable.email }).from(cardTable).where(eq(cardTable.numberHash, numberHash)).get();
  return card && holderTarget(db, card.holderId, card.email);
}

/** Ends the identifier's lock, every running code lock (M6a, S1's day) of the holder and their accounts, and reopens their closed verifications (S1); audits `operator_unlock` with the reason. */
function operatorUnlock(db: Db, input: Parameters<UnlockStore['unlock']>[0]): UnlockResult {
  const { now, target } = input;
  const subjects = [`holder:${target.holderId}`, ...target.accountIds.map((id) => `account:${id}`)];
  return inTransaction(db, (tx): UnlockResult => {
      const signInLockEnded =
        tx
          .delete(signInAttemptTable)
          .where(and(eq(signInAttemptTable.identifierHash, input.identifierHash), isNotNull(signInAttemptTable.lockedAt)))
          .run().changes > 0;
      const running = tx
        .delete(codeFailureTable)
        .where(and(inArray(codeFailureTable.subject, subjects), gt(codeFailureTable.lockedUntil, now)))
        .returning({ subject: codeFailureTable.subject, purpose: codeFailureTable.purpose })
        .all();
      // SPEC S1/O6: closed verifications reopen, and the rolling day's wrong entries (and its lock) go too
      const verificationsReopened = reopenClosed(tx, subjects);
      const dayLocks = endDays(tx, subjects, now, input.maxFailuresPerDay).map((k) => `${k} (day)`);
      const codeLocksEnded = [...running.map((r) => `${r.subject}/${r.purpose}`), ...dayLocks];
      if (signInLockEnded || codeLocksEnded.length > 0 || verificationsReopened.length > 0) {
        writeAudit(tx, {
          at: now,
          event: 'operator_unlock',
          accountId: target.accountIds[0] ?? null,
          subject: input.identifierHash,
          detail: { reason: input.reason, what: input.what, holderId: target.holderId, signInLockEnded, codeLocksEnded, verificationsReopened },
        });
      }
      return queued(tx, now, input.outbox, { signInLockEnded, codeLocksEnded, verificationsReopened });
  });
}

export function unlockStore(db: Db): UnlockStore {
  return {
    findMyIdTarget: async (email) => findMyIdTarget(db, email),
    findLoginIdTarget: async (loginId) => findLoginIdTarget(db, loginId),
    findCardTarget: async (numberHash) => findCardTarget(db, numberHash),
    unlock: async (input) => operatorUnlock(db, input),
  };
}
