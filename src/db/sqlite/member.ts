// What the member top page shows (SPEC T1), read in one place.
import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from './client.js';
import { accountCardTable, accountTable, cardTable, noticeTable } from './schema.js';

export type MemberCard = { cardName: string; last4: string; paymentDate: string | null; confirmedAmount: number | null; points: number | null };
export type MemberHome = {
  email: string;
  previousSignInAt: number | null;
  cards: MemberCard[];
  notices: { titleJa: string; titleEn: string; publishedAt: number }[];
};

export async function loadMemberHome(db: Db, accountId: number): Promise<MemberHome | undefined> {
  const account = db.select().from(accountTable).where(eq(accountTable.id, accountId)).get();
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
    .select({ titleJa: noticeTable.titleJa, titleEn: noticeTable.titleEn, publishedAt: noticeTable.publishedAt })
    .from(noticeTable)
    .orderBy(desc(noticeTable.publishedAt))
    .limit(5)
    .all();
  return { email: account.email, previousSignInAt: account.previousSignInAt, cards, notices };
}
