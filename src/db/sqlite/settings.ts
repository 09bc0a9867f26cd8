// Changes a signed-in member makes (SPEC T2, T4): accept new terms, change password, change My ID; and the facts the password rules need.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ChangeMyIdResult, HolderFacts, SettingsStore } from '../contract.js';
import { inTransaction, isUniqueViolation, type Db, type Executor } from './client.js';
import { accountCardTable, accountTable, cardTable, holderTable, phoneTable, signInAttemptTable } from './schema.js';
import { writeAudit } from './audit.js';
import { advanceFlow, endFlow } from './flows.js';
import { deleteAccountSessions, sessionExists } from './sessions.js';
import { queued } from './outbox.js';

function holderFacts(ex: Executor, holderId: number): HolderFacts | undefined {
  const holder = ex.select().from(holderTable).where(eq(holderTable.id, holderId)).get();
  if (!holder) return undefined;
  const phones = ex.select({ number: phoneTable.number }).from(phoneTable).where(eq(phoneTable.holderId, holderId)).orderBy(asc(phoneTable.position)).all();
  const cards = ex.select({ last4: cardTable.last4 }).from(cardTable).where(eq(cardTable.holderId, holderId)).all();
  return { holderId, birthdate: holder.birthdate, nameRoman: holder.nameRoman, phones: phones.map((p) => p.number), cardLast4: cards.map((c) => c.last4) };
}

export function settingsStore(db: Db): SettingsStore {
  return {
    async loadHolderFacts(holderId) {
      return holderFacts(db, holderId);
    },

    async loadMemberAccount(accountId) {
      const account = db.select().from(accountTable).where(and(eq(accountTable.id, accountId), isNull(accountTable.closedAt))).get();
      const facts = account && holderFacts(db, account.holderId);
      if (!account || !facts) return undefined;
      return { id: account.id, email: account.email, passwordHash: account.passwordHash, termsVersion: account.termsVersion, facts };
    },

    async isMyIdTaken(email) {
      return db.select({ id: accountTable.id }).from(accountTable).where(and(eq(accountTable.email, email), isNull(accountTable.closedAt))).get() !== undefined;
    },

    async acceptTerms(input) {
      inTransaction(db, (tx) => {
        tx.update(accountTable).set({ termsVersion: input.version }).where(eq(accountTable.id, input.accountId)).run();
        writeAudit(tx, { at: input.now, event: 'terms_accepted', accountId: input.accountId, address: input.address, detail: { version: input.version } });
      });
    },

    async changePassword(input) {
      return inTransaction(db, (tx) => {
        const account = tx.select({ hash: accountTable.passwordHash }).from(accountTable).where(and(eq(accountTable.id, input.accountId), isNull(accountTable.closedAt))).get();
        if (!account || !sessionExists(tx, input.keepSessionId)) return 'gone';
        if (account.hash !== input.verifiedHash) return 'stale';
        tx.update(accountTable).set({ passwordHash: input.passwordHash, passwordChangedAt: input.now }).where(eq(accountTable.id, input.accountId)).run();
        deleteAccountSessions(tx, input.accountId, input.keepSessionId);
        writeAudit(tx, { at: input.now, event: 'password_changed', accountId: input.accountId, address: input.address });
        return queued(tx, input.now, input.outbox, 'ok' as const);
      });
    },

    async changeMyId(input) {
      try {
        return inTransaction(db, (tx): ChangeMyIdResult => {
          const account = tx.select().from(accountTable).where(and(eq(accountTable.id, input.accountId), isNull(accountTable.closedAt))).get();
          if (!account) return { error: 'gone' };
          const taken = tx.select({ id: accountTable.id }).from(accountTable).where(and(eq(accountTable.email, input.newEmail), isNull(accountTable.closedAt))).get();
          // already this account's My ID: a concurrent submit of the same confirmation did the change
          if (taken) return { error: taken.id === account.id ? 'moved' : 'taken' };
          // a change made meanwhile in another browser ended this session: that browser's change stands, this one does nothing
          if (!sessionExists(tx, input.keepSessionId)) return { error: 'gone' };
          // the flow's guard: only one request completes it, and it ends with the change
          if (!advanceFlow(tx, input.flowId, input.move.from, input.move.to)) return { error: 'moved' };
          endFlow(tx, input.flowId, input.now);
          tx.update(accountTable).set({ email: input.newEmail }).where(eq(accountTable.id, account.id)).run();
          const cardIds = tx.select({ id: accountCardTable.cardId }).from(accountCardTable).where(eq(accountCardTable.accountId, account.id)).all();
          for (const { id } of cardIds) {
            tx.update(cardTable).set({ email: input.newEmail }).where(and(eq(cardTable.id, id), eq(cardTable.email, account.email))).run();
          }
          deleteAccountSessions(tx, account.id, input.keepSessionId);
          // failures counted on the address while it was no one's My ID must not lock the member out (SPEC L6 counts unknown IDs too)
          tx.delete(signInAttemptTable).where(eq(signInAttemptTable.identifierHash, input.newIdentifierHash)).run();
          writeAudit(tx, { at: input.now, event: 'my_id_changed', accountId: account.id, address: input.address });
          return queued(tx, input.now, input.outbox, { ok: true as const, oldEmail: account.email });
        });
      } catch (err) {
        // SPEC M9: the unique index on open My IDs settles a race; the loser is told the address is taken
        if (isUniqueViolation(err)) return { error: 'taken' };
        throw err;
      }
    },
  };
}
