// Issue 20: the statements every sign-in runs, prepared once per database instead of built by drizzle and compiled by SQLite on
// each request (a fifth of a sign-in's main-thread time outside the hash). They run on the database's one connection, so
// inside the caller's transaction too.
import { eq, sql } from 'drizzle-orm';
import type { AuditEvent } from '../contract.js';
import type { Db, Executor } from './client.js';
import { announce, auditRow, coalescedAudit } from './audit.js';
import { accountTable, addressThrottleTable, auditTable, sessionTable, signInAttemptTable } from './schema.js';

const p = (name: string) => sql.placeholder(name);

/** SPEC L7 in one statement: a failure past the window starts a new one (SET reads the row's values before the update). */
function countAddressStatement(db: Db) {
  const at = addressThrottleTable;
  const past = sql`${p('now')} >= ${at.windowStartedAt} + ${p('windowMs')}`;
  return db
    .insert(at)
    .values({ address: p('address'), windowStartedAt: p('now'), failures: 1 })
    .onConflictDoUpdate({
      target: at.address,
      set: {
        failures: sql`CASE WHEN ${past} THEN 1 ELSE ${at.failures} + 1 END`,
        refusedAt: sql`CASE WHEN ${past} THEN NULL ELSE ${at.refusedAt} END`,
        windowStartedAt: sql`CASE WHEN ${past} THEN ${p('now')} ELSE ${at.windowStartedAt} END`,
      },
    })
    .prepare();
}

/** writeAudit with its INSERT prepared: the same row and the same log line (SPEC O3). */
function auditWriter(db: Db) {
  const insert = db
    .insert(auditTable)
    .values({ at: p('at'), event: p('event'), accountId: p('accountId'), subject: p('subject'), address: p('address'), detail: p('detail') })
    .prepare();
  return (ex: Executor, e: AuditEvent): void => {
    insert.run(auditRow(e));
    announce(ex, e);
  };
}

export type SignInStatements = ReturnType<typeof signInStatements>;

export function signInStatements(db: Db) {
  const at = addressThrottleTable;
  const attempt = signInAttemptTable;
  return {
    throttle: db.select({ windowStartedAt: at.windowStartedAt, failures: at.failures, refusedAt: at.refusedAt }).from(at).where(eq(at.address, p('address'))).prepare(),
    lockedAt: db.select({ lockedAt: attempt.lockedAt }).from(attempt).where(eq(attempt.identifierHash, p('key'))).prepare(),
    attempt: db.select().from(attempt).where(eq(attempt.identifierHash, p('key'))).prepare(),
    deleteAttempt: db.delete(attempt).where(eq(attempt.identifierHash, p('key'))).prepare(),
    writeAttempt: db
      .insert(attempt)
      .values({ identifierHash: p('key'), failures: p('failures'), lockedAt: p('lockedAt'), updatedAt: p('now') })
      .onConflictDoUpdate({ target: attempt.identifierHash, set: { failures: sql`excluded.failures`, lockedAt: sql`excluded.locked_at`, updatedAt: sql`excluded.updated_at` } })
      .prepare(),
    countAddress: countAddressStatement(db),
    // SPEC L2: the previous sign-in time kept for the top page
    recordSignIn: db
      .update(accountTable)
      .set({ previousSignInAt: sql`${accountTable.lastSignInAt}`, lastSignInAt: sql`${p('now')}` })
      .where(eq(accountTable.id, p('accountId')))
      .prepare(),
    insertSession: db.insert(sessionTable).values({ tokenHash: p('tokenHash'), accountId: p('accountId'), createdAt: p('now'), lastSeenAt: p('now') }).prepare(),
    audit: auditWriter(db),
    coalescedAudit: coalescedAudit(db),
  };
}
