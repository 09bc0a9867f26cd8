// SPEC O7 on SQLite: the counts the migration progress report is made of, read from the tables and the audit log.
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ReportData, ReportStore } from '../contract.js';
import type { Db } from './client.js';
import { accountCardTable, accountTable, auditTable, cardTable, flowSummaryTable, flowTable, holderTable } from './schema.js';

/** `date(at + 9 h)`: the audit row's day in Japan time, as YYYY-MM-DD. */
const japanDay = sql<string>`date(${auditTable.at} / 1000 + 32400, 'unixepoch')`;

function readReportData(db: Db, input: { flowKind: string; dailyEvents: string[]; now: number }): ReportData {
  const one = (q: { get(): { n: number } | undefined }) => q.get()?.n ?? 0;
  const openAccount = and(isNull(accountTable.closedAt));
  const holders = one(db.select({ n: count() }).from(holderTable));
  const cards = one(db.select({ n: count() }).from(cardTable));
  const migratedHolders = one(db.select({ n: sql<number>`count(DISTINCT ${accountTable.holderId})` }).from(accountTable).where(openAccount));
  const migratedCards = one(
    db.select({ n: count() }).from(accountCardTable).innerJoin(accountTable, and(eq(accountTable.id, accountCardTable.accountId), openAccount)),
  );
  const summaries = db
    .select({ step: flowSummaryTable.step, outcome: flowSummaryTable.outcome, n: count() })
    .from(flowSummaryTable)
    .where(eq(flowSummaryTable.kind, input.flowKind))
    .groupBy(flowSummaryTable.step, flowSummaryTable.outcome)
    .all();
  const live = db
    .select({
      step: flowTable.step,
      ended: sql<number>`${flowTable.endedAt} IS NOT NULL`,
      expired: sql<number>`${flowTable.expiresAt} <= ${input.now}`,
      n: count(),
    })
    .from(flowTable)
    .where(eq(flowTable.kind, input.flowKind))
    .groupBy(flowTable.step, sql`2`, sql`3`)
    .all()
    .map((r) => ({ step: r.step, ended: Boolean(r.ended), expired: Boolean(r.expired), n: r.n }));
  const daily = input.dailyEvents.length === 0 ? [] : db
    .select({ day: japanDay, event: auditTable.event, n: count() })
    .from(auditTable)
    .where(inArray(auditTable.event, input.dailyEvents))
    .groupBy(sql`1`, auditTable.event)
    .all();
  const events = db
    .select({
      event: auditTable.event,
      reason: sql<string | null>`CASE WHEN ${auditTable.event} = 'sign_in_failed' THEN json_extract(${auditTable.detail}, '$.reason') END`,
      // SPEC X5: a coalesced row stands for `count` refusals
      n: sql<number>`sum(coalesce(json_extract(${auditTable.detail}, '$.count'), 1))`,
    })
    .from(auditTable)
    .groupBy(auditTable.event, sql`2`)
    .all();
  return { holders, cards, migratedHolders, migratedCards, summaries, live, daily, events };
}

export function reportStore(db: Db): ReportStore {
  return { readReportData: async (input) => readReportData(db, input) };
}
