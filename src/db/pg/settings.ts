// Changes a signed-in member makes on PostgreSQL (SPEC T2, T4): accept new terms, change password, change My ID; and the facts the password rules need.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ChangeMyIdResult, HolderFacts, SettingsStore } from '../contract.js';
import { first, inTransaction, isUniqueViolation, type Db, type Executor } from './client.js';
import { accountCardTable, accountTable, cardTable, holderTable, phoneTable, signInAttemptTable } from './schema.js';
import { writeAudit } from './audit.js';
import { advanceFlow, endFlow } from './flows.js';
import { deleteAccountSessions, sessionExists } from './sessions.js';
import { queued } from './outbox.js';

async function holderFacts(ex: Executor, holderId: number): Promise<HolderFacts | undefined> {
  const holder = await first(ex.select().from(holderTable).where(eq(holderTable.id, holderId)));
  if (!holder) return undefined;
  const phones = await ex.select({ number: phoneTable.number }).from(phoneTable).where(eq(phoneTable.holderId, holderId)).orderBy(asc(phoneTable.position));
  const cards = await ex.select({ last4: cardTable.last4 }).from(cardTable).where(eq(cardTable.holderId, holderId)).orderBy(asc(cardTable.id));
  return { holderId, birthdate: holder.birthdate, nameRoman: holder.nameRoman, phones: phones.map((p) => p.number), cardLast4: cards.map((c) => c.last4) };
}

const openAccount = (ex: Executor, accountId: number) => first(ex.select().from(accountTable).where(and(eq(accountTable.id, accountId), isNull(accountTable.closedAt))));
const openAccountWithEmail = (ex: Executor, email: string) => first(ex.select({ id: accountTable.id }).from(accountTable).where(and(eq(accountTable.email, email), isNull(accountTable.closedAt))));

export function settingsStore(db: Db): SettingsStore {
  return {
    loadHolderFacts: (holderId) => holderFacts(db, holderId),

    async loadMemberAccount(accountId) {
      const account = await openAccount(db, accountId);
      const facts = account && (await holderFacts(db, account.holderId));
      if (!account || !facts) return undefined;
      return { id: account.id, email: account.email, passwordHash: account.passwordHash, termsVersion: account.termsVersion, facts };
    },

    async isMyIdTaken(email) {
      return (await openAccountWithEmail(db, email)) !== undefined;
    },

    async acceptTerms(input) {
      await inTransaction(db, async (tx) => {
        await tx.update(accountTable).set({ termsVersion: input.version }).where(eq(accountTable.id, input.accountId));
        await writeAudit(tx, { at: input.now, event: 'terms_accepted', accountId: input.accountId, address: input.address, detail: { version: input.version } });
      });
    },

    async changePassword(input) {
      return inTransaction(db, async (tx) => {
        const account = await openAccount(tx, input.accountId);
        if (!account || !(await sessionExists(tx, input.keepSessionId))) return 'gone';
        if (account.passwordHash !== input.verifiedHash) return 'stale';
        await tx.update(accountTable).set({ passwordHash: input.passwordHash, passwordChangedAt: input.now }).where(eq(accountTable.id, input.accountId));
        await deleteAccountSessions(tx, input.accountId, input.keepSessionId);
        await writeAudit(tx, { at: input.now, event: 'password_changed', accountId: input.accountId, address: input.address });
        return await queued(tx, input.now, input.outbox, 'ok' as const);
      });
    },

    /** SPEC T2/M9 as src/db/sqlite/settings.ts: exactly one of two racing changes lands, across instances too. */
    async changeMyId(input) {
      try {
        return await inTransaction(db, async (tx): Promise<ChangeMyIdResult> => {
          const account = await openAccount(tx, input.accountId);
          if (!account) return { error: 'gone' };
          const taken = await openAccountWithEmail(tx, input.newEmail);
          // already this account's My ID: a concurrent submit of the same confirmation did the change
          if (taken) return { error: taken.id === account.id ? 'moved' : 'taken' };
          // a change made meanwhile in another browser ended this session: that browser's change stands, this one does nothing
          if (!(await sessionExists(tx, input.keepSessionId))) return { error: 'gone' };
          // the flow's guard: only one request completes it, and it ends with the change
          if (!(await advanceFlow(tx, input.flowId, input.move.from, input.move.to))) return { error: 'moved' };
          await endFlow(tx, input.flowId, input.now);
          await tx.update(accountTable).set({ email: input.newEmail }).where(eq(accountTable.id, account.id));
          const cards = await tx.select({ id: accountCardTable.cardId }).from(accountCardTable).where(eq(accountCardTable.accountId, account.id));
          for (const { id } of cards) {
            await tx.update(cardTable).set({ email: input.newEmail }).where(and(eq(cardTable.id, id), eq(cardTable.email, account.email)));
          }
          await deleteAccountSessions(tx, account.id, input.keepSessionId);
          // failures counted on the address while it was no one's My ID must not lock the member out (SPEC L6 counts unknown IDs too)
          await tx.delete(signInAttemptTable).where(eq(signInAttemptTable.identifierHash, input.newIdentifierHash));
          await writeAudit(tx, { at: input.now, event: 'my_id_changed', accountId: account.id, address: input.address });
          return await queued(tx, input.now, input.outbox, { ok: true as const, oldEmail: account.email });
        });
      } catch (err) {
        // SPEC M9: the unique index on open My IDs settles a race; the loser is told the address is taken
        if (isUniqueViolation(err)) return { error: 'taken' };
        throw err;
      }
    },
  };
}
