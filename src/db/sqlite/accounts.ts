// Accounts (My IDs), legacy and initial IDs, and the member top page, as sign-in and the top page need them.
import { and, asc, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { AccountStore, CredentialRow, CredentialStore, MemberStore } from '../contract.js';
import type { Db, Executor } from './client.js';
import { accountCardTable, accountTable, cardTable, credentialTable, holderTable, noticeTable } from './schema.js';

/** SPEC L2: the previous sign-in time kept for the top page, through the caller's transaction or the db. */
export function recordSignIn(ex: Executor, accountId: number, now: number): void {
  ex.update(accountTable)
    .set({ previousSignInAt: sql`${accountTable.lastSignInAt}`, lastSignInAt: now })
    .where(eq(accountTable.id, accountId))
    .run();
}

export function accountStore(db: Db): AccountStore {
  // issue 20: every My ID sign-in reads this, so it is prepared once instead of compiled per request
  const openByEmail = db.select().from(accountTable).where(and(eq(accountTable.email, sql.placeholder('email')), isNull(accountTable.closedAt))).prepare();
  return {
    async findOpenByEmail(email) {
      return openByEmail.get({ email });
    },
    async find(id) {
      return db.select().from(accountTable).where(eq(accountTable.id, id)).get();
    },
    async recordSignIn(accountId, now) {
      recordSignIn(db, accountId, now);
    },
    async replaceHash(accountId, checkedHash, newHash) {
      const result = db
        .update(accountTable)
        .set({ passwordHash: newHash })
        .where(and(eq(accountTable.id, accountId), eq(accountTable.passwordHash, checkedHash)))
        .run();
      return result.changes === 1;
    },
  };
}

export function credentialStore(db: Db): CredentialStore {
  const withCard = () =>
    db
      .select({ credential: credentialTable, holderId: cardTable.holderId, cardEmail: cardTable.email })
      .from(credentialTable)
      .innerJoin(cardTable, eq(cardTable.id, credentialTable.cardId));
  const flatten = (row: ReturnType<ReturnType<typeof withCard>['get']>): CredentialRow | undefined =>
    row && { ...row.credential, holderId: row.holderId, cardEmail: row.cardEmail };
  // issue 20: every legacy or initial ID sign-in reads this, so it is prepared once instead of compiled per request
  const usable = withCard()
    .where(and(eq(credentialTable.loginId, sql.placeholder('loginId')), isNull(credentialTable.retiredAt), or(isNull(credentialTable.expiresAt), gt(credentialTable.expiresAt, sql.placeholder('now')))))
    .prepare();
  return {
    async findUsable(loginId, now) {
      return flatten(usable.get({ loginId, now }));
    },
    async findAnyState(loginId) {
      return flatten(withCard().where(eq(credentialTable.loginId, loginId)).get());
    },
    async replaceHash(credentialId, checkedHash, newHash) {
      const result = db
        .update(credentialTable)
        .set({ passwordHash: newHash })
        .where(and(eq(credentialTable.id, credentialId), eq(credentialTable.passwordHash, checkedHash)))
        .run();
      return result.changes === 1;
    },
  };
}

export function memberStore(db: Db): MemberStore {
  return {
    async loadHome(accountId) {
      const account = db
        .select({ email: accountTable.email, previousSignInAt: accountTable.previousSignInAt, name: holderTable.name, nameRoman: holderTable.nameRoman })
        .from(accountTable)
        .innerJoin(holderTable, eq(holderTable.id, accountTable.holderId))
        .where(eq(accountTable.id, accountId))
        .get();
      if (!account) return undefined;
      const cards = db
        .select({
          cardName: cardTable.cardName,
          last4: cardTable.last4,
          paymentDate: cardTable.paymentDate,
          confirmedAmount: cardTable.confirmedAmount,
          points: cardTable.points,
        })
        .from(accountCardTable)
        .innerJoin(cardTable, eq(cardTable.id, accountCardTable.cardId))
        .where(eq(accountCardTable.accountId, accountId))
        .orderBy(asc(cardTable.id))
        .all();
      const notices = db
        .select({ titleJa: noticeTable.titleJa, titleEn: noticeTable.titleEn, bodyJa: noticeTable.bodyJa, bodyEn: noticeTable.bodyEn, publishedAt: noticeTable.publishedAt })
        .from(noticeTable)
        .orderBy(desc(noticeTable.publishedAt))
        .limit(5)
        .all();
      return { ...account, cards, notices };
    },
  };
}
