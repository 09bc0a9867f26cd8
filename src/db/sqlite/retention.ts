// SPEC O4 retention on SQLite: deletes what no rule, lock, budget or cap window reads any more, and summarises each pruned flow.
// One rule for every identifier: nothing here asks whether an identifier belongs to anyone.
import { and, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { FlowForSummary, FlowSummary, PruneCutoffs, RetentionStore } from '../contract.js';
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
function pruneFlows(db: Db, c: PruneCutoffs, summarise: (f: FlowForSummary) => FlowSummary) {
  let flows = 0;
  let challenges = 0;
  for (;;) {
    const batch = inTransaction(db, (tx) => {
        const rows = tx
          .select({ id: flowTable.id, kind: flowTable.kind, step: flowTable.step, createdAt: flowTable.createdAt, endedAt: flowTable.endedAt, expiresAt: flowTable.expiresAt })
          .from(flowTable)
          .where(
            and(
              or(isNotNull(flowTable.endedAt), lte(flowTable.expiresAt, c.now)),
              sql`NOT EXISTS (SELECT 1 FROM ${challengeTable} WHERE ${challengeTable.flowId} = ${flowTable.id} AND ${challengeTable.createdAt} > ${c.now - c.capWindowMs})`,
              or(ne(flowTable.kind, 'migration'), lte(flowTable.createdAt, c.now - c.migrationStartWindowMs)),
            ),
          )
          .limit(BATCH)
          .all();
        if (rows.length === 0) return { flows: 0, challenges: 0 };
        const ids = rows.map((r) => r.id);
        tx.insert(flowSummaryTable).values(rows.map(summarise)).run();
        const gone = tx.delete(challengeTable).where(inArray(challengeTable.flowId, ids)).run().changes;
        tx.delete(flowTable).where(inArray(flowTable.id, ids)).run();
        return { flows: rows.length, challenges: gone };
    });
    flows += batch.flows;
    challenges += batch.challenges;
    if (batch.flows < BATCH) return { flows, challenges };
  }
}

export function retentionStore(db: Db): RetentionStore {
  return { prune: async (c, summarise) => pruneExpired(db, c, summarise) };
}

/** Runs every retention rule; each table in its own short transaction so the portal keeps serving. */
function pruneExpired(db: Db, c: PruneCutoffs, summarise: (f: FlowForSummary) => FlowSummary) {
  const { now } = c;
  const sessions = db
    .delete(sessionTable)
    .where(or(lt(sessionTable.lastSeenAt, now - c.sessionIdleMs), lt(sessionTable.createdAt, now - c.sessionMaxMs)))
    .run().changes;
  const { flows, challenges } = pruneFlows(db, c, summarise);
  const signInFailureCounts = db
    .delete(signInAttemptTable)
    .where(and(isNull(signInAttemptTable.lockedAt), lte(signInAttemptTable.updatedAt, now - c.quietMs)))
    .run().changes;
  // an attempt on a locked identifier writes an audit row under its hash, not the counter row: both must be old
  const lockCutoff = now - c.lockRetentionMs;
  const signInLocks = db
    .delete(signInAttemptTable)
    .where(
      and(
        isNotNull(signInAttemptTable.lockedAt),
        lte(signInAttemptTable.updatedAt, lockCutoff),
        sql`NOT EXISTS (SELECT 1 FROM ${auditTable} WHERE ${auditTable.subject} = ${signInAttemptTable.identifierHash} AND ${auditTable.at} > ${lockCutoff})`,
      ),
    )
    .run().changes;
  const codeFailures = db
    .delete(codeFailureTable)
    .where(
      or(
        and(isNull(codeFailureTable.lockedUntil), lte(codeFailureTable.updatedAt, now - c.quietMs)),
        and(isNotNull(codeFailureTable.lockedUntil), lte(codeFailureTable.lockedUntil, now)),
      ),
    )
    .run().changes;
  // SPEC S1/S2: a daily budget's entries once out of its window; an address stays while its flow lives (the per-flow count)
  const budgetCutoff = now - c.budgetWindowMs;
  const budgetEntries =
    db.delete(codeFailureTimeTable).where(lte(codeFailureTimeTable.at, budgetCutoff)).run().changes +
    db
      .delete(addressSubmissionTable)
      .where(
        and(
          lte(addressSubmissionTable.at, budgetCutoff),
          sql`NOT EXISTS (SELECT 1 FROM ${flowTable} WHERE ${flowTable.id} = ${addressSubmissionTable.flowId} AND ${flowTable.endedAt} IS NULL AND ${flowTable.expiresAt} > ${now})`,
        ),
      )
      .run().changes;
  const addressThrottles = db
    .delete(addressThrottleTable)
    .where(lte(addressThrottleTable.windowStartedAt, now - c.addressWindowMs))
    .run().changes;
  const auditRows = db.delete(auditTable).where(lt(auditTable.at, now - c.auditRetentionMs)).run().changes;
  return { sessions, flows, challenges, flowSummaries: flows, signInFailureCounts, signInLocks, codeFailures, budgetEntries, addressThrottles, auditRows };
}
