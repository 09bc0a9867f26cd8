// Accounts (My IDs) as sign-in and the top page need them.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { accountTable } from './schema.js';

export type AccountRow = typeof accountTable.$inferSelect;

/** The open account whose My ID is this (already normalised) email. */
export async function findOpenAccountByEmail(db: Db, email: string): Promise<AccountRow | undefined> {
  return db.select().from(accountTable).where(and(eq(accountTable.email, email), isNull(accountTable.closedAt))).get();
}

export async function findAccount(db: Db, id: number): Promise<AccountRow | undefined> {
  return db.select().from(accountTable).where(eq(accountTable.id, id)).get();
}

/** SPEC L2: keep the previous sign-in time for the top page. */
export async function recordSignIn(db: Db, accountId: number, now: number): Promise<void> {
  db.update(accountTable)
    .set({ previousSignInAt: sql`${accountTable.lastSignInAt}`, lastSignInAt: now })
    .where(eq(accountTable.id, accountId))
    .run();
}
