// Sessions on PostgreSQL: rows keyed by the hash of the cookie token.
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { SessionStore } from '../contract.js';
import { first, inTransaction, type Db, type Executor } from './client.js';
import { writeAudit } from './audit.js';
import { accountTable, sessionTable } from './schema.js';

/** Whether the session still exists (a change made in another browser may have ended it), inside the caller's transaction. */
export async function sessionExists(ex: Executor, id: number): Promise<boolean> {
  return (await first(ex.select({ id: sessionTable.id }).from(sessionTable).where(eq(sessionTable.id, id)))) !== undefined;
}

/** Ends every session of an account, or every one but `keepId`, inside the caller's transaction. */
export async function deleteAccountSessions(ex: Executor, accountId: number, keepId?: number): Promise<void> {
  const where = keepId === undefined ? eq(sessionTable.accountId, accountId) : and(eq(sessionTable.accountId, accountId), ne(sessionTable.id, keepId));
  await ex.delete(sessionTable).where(where);
}

/** Stores a new session under its token's hash, inside the caller's transaction (a sign-in's own, issue 20); its id. */
export async function insertSession(ex: Executor, tokenHash: string, accountId: number, now: number): Promise<number> {
  const [row] = await ex.insert(sessionTable).values({ tokenHash, accountId, createdAt: now, lastSeenAt: now }).returning({ id: sessionTable.id });
  return row.id;
}

export function sessionStore(db: Db): SessionStore {
  return {
    async insert(tokenHash, accountId, now) {
      return insertSession(db, tokenHash, accountId, now);
    },
    async find(tokenHash) {
      return first(
        db
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
          .where(eq(sessionTable.tokenHash, tokenHash)),
      );
    },
    async touch(id, now) {
      await db.update(sessionTable).set({ lastSeenAt: now }).where(eq(sessionTable.id, id));
    },
    async delete(id) {
      await db.delete(sessionTable).where(eq(sessionTable.id, id));
    },
    async end({ id, accountId, now, address, reason }) {
      await inTransaction(db, async (tx) => {
        const deleted = await tx.delete(sessionTable).where(eq(sessionTable.id, id));
        if (deleted.rowCount === 1) await writeAudit(tx, { at: now, event: 'sign_out', accountId, address, detail: { reason } });
      });
    },
    deleteForAccount: (accountId, keepId) => deleteAccountSessions(db, accountId, keepId),
  };
}
