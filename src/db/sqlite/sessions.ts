// Sessions: rows keyed by the hash of the cookie token.
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { SessionStore } from '../contract.js';
import { inTransaction, type Db, type Executor } from './client.js';
import { writeAudit } from './audit.js';
import { accountTable, sessionTable } from './schema.js';

/** Whether the session still exists (a change made in another browser may have ended it), inside the caller's transaction. */
export function sessionExists(ex: Executor, id: number): boolean {
  return ex.select({ id: sessionTable.id }).from(sessionTable).where(eq(sessionTable.id, id)).get() !== undefined;
}

/** Ends every session of an account, or every one but `keepId`, inside the caller's transaction. */
export function deleteAccountSessions(ex: Executor, accountId: number, keepId?: number): void {
  const where = keepId === undefined ? eq(sessionTable.accountId, accountId) : and(eq(sessionTable.accountId, accountId), ne(sessionTable.id, keepId));
  ex.delete(sessionTable).where(where).run();
}

/** Stores a new session under its token's hash, inside the caller's transaction (a sign-in's own, issue 20); its id. */
export function insertSession(ex: Executor, tokenHash: string, accountId: number, now: number): number {
  return ex.insert(sessionTable).values({ tokenHash, accountId, createdAt: now, lastSeenAt: now }).returning({ id: sessionTable.id }).get().id;
}

export function sessionStore(db: Db): SessionStore {
  return {
    async insert(tokenHash, accountId, now) {
      return insertSession(db, tokenHash, accountId, now);
    },
    async find(tokenHash) {
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
    },
    async touch(id, now) {
      db.update(sessionTable).set({ lastSeenAt: now }).where(eq(sessionTable.id, id)).run();
    },
    async delete(id) {
      db.delete(sessionTable).where(eq(sessionTable.id, id)).run();
    },
    async end({ id, accountId, now, address, reason }) {
      inTransaction(db, (tx) => {
        const deleted = tx.delete(sessionTable).where(eq(sessionTable.id, id)).run();
        if (deleted.changes === 1) writeAudit(tx, { at: now, event: 'sign_out', accountId, address, detail: { reason } });
      });
    },
    async deleteForAccount(accountId, keepId) {
      deleteAccountSessions(db, accountId, keepId);
    },
  };
}
