// Verification codes (SPEC M6a): challenge rows, per-destination send caps and per-subject failure counts.
// Every method that reads a counter and writes it back does so in one IMMEDIATE transaction, querying only through it.
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { CodeLimits, CodeStore, CodeSubject, RecordAttemptResult, RecordSendResult } from '../contract.js';
import { inTransaction, type Db, type Executor } from './client.js';
import { challengeTable, codeFailureTable } from './schema.js';
import { writeAudit } from './audit.js';
import { deliveryOf, enqueue, queued } from './outbox.js';
import { HOUR_MS, nextSendAt, splitSends, withSend, type Sends } from '../send-caps.js';
import { clearDay, closureNoticeAddress, countWrongEntry, readBudget, type BudgetKey } from './code-budget.js';


/** Who an audit event is about: the account when the subject is one, the subject string otherwise. */
function auditWho(subject: CodeSubject, address: string | undefined) {
  const account = /^account:(\d+)$/.exec(subject);
  return account ? { accountId: Number(account[1]), address } : { subject, address };
}

/** The M6a lock of a subject+purpose, or null when it has none or it has passed. */
function readLock(ex: Executor, subject: CodeSubject, purpose: string, now: number): number | null {
  const row = ex
    .select({ lockedUntil: codeFailureTable.lockedUntil })
    .from(codeFailureTable)
    .where(and(eq(codeFailureTable.subject, subject), eq(codeFailureTable.purpose, purpose)))
    .get();
  return row?.lockedUntil != null && row.lockedUntil > now ? row.lockedUntil : null;
}

/** The later of two lock ends, null when neither locks. */
const later = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/** SPEC M6a + S1: closed, or locked until when (the M6a lock or the kind's rolling day), or neither. */
function readHold(ex: Executor, key: BudgetKey & { subject: CodeSubject }, now: number, limits: CodeLimits): { closed: true } | { closed: false; lockedUntil: number | null } {
  const budget = readBudget(ex, key, now, limits);
  if (budget.closed) return { closed: true };
  return { closed: false, lockedUntil: later(readLock(ex, key.subject, key.purpose, now), budget.dayLockedUntil) };
}

type SendScope = { flowId: number; purpose: string; destinationHash: string; requester: string };

/** The send times the caps of SPEC S5 and D4 look at (src/db/send-caps.ts). */
function recentSends(ex: Executor, scope: SendScope, now: number): Sends {
  const toDestination = ex
    .select({ createdAt: challengeTable.createdAt, requester: challengeTable.requester, deliveryFailedAt: challengeTable.deliveryFailedAt })
    .from(challengeTable)
    .where(and(eq(challengeTable.destinationHash, scope.destinationHash), gt(challengeTable.createdAt, now - HOUR_MS)))
    .orderBy(desc(challengeTable.createdAt))
    .all();
  const lastOfFlow = ex
    .select({ createdAt: challengeTable.createdAt })
    .from(challengeTable)
    .where(and(eq(challengeTable.flowId, scope.flowId), eq(challengeTable.purpose, scope.purpose), eq(challengeTable.destinationHash, scope.destinationHash), isNull(challengeTable.deliveryFailedAt)))
    .orderBy(desc(challengeTable.createdAt))
    .get();
  return splitSends(toDestination, scope.requester, lastOfFlow?.createdAt);
}

export function codeStore(db: Db): CodeStore {
  return {
    async recordSend(input, limits) {
      const { flowId, purpose, now } = input;
      return inTransaction(db, (tx): RecordSendResult => {
        const hold = readHold(tx, input, now, limits);
        if (hold.closed) return { error: 'closed' };
        if (hold.lockedUntil !== null) return { error: 'locked', lockedUntil: hold.lockedUntil };
        const sends = recentSends(tx, input, now);
        const allowed = nextSendAt(sends, now, limits);
        if (allowed.cap !== undefined) {
          // SPEC S10: a send refused by a cap is audited, naming the cap
          writeAudit(tx, { at: now, event: 'code_send_refused', ...auditWho(input.subject, input.address), detail: { flowId, purpose, channel: input.channel, to: input.maskedDestination, cap: allowed.cap, nextSendAt: allowed.at } });
          return { error: allowed.cap === 'flowSpacing' ? 'tooSoon' : 'hourlyCap', nextResendAt: allowed.at };
        }
        // SPEC M6a: a resend replaces the previous code
        tx.update(challengeTable)
          .set({ replacedAt: now })
          .where(and(eq(challengeTable.flowId, flowId), eq(challengeTable.purpose, purpose), isNull(challengeTable.usedAt), isNull(challengeTable.replacedAt)))
          .run();
        const expiresAt = now + limits.ttlMs;
        const row = tx
          .insert(challengeTable)
          .values({ flowId, purpose, channel: input.channel, destinationHash: input.destinationHash, requester: input.requester, codeHash: input.codeHash, createdAt: now, expiresAt })
          .returning({ id: challengeTable.id })
          .get();
        enqueue(tx, input.message ? [input.message] : [], now, { challengeId: row.id, expiresAt });
        writeAudit(tx, { at: now, event: 'code_sent', ...auditWho(input.subject, input.address), detail: { flowId, purpose, channel: input.channel, to: input.maskedDestination } });
        return { ok: true, challengeId: row.id, expiresAt, nextResendAt: nextSendAt(withSend(sends, now), now, limits).at };
      });
    },

    async recordAttempt(input, limits) {
      const { flowId, purpose, subject, now } = input;
      const key = { subject, purpose, kind: input.kind };
      const who = auditWho(subject, input.address);
      const failureKey = and(eq(codeFailureTable.subject, subject), eq(codeFailureTable.purpose, purpose));
      const active = and(eq(challengeTable.flowId, flowId), eq(challengeTable.purpose, purpose), isNull(challengeTable.usedAt), isNull(challengeTable.replacedAt));
      return inTransaction(db, (tx): RecordAttemptResult => {
        const hold = readHold(tx, key, now, limits);
        if (hold.closed) return { error: 'closed', closedNow: false, noticeTo: null };
        if (hold.lockedUntil !== null) return { error: 'locked', lockedUntil: hold.lockedUntil };
        const failure = tx.select().from(codeFailureTable).where(failureKey).get();
        const challenge = tx
          .select({ id: challengeTable.id, destinationHash: challengeTable.destinationHash, codeHash: challengeTable.codeHash, expiresAt: challengeTable.expiresAt })
          .from(challengeTable)
          .where(active)
          .orderBy(desc(challengeTable.id))
          .get();
        // SPEC M6a: bound to one destination — the flow's address changed after this code was sent
        if (!challenge || (input.destinationHash !== undefined && challenge.destinationHash !== input.destinationHash)) return { error: 'none' };
        // SPEC M6a: valid for CODE_TTL_SECONDS; at exactly the TTL it has expired
        if (now >= challenge.expiresAt) return { error: 'expired' };

        if (input.matches(challenge)) {
          // SPEC M6a: single use — the guard is in the statement that marks it used
          const used = tx
            .update(challengeTable)
            .set({ usedAt: now })
            .where(and(eq(challengeTable.id, challenge.id), isNull(challengeTable.usedAt), isNull(challengeTable.replacedAt), gt(challengeTable.expiresAt, now)))
            .run();
          if (used.changes !== 1) return { error: 'none' };
          tx.delete(codeFailureTable).where(failureKey).run();
          // SPEC S1: a right code clears the per-lock and daily counts, never the total
          clearDay(tx, key);
          // SPEC S10
          writeAudit(tx, { at: now, event: 'code_verified', ...who, detail: { flowId, purpose } });
          return { ok: true };
        }

        // SPEC M6a: after a lock has passed the count starts again
        const previous = failure && failure.lockedUntil == null ? failure.failures : 0;
        const failures = previous + 1;
        const lockLockedUntil = failures >= limits.maxFailures ? now + limits.lockMs : null;
        tx.insert(codeFailureTable)
          .values({ subject, purpose, failures, lockedUntil: lockLockedUntil, updatedAt: now })
          .onConflictDoUpdate({ target: [codeFailureTable.subject, codeFailureTable.purpose], set: { failures, lockedUntil: lockLockedUntil, updatedAt: now } })
          .run();
        // SPEC S1: the kind's rolling day and total
        const budget = countWrongEntry(tx, key, now, limits);
        writeAudit(tx, { at: now, event: 'code_failed', ...who, detail: { flowId, purpose, kind: input.kind, failures, day: budget.day, total: budget.total } });
        const lockedUntil = later(lockLockedUntil, budget.dayLockedUntil);
        if (lockedUntil === null && !budget.closedNow) return { error: 'mismatch', remaining: limits.maxFailures - failures };
        // a lock or closure also voids the code it was guessing at: after a lock a new code must be sent
        tx.update(challengeTable).set({ replacedAt: now }).where(active).run();
        if (budget.closedNow) {
          // SPEC S1/S10: verification closed; S11: its notice goes to the holder
          writeAudit(tx, { at: now, event: 'code_closed', ...who, detail: { flowId, purpose, kind: input.kind, total: budget.total } });
          const noticeTo = closureNoticeAddress(tx, subject, flowId);
          if (noticeTo !== null) queued(tx, now, input.outbox, { noticeTo });
          return { error: 'closed', closedNow: true, noticeTo };
        }
        const why = lockLockedUntil !== null && lockLockedUntil >= (budget.dayLockedUntil ?? 0) ? 'lock' : 'day';
        writeAudit(tx, { at: now, event: 'code_locked', ...who, detail: { flowId, purpose, kind: input.kind, lockedUntil, budget: why } });
        return { error: 'locked', lockedUntil: lockedUntil! };
      });
    },

    async readState(input, limits) {
      const { flowId, purpose, now } = input;
      const hold = readHold(db, input, now, limits);
      const latest = db
        .select({ id: challengeTable.id, destinationHash: challengeTable.destinationHash, expiresAt: challengeTable.expiresAt, usedAt: challengeTable.usedAt, replacedAt: challengeTable.replacedAt })
        .from(challengeTable)
        .where(and(eq(challengeTable.flowId, flowId), eq(challengeTable.purpose, purpose)))
        .orderBy(desc(challengeTable.id))
        .get();
      const destinationHash = input.destinationHash ?? latest?.destinationHash;
      // a code that went to another destination is not the active code of this one
      const active = latest && latest.usedAt === null && latest.replacedAt === null && latest.destinationHash === destinationHash ? latest : undefined;
      return {
        expiresAt: active?.expiresAt ?? null,
        nextResendAt: destinationHash === undefined ? now : nextSendAt(recentSends(db, { flowId, purpose, destinationHash, requester: input.requester }, now), now, limits).at,
        lockedUntil: hold.closed ? null : hold.lockedUntil,
        closed: hold.closed,
        delivery: latest && latest.destinationHash === destinationHash ? deliveryOf(db, latest.id) : null,
      };
    },
  };
}
