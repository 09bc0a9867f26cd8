// Migration from a legacy or initial ID (SPEC M2, M8, M9): the card's facts, and completion as one transaction.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from './client.js';
import { accountCardTable, accountTable, cardTable, credentialTable, flowTable } from './schema.js';
import { writeAudit } from './audit.js';
import { advanceFlow, endFlow } from './flows.js';

/** The registered email of the card a migration started from (null when it has none). */
export async function findCardEmail(db: Db, cardId: number): Promise<string | null> {
  return db.select({ email: cardTable.email }).from(cardTable).where(eq(cardTable.id, cardId)).get()?.email ?? null;
}

export type CompleteMigrationInput = {
  flowId: number;
  holderId: number;
  cardId: number;
  credentialId: number;
  /** The new My ID, normalised. */
  email: string;
  /** Argon2id hash, made before the transaction. */
  passwordHash: string;
  termsVersion: string;
  now: number;
  address?: string;
};

export type CompleteMigrationResult = { ok: true; accountId: number; cardIds: number[] } | { error: 'taken' | 'moved' };

/**
 * SPEC M8: account created; this card and every card of the holder registered with the same email (and not in another
 * account) linked and given the new My ID as their email; their legacy/initial IDs retired — all or nothing.
 * SPEC M9: an address already a My ID (another flow won the race) changes nothing.
 */
export async function completeMigration(db: Db, input: CompleteMigrationInput): Promise<CompleteMigrationResult> {
  const { now } = input;
  try {
    return db.$client
      .transaction((): CompleteMigrationResult => {
        // a second submit of the same flow finds it moved on, before anything else is looked at
        const atPassword = db.select({ id: flowTable.id }).from(flowTable).where(and(eq(flowTable.id, input.flowId), eq(flowTable.step, 'password'), isNull(flowTable.endedAt))).get();
        if (!atPassword) return { error: 'moved' };
        const taken = db.select({ id: accountTable.id }).from(accountTable).where(and(eq(accountTable.email, input.email), isNull(accountTable.closedAt))).get();
        if (taken) return { error: 'taken' };
        // the ID this flow started from must still be usable: a second flow for the same legacy ID cannot complete twice
        const credential = db.select().from(credentialTable).where(and(eq(credentialTable.id, input.credentialId), isNull(credentialTable.retiredAt))).get();
        const cardTaken = db.select({ id: accountCardTable.accountId }).from(accountCardTable).where(eq(accountCardTable.cardId, input.cardId)).get();
        if (!credential || cardTaken) {
          // another flow for the same card completed first: this one can never finish, so it ends here and its pages go back to sign-in
          endFlow(db, input.flowId, now);
          return { error: 'moved' };
        }
        if (!advanceFlow(db, input.flowId, 'password', 'done')) return { error: 'moved' };

        const card = db.select().from(cardTable).where(eq(cardTable.id, input.cardId)).get();
        const sameEmail = card?.email
          ? db.select({ id: cardTable.id }).from(cardTable).where(and(eq(cardTable.holderId, input.holderId), eq(cardTable.email, card.email))).all()
          : [];
        const candidates = [...new Set([input.cardId, ...sameEmail.map((c) => c.id)])];
        const linked = new Set(
          db.select({ cardId: accountCardTable.cardId }).from(accountCardTable).where(inArray(accountCardTable.cardId, candidates)).all().map((r) => r.cardId),
        );
        const cardIds = candidates.filter((id) => !linked.has(id));
        if (!cardIds.includes(input.cardId)) throw new Error('migration card already belongs to an account');

        const account = db
          .insert(accountTable)
          .values({ holderId: input.holderId, email: input.email, passwordHash: input.passwordHash, termsVersion: input.termsVersion, createdAt: now, passwordChangedAt: now })
          .returning({ id: accountTable.id })
          .get();
        for (const cardId of cardIds) db.insert(accountCardTable).values({ accountId: account.id, cardId, linkedAt: now }).run();
        db.update(cardTable).set({ email: input.email }).where(inArray(cardTable.id, cardIds)).run();
        db.update(credentialTable).set({ retiredAt: now }).where(and(inArray(credentialTable.cardId, cardIds), isNull(credentialTable.retiredAt))).run();
        writeAudit(db, {
          at: now,
          event: 'migration_completed',
          accountId: account.id,
          address: input.address,
          detail: { cards: cardIds.length, credential: credential.kind, emailChanged: card?.email !== input.email },
        });
        return { ok: true, accountId: account.id, cardIds };
      })
      .immediate();
  } catch (err) {
    // SPEC M9: the unique index on open accounts' email is the last word in a race
    if (err instanceof Error && /UNIQUE constraint failed/.test(err.message)) return { error: 'taken' };
    throw err;
  }
}
