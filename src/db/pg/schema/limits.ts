// The abuse budgets and locks (SPEC §5): wrong codes, submitted addresses, failed sign-ins per identifier and per client address.
import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { ms } from './time.js';

/** Wrong code entries per holder/account and purpose; survives resends and new flows (SPEC M6a). */
export const codeFailureTable = pgTable(
  'code_failure',
  {
    subject: text('subject').notNull(), // 'holder:12' or 'account:5'
    purpose: text('purpose').notNull(),
    failures: integer('failures').notNull().default(0),
    lockedUntil: ms('locked_until'),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subject, t.purpose] })],
);

/**
 * SPEC S1: the long memory of wrong codes, per holder/account, purpose and flow kind — the total, never cleared by a
 * right code, and the closure it leads to. Kept until an operator unlock (or, for M and G, a password reset) reopens it.
 */
export const codeBudgetTable = pgTable(
  'code_budget',
  {
    subject: text('subject').notNull(), // 'holder:12' or 'account:5'
    purpose: text('purpose').notNull(),
    kind: text('kind').notNull(), // the flow kind: migration, reset, registration, my-id-change
    total: integer('total').notNull().default(0),
    closedAt: ms('closed_at'),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subject, t.purpose, t.kind] })],
);

/** SPEC S1: one row per wrong code of the rolling 24 hours, per holder/account, purpose and flow kind (a right code clears them). */
export const codeFailureTimeTable = pgTable(
  'code_failure_time',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    subject: text('subject').notNull(),
    purpose: text('purpose').notNull(),
    kind: text('kind').notNull(),
    at: ms('at').notNull(),
  },
  (t) => [index('code_failure_time_key_idx').on(t.subject, t.purpose, t.kind, t.at), index('code_failure_time_at_idx').on(t.at)],
);

/** SPEC S2: one row per valid address submitted in M3, G2 or T2, counted per flow and per holder/account for 24 hours. */
export const addressSubmissionTable = pgTable(
  'address_submission',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    subject: text('subject').notNull(), // 'holder:12' or 'account:5'
    flowId: integer('flow_id').notNull(), // no foreign key: retention deletes flows before these rows leave the window
    at: ms('at').notNull(),
  },
  (t) => [index('address_submission_subject_idx').on(t.subject, t.at), index('address_submission_flow_idx').on(t.flowId)],
);

/** Consecutive failed sign-ins per normalised identifier, known or not (SPEC L5, L6, G1). */
export const signInAttemptTable = pgTable('sign_in_attempt', {
  identifierHash: text('identifier_hash').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedAt: ms('locked_at'),
  updatedAt: ms('updated_at').notNull(),
});

/** Failed sign-ins per client address in a fixed window (SPEC L7). */
export const addressThrottleTable = pgTable('address_throttle', {
  address: text('address').primaryKey(),
  windowStartedAt: ms('window_started_at').notNull(),
  failures: integer('failures').notNull().default(0),
  // when this window's first refusal was logged (one audit row per window, however long the flood)
  refusedAt: ms('refused_at'),
});
