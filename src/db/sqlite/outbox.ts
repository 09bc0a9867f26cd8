// The transactional outbox on SQLite (SPEC D1, D5): rows written in the caller's transaction, leased by a guarded UPDATE.
import { and, desc, eq, inArray, isNotNull, lte, notLike, or, sql } from 'drizzle-orm';
import type { CodeDelivery, Enqueue, OutboxMessage, OutboxStore } from '../contract.js';
import { CODE_DELIVERY, OUTBOX_KEEP_MS, RECIPIENT_REFUSED } from '../contract/outbox.js';
import { claimedMessage, LAPSED_ON_LAST, maskedRecipient, newOutboxRow, outboxEntry } from '../outbox-rows.js';
import { inTransaction, type Db, type Executor } from './client.js';
import { writeAudit } from './audit.js';
import { challengeTable, flowTable, outboxTable } from './schema.js';


/** SPEC D1: stores messages through the caller's transaction; a code message is linked to its challenge and expiry. */
export function enqueue(ex: Executor, messages: OutboxMessage[], now: number, link: { challengeId?: number; expiresAt?: number } = {}): void {
  for (const m of messages) {
    ex.insert(outboxTable)
      .values(newOutboxRow(m, now, link))
      .run();
  }
}

/** SPEC D1: returns `outcome` once the messages `outbox` composes from it are stored through the caller's transaction. */
export function queued<R>(ex: Executor, now: number, outbox: Enqueue<R> | undefined, outcome: R): R {
  if (outbox) enqueue(ex, outbox(outcome), now);
  return outcome;
}

/** SPEC D4: what a code page says about the message of challenge `challengeId`. */
export function deliveryOf(ex: Executor, challengeId: number): CodeDelivery {
  const row = ex.select({ state: outboxTable.state }).from(outboxTable).where(eq(outboxTable.challengeId, challengeId)).get();
  return row ? CODE_DELIVERY[row.state] : null;
}

const open = or(eq(outboxTable.state, 'pending'), eq(outboxTable.state, 'sending'));
const blanked = { text: '', code: null } as const;

/** SPEC D1: a code message whose code was replaced, used or expired (or pruned) before delivery is dropped, blanked. */
function dropStale(tx: Executor, now: number): void {
  const stale = sql`not exists (select 1 from ${challengeTable} c where c.id = ${outboxTable.challengeId} and c.used_at is null and c.replaced_at is null and c.expires_at > ${now})`;
  tx.update(outboxTable).set({ state: 'dropped', finishedAt: now, leaseUntil: null, ...blanked }).where(and(open, isNotNull(outboxTable.challengeId), stale)).run();
}

/**
 * SPEC R1/L6 over D4: an unknown address in R has a silent challenge and no message that could fail, so a failed send of R
 * keeps counting toward S5 like any send; otherwise its resend times would tell a known address from an unknown one.
 */
const notReset = sql`${challengeTable.flowId} not in (select f.id from ${flowTable} f where f.kind = 'reset')`;

type Failed = { messageId: string; channel: string; challengeId: number | null; maskedTo: string; error: string };

/** SPEC D4: a final failure counts toward no cap of S5, only the failed-send cap (but see notReset), and is audited. */
function recordFailed(tx: Executor, f: Failed, now: number): void {
  if (f.challengeId !== null) tx.update(challengeTable).set({ deliveryFailedAt: now }).where(and(eq(challengeTable.id, f.challengeId), notReset)).run();
  writeAudit(tx, { at: now, event: 'delivery_failed', detail: { messageId: f.messageId, channel: f.channel, to: f.maskedTo, error: f.error } });
}

export function outboxStore(db: Db): OutboxStore {
  return {
    async add(messages, now) {
      enqueue(db, messages, now);
    },
    async list(limit = 1000) {
      return db.select().from(outboxTable).orderBy(desc(outboxTable.id)).limit(limit).all().map(outboxEntry);
    },
    async claim({ now, leaseMs, limit, maxAttempts }) {
      return inTransaction(db, (tx) => {
        dropStale(tx, now);
        const lapsed = and(eq(outboxTable.state, 'sending'), lte(outboxTable.leaseUntil, now));
        // a worker died holding the last attempt: that attempt counts, and the row has failed, with D4's bookkeeping
        const dead = tx
          .update(outboxTable)
          .set({ state: 'failed', finishedAt: now, leaseUntil: null, lastError: LAPSED_ON_LAST, ...blanked })
          .where(and(lapsed, sql`${outboxTable.attempts} >= ${maxAttempts}`))
          .returning({ messageId: outboxTable.messageId, channel: outboxTable.channel, recipient: outboxTable.recipient, challengeId: outboxTable.challengeId })
          .all();
        for (const r of dead) recordFailed(tx, { ...r, maskedTo: maskedRecipient(r.channel, r.recipient), error: LAPSED_ON_LAST }, now);
        const due = or(and(eq(outboxTable.state, 'pending'), lte(outboxTable.nextAttemptAt, now)), lapsed);
        const ids = tx.select({ id: outboxTable.id }).from(outboxTable).where(due).orderBy(outboxTable.id).limit(limit).all().map((r) => r.id);
        if (ids.length === 0) return [];
        // the guard repeats the condition, so a row another process took meanwhile is not taken again
        const rows = tx.update(outboxTable).set({ state: 'sending', leaseUntil: now + leaseMs, attempts: sql`${outboxTable.attempts} + 1` }).where(and(inArray(outboxTable.id, ids), due)).returning().all();
        return rows.map(claimedMessage);
      });
    },
    async settle(message, outcome, now) {
      return inTransaction(db, (tx) => {
        const mine = and(eq(outboxTable.id, message.rowId), eq(outboxTable.attempts, message.attempts), eq(outboxTable.state, 'sending'));
        const set =
          outcome.kind === 'delivered'
            ? { state: 'delivered' as const, finishedAt: now, leaseUntil: null, lastError: null, ...(outcome.blank ? blanked : {}) }
            : outcome.kind === 'retry'
              ? { state: 'pending' as const, leaseUntil: null, nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.error }
              : { state: 'failed' as const, finishedAt: now, leaseUntil: null, lastError: outcome.error, ...blanked };
        const row = tx.update(outboxTable).set(set).where(mine).returning({ messageId: outboxTable.messageId, channel: outboxTable.channel }).get();
        if (!row) return false;
        if (outcome.kind === 'failed') recordFailed(tx, { ...row, challengeId: message.challengeId ?? null, maskedTo: outcome.maskedTo, error: outcome.error }, now);
        return true;
      });
    },
    async tidy(now) {
      db.update(outboxTable).set(blanked).where(and(isNotNull(outboxTable.expiresAt), lte(outboxTable.expiresAt, now), isNotNull(outboxTable.code))).run();
      db.delete(outboxTable).where(lte(outboxTable.finishedAt, now - OUTBOX_KEEP_MS)).run();
    },
    async emailFailing() {
      const last = db
        .select({ state: outboxTable.state })
        .from(outboxTable)
        .where(and(eq(outboxTable.channel, 'email'), or(eq(outboxTable.state, 'delivered'), and(eq(outboxTable.state, 'failed'), notLike(outboxTable.lastError, `${RECIPIENT_REFUSED}%`)))))
        .orderBy(desc(outboxTable.finishedAt), desc(outboxTable.id))
        .limit(1)
        .get();
      return last?.state === 'failed';
    },
  };
}
