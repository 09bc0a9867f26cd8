// SPEC O7 on PostgreSQL: the counts the migration progress report is made of, read from the tables and the audit log.
import { and, count, countDistinct, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ReportData, ReportStore } from '../contract.js';
import { first, type Db } from './client.js';
import { accountCardTable, accountTable, auditTable, cardTable, flowSummaryTable, flowTable, holderTable } from './schema.js';

/** The audit row's day in Japan time (UTC+9, no daylight saving), as YYYY-MM-DD. */
const tokyoDay = sql<string>`to_char(to_timestamp(${auditTable.at} / 1000.0 + 32400) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;

async function readReportData(db: Db, input: { flowKind: string; dailyEvents: string[]; now: number }): Promise<ReportData> {
  const one = async (q: Promise<{ n: number }[]>) => (await first(q))?.n ?? 0;
  const openAccount = isNull(accountTable.closedAt);
  const holders = await one(db.select({ n: count() }).from(holderTable));
  const cards = await one(db.select({ n: count() }).from(cardTable));
  const migratedHolders = await one(db.select({ n: countDistinct(accountTable.holderId) }).from(accountTable).where(openAccount));
  const migratedCards = await one(db.select({ n: count() }).from(accountCardTable).innerJoin(accountTable, and(eq(accountTable.id, accountCardTable.accountId), openAccount)));
  const summaries = await db
    .select({ step: flowSummaryTable.step, outcome: flowSummaryTable.outcome, n: count() })
    .from(flowSummaryTable)
    .where(eq(flowSummaryTable.kind, input.flowKind))
    .groupBy(flowSummaryTable.step, flowSummaryTable.outcome);
  const live = await db
    .select({
      step: flowTable.step,
      ended: sql<boolean>`${flowTable.endedAt} IS NOT NULL`,
      expired: sql<boolean>`${flowTable.expiresAt} <= ${input.now}::bigint`,
      n: count(),
    })
    .from(flowTable)
    .where(eq(flowTable.kind, input.flowKind))
    .groupBy(flowTable.step, sql`2`, sql`3`);
  const daily =
    input.dailyEvents.length === 0
      ? []
      : await db.select({ day: tokyoDay, event: auditTable.event, n: count() }).from(auditTable).where(inArray(auditTable.event, input.dailyEvents)).groupBy(sql`1`, auditTable.event);
  const events = await db
    .select({
      event: auditTable.event,
      reason: sql<string | null>`CASE WHEN ${auditTable.event} = 'sign_in_failed' THEN ${auditTable.detail}::jsonb ->> 'reason' END`,
      // SPEC X5: a coalesced row stands for `count` refusals
      n: sql<number>`sum(coalesce((${auditTable.detail}::jsonb ->> 'count')::int, 1))`.mapWith(Number),
    })
    .from(auditTable)
    .groupBy(auditTable.event, sql`2`);
  return { holders, cards, migratedHolders, migratedCards, summaries, live: live.map((r) => ({ ...r, ended: Boolean(r.ended), expired: Boolean(r.expired) })), daily, events };
}

export function reportStore(db: Db): ReportStore {
  return { readReportData: (input) => readReportData(db, input) };
}
