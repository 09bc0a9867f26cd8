// Every table of the portal (SPEC §1) on PostgreSQL: the same tables and columns as src/db/sqlite/schema.ts (test/unit/schema-parity.test.ts).
// Times are integer milliseconds since the epoch, so bigint (read as a JS number).
import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

const ms = (name: string) => bigint(name, { mode: 'number' });

/** A card holder: one person, grouped in the import by holder_key. */
export const holderTable = pgTable('holder', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  holderKey: text('holder_key').notNull().unique(),
  name: text('name').notNull(),
  nameKana: text('name_kana').notNull().default(''),
  nameRoman: text('name_roman').notNull().default(''),
  birthdate: text('birthdate').notNull(), // YYYY-MM-DD
});

/** A registered phone of a holder; kind follows the number (SPEC §1: 060/070/080/090 = mobile). */
export const phoneTable = pgTable(
  'phone',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    holderId: integer('holder_id').notNull().references(() => holderTable.id),
    number: text('number').notNull(), // digits only
    kind: text('kind', { enum: ['mobile', 'landline'] }).notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('phone_holder_idx').on(t.holderId), uniqueIndex('phone_holder_number_uq').on(t.holderId, t.number)],
);

/** A card. The number is kept only as a keyed hash plus its last four digits. */
export const cardTable = pgTable(
  'card',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    holderId: integer('holder_id').notNull().references(() => holderTable.id),
    numberHash: text('number_hash').notNull().unique(),
    last4: text('last4').notNull(),
    cardName: text('card_name').notNull(),
    email: text('email'), // registered email, normalised lower case; null when none
    paymentDate: text('payment_date'), // YYYY-MM-DD
    confirmedAmount: integer('confirmed_amount'), // yen
    points: integer('points'),
  },
  (t) => [index('card_holder_idx').on(t.holderId)],
);

/** A legacy ID (旧ID) or initial ID (初期ID): one per card and kind, retired on migration. */
export const credentialTable = pgTable(
  'credential',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    cardId: integer('card_id').notNull().references(() => cardTable.id),
    kind: text('kind', { enum: ['legacy', 'initial'] }).notNull(),
    loginId: text('login_id').notNull().unique(), // normalised lower case, unique across both kinds
    passwordHash: text('password_hash').notNull(),
    createdAt: ms('created_at').notNull(),
    expiresAt: ms('expires_at'), // initial IDs only
    retiredAt: ms('retired_at'),
  },
  (t) => [index('credential_card_idx').on(t.cardId)],
);

/** A member account: the My ID (email) and its password. Closed accounts keep their row. */
export const accountTable = pgTable(
  'account',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    holderId: integer('holder_id').notNull().references(() => holderTable.id),
    email: text('email').notNull(), // normalised lower case
    passwordHash: text('password_hash').notNull(),
    termsVersion: text('terms_version').notNull(),
    createdAt: ms('created_at').notNull(),
    passwordChangedAt: ms('password_changed_at').notNull(),
    lastSignInAt: ms('last_sign_in_at'),
    previousSignInAt: ms('previous_sign_in_at'),
    closedAt: ms('closed_at'),
  },
  (t) => [
    // SPEC §1: a My ID is unique among accounts that are not closed
    uniqueIndex('account_open_email_uq').on(t.email).where(sql`closed_at IS NULL`),
    index('account_holder_idx').on(t.holderId),
  ],
);

/** Which account a card belongs to (a card belongs to at most one). */
export const accountCardTable = pgTable(
  'account_card',
  {
    accountId: integer('account_id').notNull().references(() => accountTable.id),
    cardId: integer('card_id').notNull().references(() => cardTable.id).unique(),
    linkedAt: ms('linked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.cardId] })],
);

/** A signed-in session; only the keyed hash of its cookie token is stored. */
export const sessionTable = pgTable(
  'session',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tokenHash: text('token_hash').notNull().unique(),
    accountId: integer('account_id').notNull().references(() => accountTable.id),
    createdAt: ms('created_at').notNull(),
    lastSeenAt: ms('last_seen_at').notNull(),
  },
  (t) => [index('session_account_idx').on(t.accountId)],
);

/** A multi-step flow (migration, reset, registration, settings change), keyed by a hashed cookie token. */
export const flowTable = pgTable('flow', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tokenHash: text('token_hash').notNull().unique(),
  kind: text('kind').notNull(),
  step: text('step').notNull(),
  holderId: integer('holder_id').references(() => holderTable.id),
  cardId: integer('card_id').references(() => cardTable.id),
  credentialId: integer('credential_id').references(() => credentialTable.id),
  accountId: integer('account_id').references(() => accountTable.id),
  email: text('email'), // the My ID being set up or changed
  data: text('data').notNull().default('{}'), // JSON: the flow's other facts
  createdAt: ms('created_at').notNull(),
  expiresAt: ms('expires_at').notNull(),
  endedAt: ms('ended_at'),
});

/** A one-time code sent for a flow to one destination for one purpose (SPEC M6a). */
export const challengeTable = pgTable(
  'challenge',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    flowId: integer('flow_id').notNull().references(() => flowTable.id),
    purpose: text('purpose').notNull(), // e.g. 'email', 'phone'
    channel: text('channel', { enum: ['email', 'sms', 'voice'] }).notNull(),
    destinationHash: text('destination_hash').notNull(),
    // SPEC S5: the requesting client's network (IPv4 address or IPv6 /64), for the per-destination-and-requester cap
    requester: text('requester'),
    codeHash: text('code_hash').notNull(),
    createdAt: ms('created_at').notNull(),
    expiresAt: ms('expires_at').notNull(),
    usedAt: ms('used_at'),
    replacedAt: ms('replaced_at'),
    // SPEC D4: its message failed for good; such a send counts toward no cap of S5, only the failed-send cap
    deliveryFailedAt: ms('delivery_failed_at'),
  },
  (t) => [
    index('challenge_flow_idx').on(t.flowId, t.purpose),
    index('challenge_destination_idx').on(t.destinationHash, t.createdAt),
    index('challenge_flow_created_idx').on(t.flowId, t.createdAt),
  ],
);

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

/** Notices shown on the member top page. */
export const noticeTable = pgTable('notice', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  titleJa: text('title_ja').notNull(),
  titleEn: text('title_en').notNull(),
  // issue 19: a notice opens to its text on the top page
  bodyJa: text('body_ja').notNull().default(''),
  bodyEn: text('body_en').notNull().default(''),
  publishedAt: ms('published_at').notNull(),
});

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

/** SPEC §2/D1/D5: every message, stored in the transaction of the change that causes it, with its delivery state. */
export const outboxTable = pgTable(
  'outbox',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    messageId: text('message_id').notNull().unique(), // a UUID: the message's id on the outbox page (and its Idempotency-Key, SPEC D2)
    createdAt: ms('created_at').notNull(),
    channel: text('channel', { enum: ['email', 'sms', 'voice'] }).notNull(),
    recipient: text('recipient').notNull(), // email address or phone digits
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    code: text('code'), // only on messages that carry a code
    // SPEC D1: delivery. pending → sending (leased) → delivered | failed | dropped; a lapsed lease is claimed again
    state: text('state', { enum: ['pending', 'sending', 'delivered', 'failed', 'dropped'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: ms('lease_until'),
    nextAttemptAt: ms('next_attempt_at').notNull().default(0),
    lastError: text('last_error'),
    finishedAt: ms('finished_at'), // when it reached its final state (delivered, failed, dropped); pruned 7 days later
    challengeId: integer('challenge_id'), // a code message's challenge: dropped when that code was replaced, used or expired
    expiresAt: ms('expires_at'), // a code message's code expiry: its text and code are blanked then
  },
  (t) => [index('outbox_created_idx').on(t.createdAt), index('outbox_due_idx').on(t.state, t.nextAttemptAt), index('outbox_channel_finished_idx').on(t.channel, t.finishedAt), index('outbox_challenge_idx').on(t.challengeId)],
);
