// Changes a signed-in member makes (SPEC T2, T4): accept new terms, change password, change My ID; and the facts the password rules need.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from './client.js';
import { accountCardTable, accountTable, cardTable, holderTable, phoneTable, signInAttemptTable } from './schema.js';
import { writeAudit } from './audit.js';
import { advanceFlow, endFlow } from './flows.js';
import { deleteAccountSessions, sessionExists } from './sessions.js';

/** What SPEC M7 forbids a new password to contain, for one holder. */
export type HolderFacts = { holderId: number; birthdate: string; nameRoman: string; phones: string[]; cardLast4: string[] };

/** The holder's birth date, embossed name, phones and the last 4 digits of every card (SPEC M7). */
export async function loadHolderFacts(db: Db, holderId: number): Promise<HolderFacts | undefined> {
  return holderFactsSync(db, holderId);
}

function holderFactsSync(db: Db, holderId: number): HolderFacts | undefined {
  const holder = db.select().from(holderTable).where(eq(holderTable.id, holderId)).get();
  if (!holder) return undefined;
  const phones = db.select({ number: phoneTable.number }).from(phoneTable).where(eq(phoneTable.holderId, holderId)).orderBy(asc(phoneTable.position)).all();
  const cards = db.select({ last4: cardTable.last4 }).from(cardTable).where(eq(cardTable.holderId, holderId)).all();
  return { holderId, birthdate: holder.birthdate, nameRoman: holder.nameRoman, phones: phones.map((p) => p.number), cardLast4: cards.map((c) => c.last4) };
}

export type MemberAccount = { id: number; email: string; passwordHash: string; termsVersion: string; facts: HolderFacts };

/** An open account with its holder's facts. */
export async function loadMemberAccount(db: Db, accountId: number): Promise<MemberAccount | undefined> {
  const account = db.select().from(accountTable).where(and(eq(accountTable.id, accountId), isNull(accountTable.closedAt))).get();
  const facts = account && holderFactsSync(db, account.holderId);
  if (!account || !facts) return undefined;
  return { id: account.id, email: account.email, passwordHash: account.passwordHash, termsVersion: account.termsVersion, facts };
}

type Who = { accountId: number; now: number; address?: string };

/** SPEC T4: records that the member accepted this version of the terms. */
export async function acceptTerms(db: Db, input: Who & { version: string }): Promise<void> {
  db.$client.transaction(() => {
    db.update(accountTable).set({ termsVersion: input.version }).where(eq(accountTable.id, input.accountId)).run();
    writeAudit(db, { at: input.now, event: 'terms_accepted', accountId: input.accountId, address: input.address, detail: { version: input.version } });
  }).immediate();
}

/**
 * SPEC T2: the new password hash (hashed before), and every session of the account but the
 * current one ended, in one transaction. The caller then rotates the current session.
 * `verifiedHash` is the hash the current password was checked against: when another change
 * replaced it meanwhile the answer is 'stale' and nothing is written, so of two changes made
 * at once with the same current password exactly one wins. 'gone': the account is closed or
 * this session was ended (by that other change).
 */
export async function changePassword(
  db: Db,
  input: Who & { passwordHash: string; verifiedHash: string; keepSessionId: number },
): Promise<'ok' | 'stale' | 'gone'> {
  return db.$client.transaction(() => {
    const account = db.select({ hash: accountTable.passwordHash }).from(accountTable).where(and(eq(accountTable.id, input.accountId), isNull(accountTable.closedAt))).get();
    if (!account || !sessionExists(db, input.keepSessionId)) return 'gone';
    if (account.hash !== input.verifiedHash) return 'stale';
    db.update(accountTable).set({ passwordHash: input.passwordHash, passwordChangedAt: input.now }).where(eq(accountTable.id, input.accountId)).run();
    deleteAccountSessions(db, input.accountId, input.keepSessionId);
    writeAudit(db, { at: input.now, event: 'password_changed', accountId: input.accountId, address: input.address });
    return 'ok' as const;
  }).immediate();
}

export type ChangeMyIdResult = { ok: true; oldEmail: string } | { error: 'taken' | 'gone' | 'moved' };

/**
 * SPEC T2: the account's My ID becomes `newEmail` (already normalised) unless another open
 * account has it; the registered email of the account's cards that carried the old My ID
 * follows (as in M5); every other session of the account ends; the flow moves from confirm to done and ends. One transaction.
 * 'gone' when the account is closed or this session was ended meanwhile (by a change in another browser).
 */
export async function changeMyId(
  db: Db,
  input: Who & { flowId: number; newEmail: string; keepSessionId: number; newIdentifierHash: string },
): Promise<ChangeMyIdResult> {
  try {
    return db.$client.transaction((): ChangeMyIdResult => {
      const account = db.select().from(accountTable).where(and(eq(accountTable.id, input.accountId), isNull(accountTable.closedAt))).get();
      if (!account) return { error: 'gone' };
      const taken = db.select({ id: accountTable.id }).from(accountTable).where(and(eq(accountTable.email, input.newEmail), isNull(accountTable.closedAt))).get();
      // already this account's My ID: a concurrent submit of the same confirmation did the change
      if (taken) return { error: taken.id === account.id ? 'moved' : 'taken' };
      // a change made meanwhile in another browser ended this session: that browser's change stands, this one does nothing
      if (!sessionExists(db, input.keepSessionId)) return { error: 'gone' };
      // the flow's guard: only one request completes it, and it ends with the change
      if (!advanceFlow(db, input.flowId, 'confirm', 'done')) return { error: 'moved' };
      endFlow(db, input.flowId, input.now);
      db.update(accountTable).set({ email: input.newEmail }).where(eq(accountTable.id, account.id)).run();
      const cardIds = db.select({ id: accountCardTable.cardId }).from(accountCardTable).where(eq(accountCardTable.accountId, account.id)).all();
      for (const { id } of cardIds) {
        db.update(cardTable).set({ email: input.newEmail }).where(and(eq(cardTable.id, id), eq(cardTable.email, account.email))).run();
      }
      deleteAccountSessions(db, account.id, input.keepSessionId);
      // failures counted on the address while it was no one's My ID must not lock the member out (SPEC L6 counts unknown IDs too)
      db.delete(signInAttemptTable).where(eq(signInAttemptTable.identifierHash, input.newIdentifierHash)).run();
      writeAudit(db, { at: input.now, event: 'my_id_changed', accountId: account.id, address: input.address });
      return { ok: true, oldEmail: account.email };
    }).immediate();
  } catch (err) {
    // SPEC M9: the unique index on open My IDs settles a race; the loser is told the address is taken
    if (err instanceof Error && /UNIQUE constraint failed/.test(err.message)) return { error: 'taken' };
    throw err;
  }
}

/** Whether an open account already has this My ID (normalised). */
export async function isMyIdTaken(db: Db, email: string): Promise<boolean> {
  return db.select({ id: accountTable.id }).from(accountTable).where(and(eq(accountTable.email, email), isNull(accountTable.closedAt))).get() !== undefined;
}
