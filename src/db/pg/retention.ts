// SPEC O4 retention on PostgreSQL: deletes what no rule, lock, budget or cap window reads any more, and summarises each pruned flow.
// One rule for every identifier: nothing here asks whether an identifier belongs to anyone.
import { and, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { FlowForSummary, FlowSummary, PruneCounts, PruneCutoffs, RetentionStore } from '../contract.js';
import { inTransaction, type Db } from './client.js';
import {
  addressSubmissionTable,
  addressThrottleTable,
  auditTable,
  challengeTable,
  codeFailureTable,
  codeFailureTimeTable,
  flowSummaryTable,
  flowTable,
  sessionTable,
  signInAttemptTable,
} from './schema.js';

const BATCH = 500;

/** Flows ended or expired whose challenges no cap window counts any more (nor, for migrations, the S3 start budget), summarised then deleted with their challenges, in batches. */
async function pruneFlows(db: Db, c: PruneCutoffs, summarise: (f: FlowForSummary) => FlowSummary) {
  let flows = 0;
  let challenges = 0;
  for (;;) {
    const batch = await inTransaction(db, async (tx) => {
      const rows = await tx
        .select({ id: flowTable.id, kind: flowTable.kind, step: flowTable.step, createdAt: flowTable.createdAt, endedAt: flowTable.endedAt, expiresAt: flowTable.expiresAt })
        .from(flowTable)
        .where(
          and(
            or(isNotNull(flowTable.endedAt), lte(flowTable.expiresAt, c.now)),
            sql`NOT EXISTS (SELECT 1 FROM ${challengeTable} WHERE ${challengeTable.flowId} = ${flowTable.id} AND ${challengeTable.createdAt} > ${c.now - c.capWindowMs})`,
            or(ne(flowTable.kind, 'migration'), lte(flowTable.createdAt, c.now - c.migrationStartWindowMs)),
          ),
        )
        .orderBy(flowTable.id)
        .limit(BATCH);
      if (rows.length === 0) return { flows: 0, challenges: 0 };
      const ids = rows.map((r) => r.id);
      await tx.insert(flowSummaryTable).values(rows.map(summarise));
      const gone = await tx.delete(challengeTable).where(inArray(challengeTable.flowId, ids));
      await tx.delete(flowTable).where(inArray(flowTable.id, ids));
      return { flows: rows.length, challenges: gone.rowCount ?? 0 };
    });
    flows += batch.flows;
    challenges += batch.challenges;
    if (batch.flows < BATCH) return { flows, challenges };
  }
}

/** Runs every retention rule; each table in its own short statement so the portal keeps serving. */
async function pruneExpired(db: Db, c: PruneCutoffs, summarise: (f: FlowForSummary) => FlowSummary): Promise<PruneCounts> {
  const { now } = c;
  const changes = async (q: PromiseLike<{ rowCount: number | null }>) => (await q).rowCount ?? 0;
  const sessions = await changes(db.delete(sessionTable).where(or(lt(sessionTable.lastSeenAt, now - c.sessionIdleMs), lt(sessionTable.createdAt, now - c.sessionMaxMs))));
  const { flows, challenges } = await pruneFlows(db, c, summarise);
  const signInFailureCounts = await changes(db.delete(signInAttemptTable).where(and(isNull(signInAttemptTable.lockedAt), lte(signInAttemptTable.updatedAt, now - c.quietMs))));
  // an attempt on a locked identifier writes an audit row under its hash, not the counter row: both must be old
  const lockCutoff = now - c.lockRetentionMs;
  const signInLocks = await changes(
    db
      .delete(signInAttemptTable)
      .where(
        and(
          isNotNull(signInAttemptTable.lockedAt),
          lte(signInAttemptTable.updatedAt, lockCutoff),
          sql`NOT EXISTS (SELECT 1 FROM ${auditTable} WHERE ${auditTable.subject} = ${signInAttemptTable.identifierHash} AND ${auditTable.at} > ${lockCutoff})`,
        ),
      ),
  );
  const codeFailures = await changes(
    db
      .delete(codeFailureTable)
      .where(or(and(isNull(codeFailureTable.lockedUntil), lte(codeFailureTable.updatedAt, now - c.quietMs)), and(isNotNull(codeFailureTable.lockedUntil), lte(codeFailureTable.lockedUntil, now)))),
  );
  // SPEC S1/S2: a daily budget's entries once out of its window; an address stays while its flow lives (the per-flow count)
  const budgetCutoff = now - c.budgetWindowMs;
  const budgetEntries =
    (await changes(db.delete(codeFailureTimeTable).where(lte(codeFailureTimeTable.at, budgetCutoff)))) +
    (await changes(
      db
        .delete(addressSubmissionTable)
        .where(
          and(
            lte(addressSubmissionTable.at, budgetCutoff),
            sql`NOT EXISTS (SELECT 1 FROM ${flowTable} WHERE ${flowTable.id} = ${addressSubmissionTable.flowId} AND ${flowTable.endedAt} IS NULL AND ${flowTable.expiresAt} > ${now})`,
          ),
        ),
    ));
  const addressThrottles = await changes(db.delete(addressThrottleTable).where(lte(addressThrottleTable.windowStartedAt, now - c.addressWindowMs)));
  const auditRows = await changes(db.delete(auditTable).where(lt(auditTable.at, now - c.auditRetentionMs)));
  return { sessions, flows, challenges, flowSummaries: flows, signInFailureCounts, signInLocks, codeFailures, budgetEntries, addressThrottles, auditRows };
}

export function retentionStore(db: Db): RetentionStore {
  return { prune: (c, summarise) => pruneExpired(db, c, summarise) };
}
