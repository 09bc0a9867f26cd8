// Migration from a legacy or initial ID (SPEC M2, M8, M9): the card's facts, and completion as one transaction.
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { CompleteMigrationResult, MigrationStore, StartMigrationResult } from '../contract.js';
import { inTransaction, isUniqueViolation, type Db, type Executor } from './client.js';
import { accountCardTable, accountTable, cardTable, credentialTable, flowTable } from './schema.js';
import { writeAudit } from './audit.js';
import { advanceFlow, endFlow, insertFlow } from './flows.js';
import { endCardLocks } from './lockout.js';
import { queued } from './outbox.js';

const DAY_MS = 86_400_000;

/** SPEC M8: the cards a completion links — this card and the holder's cards with its registered email, less those already in an account. */
function cardsToLink(ex: Executor, holderId: number, cardId: number): number[] {
  const card = ex.select({ email: cardTable.email }).from(cardTable).where(eq(cardTable.id, cardId)).get();
  const sameEmail = card?.email ? ex.select({ id: cardTable.id }).from(cardTable).where(and(eq(cardTable.holderId, holderId), eq(cardTable.email, card.email))).all() : [];
  const candidates = [...new Set([cardId, ...sameEmail.map((c) => c.id)])];
  const linked = new Set(ex.select({ cardId: accountCardTable.cardId }).from(accountCardTable).where(inArray(accountCardTable.cardId, candidates)).all().map((r) => r.cardId));
  return candidates.filter((id) => !linked.has(id));
}

export function migrationStore(db: Db): MigrationStore {
  return {
    async findCardEmail(cardId) {
      return db.select({ email: cardTable.email }).from(cardTable).where(eq(cardTable.id, cardId)).get()?.email ?? null;
    },

    async previewLinks({ holderId, cardId }) {
      const linkIds = new Set(cardsToLink(db, holderId, cardId));
      const cards = db.select({ id: cardTable.id, cardName: cardTable.cardName, last4: cardTable.last4 }).from(cardTable).where(eq(cardTable.holderId, holderId)).orderBy(asc(cardTable.id)).all();
      const cardEmail = db.select({ email: cardTable.email }).from(cardTable).where(eq(cardTable.id, cardId)).get()?.email ?? null;
      return { linked: cards.filter((c) => linkIds.has(c.id)), separate: cards.filter((c) => !linkIds.has(c.id)), cardEmail };
    },

    async start(input) {
      const { now, maxPerDay } = input;
      return inTransaction(db, (tx): StartMigrationResult => {
        const started = tx
          .select({ createdAt: flowTable.createdAt })
          .from(flowTable)
          .where(and(eq(flowTable.kind, 'migration'), eq(flowTable.credentialId, input.flow.credentialId), gt(flowTable.createdAt, now - DAY_MS)))
          .orderBy(asc(flowTable.createdAt))
          .all();
        if (started.length >= maxPerDay) {
          // the budget frees a start when the oldest of the last `maxPerDay` starts is 24 hours old
          const retryAt = started[started.length - maxPerDay].createdAt + DAY_MS;
          writeAudit(tx, { at: now, event: 'migration_start_refused', subject: input.identifierHash, address: input.address, detail: { credentialId: input.flow.credentialId, retryAt } });
          return { error: 'budget', retryAt };
        }
        return { ok: true, flowId: insertFlow(tx, input.tokenHash, input.flow, now, input.ttlMs) };
      });
    },

    /**
     * SPEC M8: account created; this card and every card of the holder registered with the same email (and not in another
     * account) linked and given the new My ID as their email; their legacy/initial IDs retired — all or nothing.
     * SPEC M9: an address already a My ID (another flow won the race) changes nothing.
     */
    async complete(input) {
      const { now } = input;
      try {
        return inTransaction(db, (tx): CompleteMigrationResult => {
          // a second submit of the same flow finds it moved on, before anything else is looked at
          const atPassword = tx.select({ id: flowTable.id }).from(flowTable).where(and(eq(flowTable.id, input.flowId), eq(flowTable.step, input.move.from), isNull(flowTable.endedAt))).get();
          if (!atPassword) return { error: 'moved' };
          const taken = tx.select({ id: accountTable.id }).from(accountTable).where(and(eq(accountTable.email, input.email), isNull(accountTable.closedAt))).get();
          if (taken) return { error: 'taken' };
          // the ID this flow started from must still be usable: a second flow for the same legacy ID cannot complete twice
          const credential = tx.select().from(credentialTable).where(and(eq(credentialTable.id, input.credentialId), isNull(credentialTable.retiredAt))).get();
          const cardTaken = tx.select({ id: accountCardTable.accountId }).from(accountCardTable).where(eq(accountCardTable.cardId, input.cardId)).get();
          if (!credential || cardTaken) {
            // another flow for the same card completed first: this one can never finish, so it ends here and its pages go back to sign-in
            endFlow(tx, input.flowId, now);
            return { error: 'moved' };
          }
          if (!advanceFlow(tx, input.flowId, input.move.from, input.move.to)) return { error: 'moved' };

          const card = tx.select().from(cardTable).where(eq(cardTable.id, input.cardId)).get();
          const cardIds = cardsToLink(tx, input.holderId, input.cardId);
          if (!cardIds.includes(input.cardId)) throw new Error('migration card already belongs to an account');

          const account = tx
            .insert(accountTable)
            .values({ holderId: input.holderId, email: input.email, passwordHash: input.passwordHash, termsVersion: input.termsVersion, createdAt: now, passwordChangedAt: now })
            .returning({ id: accountTable.id })
            .get();
          for (const cardId of cardIds) tx.insert(accountCardTable).values({ accountId: account.id, cardId, linkedAt: now }).run();
          tx.update(cardTable).set({ email: input.email }).where(inArray(cardTable.id, cardIds)).run();
          tx.update(credentialTable).set({ retiredAt: now }).where(and(inArray(credentialTable.cardId, cardIds), isNull(credentialTable.retiredAt))).run();
          endCardLocks(tx, input.holderId, input.cardLockKey);
          writeAudit(tx, {
            at: now,
            event: 'migration_completed',
            accountId: account.id,
            address: input.address,
            detail: { cards: cardIds.length, credential: credential.kind, emailChanged: card?.email !== input.email },
          });
          return queued(tx, now, input.outbox, { ok: true as const, accountId: account.id, cardIds });
        });
      } catch (err) {
        // SPEC M9: the unique index on open accounts' email is the last word in a race
        if (isUniqueViolation(err)) return { error: 'taken' };
        throw err;
      }
    },
  };
}
