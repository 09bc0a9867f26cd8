// SPEC S1 on PostgreSQL: the long memory of wrong codes per holder/account, purpose and flow kind — the rolling day's wrong
// entries (one row each) and the total with its closure. Every function runs inside the caller's SERIALIZABLE transaction (client.ts).
import { and, asc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { CodeLimits } from '../contract.js';
import { first, type Executor } from './client.js';
import { accountTable, cardTable, codeBudgetTable, codeFailureTimeTable, flowTable } from './schema.js';

const DAY_MS = 86_400_000;

export type BudgetKey = { subject: string; purpose: string; kind: string };

const budgetOf = (k: BudgetKey) => and(eq(codeBudgetTable.subject, k.subject), eq(codeBudgetTable.purpose, k.purpose), eq(codeBudgetTable.kind, k.kind));
const timesOf = (k: BudgetKey) => and(eq(codeFailureTimeTable.subject, k.subject), eq(codeFailureTimeTable.purpose, k.purpose), eq(codeFailureTimeTable.kind, k.kind));

/** The wrong entries of the rolling 24 hours, oldest first. */
async function dayTimes(ex: Executor, key: BudgetKey, now: number): Promise<number[]> {
  const rows = await ex
    .select({ at: codeFailureTimeTable.at })
    .from(codeFailureTimeTable)
    .where(and(timesOf(key), gt(codeFailureTimeTable.at, now - DAY_MS)))
    .orderBy(asc(codeFailureTimeTable.at), asc(codeFailureTimeTable.id));
  return rows.map((r) => r.at);
}

/** SPEC S1: with `maxFailuresPerDay` wrong entries in the rolling day, locked until the oldest of the last ones is a day old. */
function dayLock(times: number[], limits: CodeLimits): number | null {
  return times.length >= limits.maxFailuresPerDay ? times[times.length - limits.maxFailuresPerDay] + DAY_MS : null;
}

/** Whether the verification is closed, and until when the rolling day locks it (null: it does not). */
export async function readBudget(ex: Executor, key: BudgetKey, now: number, limits: CodeLimits): Promise<{ closed: boolean; dayLockedUntil: number | null }> {
  const row = await first(ex.select({ closedAt: codeBudgetTable.closedAt }).from(codeBudgetTable).where(budgetOf(key)));
  return { closed: row?.closedAt != null, dayLockedUntil: dayLock(await dayTimes(ex, key, now), limits) };
}

/** Counts one wrong entry in the day and the total; closes the verification at the total's limit. */
export async function countWrongEntry(
  ex: Executor,
  key: BudgetKey,
  now: number,
  limits: CodeLimits,
): Promise<{ day: number; total: number; closedNow: boolean; dayLockedUntil: number | null }> {
  await ex.insert(codeFailureTimeTable).values({ ...key, at: now });
  const [row] = await ex
    .insert(codeBudgetTable)
    .values({ ...key, total: 1, updatedAt: now })
    .onConflictDoUpdate({ target: [codeBudgetTable.subject, codeBudgetTable.purpose, codeBudgetTable.kind], set: { total: sql`${codeBudgetTable.total} + 1`, updatedAt: now } })
    .returning({ total: codeBudgetTable.total });
  // the guard is in the statement: only one wrong entry closes it (and two instances racing are serialised by the transaction)
  const closedNow = row.total >= limits.maxFailuresTotal && (await ex.update(codeBudgetTable).set({ closedAt: now }).where(and(budgetOf(key), isNull(codeBudgetTable.closedAt)))).rowCount === 1;
  const times = await dayTimes(ex, key, now);
  return { day: times.length, total: row.total, closedNow, dayLockedUntil: dayLock(times, limits) };
}

/** SPEC S1: a right code clears the rolling day, never the total. */
export async function clearDay(ex: Executor, key: BudgetKey): Promise<void> {
  await ex.delete(codeFailureTimeTable).where(timesOf(key));
}

/**
 * SPEC S1/O6: reopens the closed verifications of these subjects (of these flow kinds only, when given): the closure and its
 * total go, with the day's wrong entries. Returns what it reopened as `subject/purpose/kind`.
 */
export async function reopenClosed(ex: Executor, subjects: string[], kinds?: string[]): Promise<string[]> {
  const closed = await ex
    .delete(codeBudgetTable)
    .where(and(inArray(codeBudgetTable.subject, subjects), isNotNull(codeBudgetTable.closedAt), kinds ? inArray(codeBudgetTable.kind, kinds) : undefined))
    .returning({ subject: codeBudgetTable.subject, purpose: codeBudgetTable.purpose, kind: codeBudgetTable.kind });
  for (const key of closed) await clearDay(ex, key);
  return closed.map((k) => `${k.subject}/${k.purpose}/${k.kind}`).sort();
}

/** SPEC O6: an operator ends the rolling days of these subjects; returns the day locks that were running as `subject/purpose/kind`. */
export async function endDays(ex: Executor, subjects: string[], now: number, maxFailuresPerDay: number): Promise<string[]> {
  const running = await ex
    .select({ subject: codeFailureTimeTable.subject, purpose: codeFailureTimeTable.purpose, kind: codeFailureTimeTable.kind })
    .from(codeFailureTimeTable)
    .where(and(inArray(codeFailureTimeTable.subject, subjects), gt(codeFailureTimeTable.at, now - DAY_MS)))
    .groupBy(codeFailureTimeTable.subject, codeFailureTimeTable.purpose, codeFailureTimeTable.kind)
    .having(sql`count(*) >= ${maxFailuresPerDay}`)
    .orderBy(codeFailureTimeTable.subject, codeFailureTimeTable.purpose, codeFailureTimeTable.kind);
  await ex.delete(codeFailureTimeTable).where(inArray(codeFailureTimeTable.subject, subjects));
  return running.map((k) => `${k.subject}/${k.purpose}/${k.kind}`);
}

/** SPEC S11: where a closure's notice goes — the account's My ID; for a holder, an open account's My ID, else the flow's card's email. */
export async function closureNoticeAddress(ex: Executor, subject: string, flowId: number): Promise<string | null> {
  const [, who, idText] = /^(holder|account):(-?\d+)$/.exec(subject) ?? [];
  const id = Number(idText);
  if (!who || !(id > 0)) return null;
  const account = await first(
    ex
      .select({ email: accountTable.email })
      .from(accountTable)
      .where(and(who === 'account' ? eq(accountTable.id, id) : eq(accountTable.holderId, id), isNull(accountTable.closedAt)))
      .orderBy(asc(accountTable.id))
      .limit(1),
  );
  if (account || who === 'account') return account?.email ?? null;
  const card = await first(
    ex
      .select({ email: cardTable.email })
      .from(flowTable)
      .innerJoin(cardTable, eq(cardTable.id, flowTable.cardId))
      .where(and(eq(flowTable.id, flowId), eq(cardTable.holderId, id))),
  );
  return card?.email ?? null;
}
