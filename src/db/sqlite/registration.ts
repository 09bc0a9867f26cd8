// New My ID from card details (SPEC G1, G3): find the card's holder; complete — close old accounts, create the new one, move the cards, retire old IDs, end locks — in one transaction.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { CompleteRegistrationResult, RegistrationStore } from '../contract.js';
import { inTransaction, isUniqueViolation, type Db } from './client.js';
import { accountCardTable, accountTable, cardTable, credentialTable, holderTable, sessionTable, signInAttemptTable } from './schema.js';
import { writeAudit } from './audit.js';
import { advanceFlow } from './flows.js';
import { endCardLocks } from './lockout.js';
import { queued } from './outbox.js';

export function registrationStore(db: Db): RegistrationStore {
  return {
    async findCardHolder(numberHash) {
      return db
        .select({ cardId: cardTable.id, holderId: cardTable.holderId, birthdate: holderTable.birthdate })
        .from(cardTable)
        .innerJoin(holderTable, eq(holderTable.id, cardTable.holderId))
        .where(eq(cardTable.numberHash, numberHash))
        .get();
    },

    async findLockNoticeAddress(numberHash) {
      const card = db.select({ holderId: cardTable.holderId, email: cardTable.email }).from(cardTable).where(eq(cardTable.numberHash, numberHash)).get();
      if (!card) return null;
      const account = db.select({ email: accountTable.email }).from(accountTable).where(and(eq(accountTable.holderId, card.holderId), isNull(accountTable.closedAt))).get();
      return account?.email ?? card.email;
    },

    async previewCompletion(holderId) {
      const cards = db.select({ id: cardTable.id, cardName: cardTable.cardName, last4: cardTable.last4 }).from(cardTable).where(eq(cardTable.holderId, holderId)).orderBy(asc(cardTable.id)).all();
      const open = db.select({ email: accountTable.email }).from(accountTable).where(and(eq(accountTable.holderId, holderId), isNull(accountTable.closedAt))).all();
      return { cards, openMyIds: open.map((a) => a.email) };
    },

    async complete(input) {
      const { now, holderId } = input;
      try {
        return inTransaction(db, (tx): CompleteRegistrationResult => {
          // SPEC G2/M9: an address that is already a My ID is refused, even when it races another flow
          const taken = tx.select({ id: accountTable.id }).from(accountTable).where(and(eq(accountTable.email, input.email), isNull(accountTable.closedAt))).get();
          if (taken) return { error: 'taken' };
          if (!advanceFlow(tx, input.flowId, input.move.from, input.move.to)) return { error: 'moved' };

          // SPEC G3: a previous account of the holder is closed and its sessions end
          const previous = tx.select().from(accountTable).where(and(eq(accountTable.holderId, holderId), isNull(accountTable.closedAt))).all();
          for (const old of previous) {
            tx.update(accountTable).set({ closedAt: now }).where(eq(accountTable.id, old.id)).run();
            tx.delete(sessionTable).where(eq(sessionTable.accountId, old.id)).run();
            tx.delete(accountCardTable).where(eq(accountCardTable.accountId, old.id)).run();
            writeAudit(tx, { at: now, event: 'account_closed', accountId: old.id, address: input.address, detail: { reason: 'new_my_id' } });
          }

          const account = tx
            .insert(accountTable)
            .values({ holderId, email: input.email, passwordHash: input.passwordHash, termsVersion: input.termsVersion, createdAt: now, passwordChangedAt: now })
            .returning({ id: accountTable.id })
            .get();

          // SPEC G3: every card of the holder moves to the new account, with the new My ID as its registered email
          const cards = tx.select({ id: cardTable.id }).from(cardTable).where(eq(cardTable.holderId, holderId)).all();
          const cardIds = cards.map((c) => c.id);
          if (cardIds.length > 0) {
            tx.delete(accountCardTable).where(inArray(accountCardTable.cardId, cardIds)).run();
            for (const cardId of cardIds) tx.insert(accountCardTable).values({ accountId: account.id, cardId, linkedAt: now }).run();
            tx.update(cardTable).set({ email: input.email }).where(inArray(cardTable.id, cardIds)).run();
          }

          // SPEC G3: the cards' legacy and initial IDs are retired
          const credentials = cardIds.length === 0 ? [] : tx.select({ loginId: credentialTable.loginId }).from(credentialTable).where(inArray(credentialTable.cardId, cardIds)).all();
          if (cardIds.length > 0) {
            tx.update(credentialTable).set({ retiredAt: now }).where(and(inArray(credentialTable.cardId, cardIds), isNull(credentialTable.retiredAt))).run();
          }

          // SPEC L5: a new My ID ends the locks of the holder's IDs, and of the new one (failures on it counted while it was unknown)
          const identifiers = [input.email, ...previous.map((a) => a.email), ...credentials.map((c) => c.loginId)];
          tx.delete(signInAttemptTable).where(inArray(signInAttemptTable.identifierHash, identifiers.map(input.hashIdentifier))).run();
          endCardLocks(tx, holderId, input.cardLockKey);

          writeAudit(tx, { at: now, event: 'registration_completed', accountId: account.id, address: input.address, detail: { cards: cardIds.length, closed: previous.map((a) => a.id) } });
          return queued(tx, now, input.outbox, { ok: true as const, accountId: account.id, closedEmails: previous.map((a) => a.email) });
        });
      } catch (err) {
        // SPEC M9: the unique index on open My IDs settles a race; the loser is told the address is taken
        if (isUniqueViolation(err)) return { error: 'taken' };
        throw err;
      }
    },
  };
}
