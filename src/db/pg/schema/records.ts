// What is kept for the operators: the security audit log and one summary line per finished flow for the report.
import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { ms } from './time.js';

/** Security events (SPEC X5). */
export const auditTable = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    at: ms('at').notNull(),
    event: text('event').notNull(),
    accountId: integer('account_id'),
    subject: text('subject'), // hashed identifier where the account is unknown
    address: text('address'),
    detail: text('detail'), // JSON
  },
  // SPEC O4: the subject index lets retention ask whether a lock saw any attempt lately
  (t) => [index('audit_at_idx').on(t.at), index('audit_subject_idx').on(t.subject, t.at)],
);

/** SPEC O4/O7: one line per ended or expired flow, kept after the flow and its challenges are pruned, for the report. */
export const flowSummaryTable = pgTable(
  'flow_summary',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    kind: text('kind').notNull(),
    step: text('step').notNull(), // the furthest step reached (the step it stopped at)
    outcome: text('outcome', { enum: ['completed', 'cancelled', 'expired'] }).notNull(),
    day: text('day').notNull(), // YYYY-MM-DD, Japan time, of the day the flow started
  },
  (t) => [index('flow_summary_kind_day_idx').on(t.kind, t.day)],
);
