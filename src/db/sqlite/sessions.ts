// Sessions: rows keyed by the hash of the cookie token.
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from './client.js';
import { accountTable, sessionTable } from './schema.js';

export type SessionRow = {
  id: number;
  accountId: number;
  email: string;
  termsVersion: string;
  createdAt: number;
  lastSeenAt: number;
};

export async function insertSession(db: Db, tokenHash: string, accountId: number, now: number): Promise<number> {
  const row = db.insert(sessionTable).values({ tokenHash, accountId, createdAt: now, lastSeenAt: now }).returning({ id: sessionTable.id }).get();
  return row.id;
}

/** The session and its open account, or undefined. */
export async function findSession(db: Db, tokenHash: string): Promise<SessionRow | undefined> {
  return db
    .select({
      id: sessionTable.id,
      accountId: sessionTable.accountId,
      email: accountTable.email,
      termsVersion: accountTable.termsVersion,
      createdAt: sessionTable.createdAt,
      lastSeenAt: sessionTable.lastSeenAt,
    })
    .from(sessionTable)
    .innerJoin(accountTable, and(eq(accountTable.id, sessionTable.accountId), isNull(accountTable.closedAt)))
    .where(eq(sessionTable.tokenHash, tokenHash))
    .get();
}

export async function touchSession(db: Db, id: number, now: number): Promise<void> {
  db.update(sessionTable).set({ lastSeenAt: now }).where(eq(sessionTable.id, id)).run();
}

export async function deleteSession(db: Db, id: number): Promise<void> {
  db.delete(sessionTable).where(eq(sessionTable.id, id)).run();
}

export async function deleteSessionByToken(db: Db, tokenHash: string): Promise<void> {
  db.delete(sessionTable).where(eq(sessionTable.tokenHash, tokenHash)).run();
}

/** Whether the session still exists (a change made in another browser may have ended it); usable inside a transaction. */
export function sessionExists(db: Db, id: number): boolean {
  return db.select({ id: sessionTable.id }).from(sessionTable).where(eq(sessionTable.id, id)).get() !== undefined;
}

/** Ends every session of an account, or every one but `keepId`. */
export function deleteAccountSessions(db: Db, accountId: number, keepId?: number): void {
  const where = keepId === undefined ? eq(sessionTable.accountId, accountId) : and(eq(sessionTable.accountId, accountId), ne(sessionTable.id, keepId));
  db.delete(sessionTable).where(where).run();
}
