// Store contract: Operations (SPEC O2, O4, O6, O7, O10): what the probes and the operator commands ask of the database.
import type { FlowSummaryRecord } from './records.js';
import type { Enqueue } from './outbox.js';

export type Readiness = { ready: true } | { ready: false; problem: string };

export interface HealthStore {
  /** SPEC O2: the database answers and has applied every migration this build ships; never throws. */
  readiness(): Promise<Readiness>;
}

export type PruneCutoffs = {
  now: number;
  /** SPEC T3: a session idle longer than this, or older than the next, has expired. */
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** SPEC S5/M6a: the send caps count the challenges created within this window before now. */
  capWindowMs: number;
  /** SPEC S3: the migration flows a legacy or initial ID started within this window before now are counted. */
  migrationStartWindowMs: number;
  /** SPEC O4: counts below a lock go after this long without a failure. */
  quietMs: number;
  /** SPEC O4: a lock with no attempt on it for this long goes. */
  lockRetentionMs: number;
  /** SPEC L7: an address throttle window lasts this long. */
  addressWindowMs: number;
  /** SPEC S1/S2: the rolling window of the daily budgets (wrong codes, submitted addresses). */
  budgetWindowMs: number;
  auditRetentionMs: number;
};

export type FlowForSummary = { kind: string; step: string; createdAt: number; endedAt: number | null; expiresAt: number };
export type FlowSummary = Omit<FlowSummaryRecord, 'id'>;

export type PruneCounts = {
  sessions: number;
  flows: number;
  challenges: number;
  flowSummaries: number;
  signInFailureCounts: number;
  signInLocks: number;
  codeFailures: number;
  /** SPEC S1/S2: wrong-code and address-submission rows past the daily window (S1's totals and closures are kept). */
  budgetEntries: number;
  addressThrottles: number;
  auditRows: number;
};

export interface RetentionStore {
  /**
   * SPEC O4: runs every retention rule, each table in its own short unit of work (flows in batches: summarised with
   * `summarise`, a pure function, then deleted with their challenges), so the portal keeps serving meanwhile.
   */
  prune(cutoffs: PruneCutoffs, summarise: (flow: FlowForSummary) => FlowSummary): Promise<PruneCounts>;
}

export type UnlockTarget = {
  holderId: number;
  /** The holder's open accounts (a My ID's own first). */
  accountIds: number[];
  /** Where the notice goes: the account's My ID, else the card's registered email (null when there is neither). */
  noticeTo: string | null;
};

export type UnlockInput = {
  identifierHash: string;
  target: UnlockTarget;
  reason: string;
  what: 'my_id' | 'login_id' | 'card';
  now: number;
  /** SPEC S1: CODE_MAX_FAILURES_PER_DAY, to tell which rolling days were locking. */
  maxFailuresPerDay: number;
  /** SPEC D1/S11: the holder's notice, stored in the unlock's transaction. */
  outbox?: Enqueue<UnlockResult>;
};
/** What was ended: `subject/purpose` for an M6a lock, `subject/purpose/kind (day)` for S1's rolling day; `subject/purpose/kind` reopened. */
export type UnlockResult = { signInLockEnded: boolean; codeLocksEnded: string[]; verificationsReopened: string[] };

export interface UnlockStore {
  /** A My ID (normalised email) of an open account. */
  findMyIdTarget(email: string): Promise<UnlockTarget | undefined>;
  /** A legacy or initial ID (normalised), retired or not: its card's holder; the notice goes to the account that card joined, else the card's email. */
  findLoginIdTarget(loginId: string): Promise<UnlockTarget | undefined>;
  /** A card by the keyed hash of its number. */
  findCardTarget(numberHash: string): Promise<UnlockTarget | undefined>;
  /**
   * SPEC O6, one unit of work: ends the identifier's lock and every running code lock (M6a, S1's rolling day) of the holder
   * and their accounts, and reopens their verifications closed by S1; audits `operator_unlock` with the reason.
   */
  unlock(input: UnlockInput): Promise<UnlockResult>;
}

export type EraseDemoResult = { ok: true; holders: number } | { refused: { otherHolders: number; otherAccounts: number } };

export interface DemoResetStore {
  /**
   * SPEC O10, one unit of work: refuses when any holder is not one of `demoHolderKeys` or any account belongs to such a
   * holder; otherwise deletes every row of every table and restarts the id counters.
   */
  eraseDemoData(demoHolderKeys: string[]): Promise<EraseDemoResult>;
}

export type ReportData = {
  holders: number;
  cards: number;
  /** Holders with an open account, and cards linked to one. */
  migratedHolders: number;
  migratedCards: number;
  /** Pruned flows of the kind, by the step they stopped at and their outcome. */
  summaries: { step: string; outcome: string; n: number }[];
  /** Flows of the kind still in the flow table, by step and state. */
  live: { step: string; ended: boolean; expired: boolean; n: number }[];
  /** Audit events of the given names per day (Japan time). */
  daily: { day: string; event: string; n: number }[];
  /** Every audit event and, for sign-in failures, the reason: all time. */
  events: { event: string; reason: string | null; n: number }[];
};

export interface ReportStore {
  /** SPEC O7: the counts the migration progress report is made of, from the tables and the audit log. */
  readReportData(input: { flowKind: string; dailyEvents: string[]; now: number }): Promise<ReportData>;
}
