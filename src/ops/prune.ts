// SPEC O4 retention: the rules in settings' terms, the flow summary kept for the report, and the server's pruning timer.
import type { Logger } from 'pino';
import type { Deps } from '../deps.js';
import { japanDay } from '../i18n/japan-time.js';
import type { FlowForSummary, FlowSummary, PruneCounts, PruneCutoffs } from '../db/contract.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The last step of every flow kind: a flow there has completed. */
export const DONE_STEP = 'done';

/** Completed when it reached its last step, cancelled when ended before that, expired otherwise. */
export function flowOutcome(f: Pick<FlowForSummary, 'step' | 'endedAt'>): FlowSummary['outcome'] {
  if (f.step === DONE_STEP) return 'completed';
  return f.endedAt !== null ? 'cancelled' : 'expired';
}

export function summariseFlow(f: FlowForSummary): FlowSummary {
  return { kind: f.kind, step: f.step, outcome: flowOutcome(f), day: japanDay(f.createdAt) };
}

export function pruneCutoffs(config: Deps['config'], now: number): PruneCutoffs {
  return {
    now,
    sessionIdleMs: config.SESSION_IDLE_SECONDS * 1000,
    sessionMaxMs: config.SESSION_MAX_SECONDS * 1000,
    // SPEC M6a/S5: CODE_MAX_SENDS_PER_HOUR counts the sends of the rolling hour (the code store's send caps)
    capWindowMs: HOUR_MS,
    // SPEC S3: MIGRATION_STARTS_PER_DAY counts the migration flows of the rolling 24 hours, ended or not
    migrationStartWindowMs: DAY_MS,
    quietMs: DAY_MS,
    lockRetentionMs: config.LOCK_RETENTION_DAYS * DAY_MS,
    addressWindowMs: config.IP_WINDOW_SECONDS * 1000,
    // SPEC S1/S2: CODE_MAX_FAILURES_PER_DAY and EMAIL_TAKEN_MAX_PER_DAY count the rolling 24 hours
    budgetWindowMs: DAY_MS,
    auditRetentionMs: config.AUDIT_RETENTION_DAYS * DAY_MS,
  };
}

export async function pruneNow(deps: Pick<Deps, 'stores' | 'config' | 'clock'>): Promise<PruneCounts> {
  return deps.stores.retention.prune(pruneCutoffs(deps.config, deps.clock.now()), summariseFlow);
}

/** `sessions: 3 removed` … one line per table. */
export function describePrune(c: PruneCounts): string[] {
  return [
    `sessions: ${c.sessions} removed`,
    `flows: ${c.flows} removed (${c.flowSummaries} summarised in flow_summary)`,
    `challenges: ${c.challenges} removed`,
    `sign-in failure counts: ${c.signInFailureCounts} removed`,
    `sign-in locks: ${c.signInLocks} removed`,
    `code failures and code locks: ${c.codeFailures} removed`,
    `daily budget entries (wrong codes, addresses): ${c.budgetEntries} removed`,
    `address throttles: ${c.addressThrottles} removed`,
    `audit rows: ${c.auditRows} removed`,
    'outbox: kept (a message has no final state to count 7 days from until delivery tracking, SPEC D1, records one)',
  ];
}

/** Prunes every PRUNE_INTERVAL_SECONDS (0: never); the timer never keeps the process alive, and a failure is logged, not thrown. */
export function schedulePruning(deps: Pick<Deps, 'stores' | 'config' | 'clock'>, logger: Logger): { stop(): void } {
  const seconds = deps.config.PRUNE_INTERVAL_SECONDS;
  if (seconds === 0) return { stop() {} };
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    pruneNow(deps)
      .then((counts) => logger.info({ pruned: counts }, 'pruned'))
      .catch((err: unknown) => logger.error({ err }, 'pruning failed'))
      .finally(() => (running = false));
  }, seconds * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
