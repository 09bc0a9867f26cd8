// What the members are told: notices on the top page and the outbox of every email, SMS and voice message.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Notices shown on the member top page. */
export const noticeTable = sqliteTable('notice', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  titleJa: text('title_ja').notNull(),
  titleEn: text('title_en').notNull(),
  // issue 19: a notice opens to its text on the top page
  bodyJa: text('body_ja').notNull().default(''),
  bodyEn: text('body_en').notNull().default(''),
  publishedAt: integer('published_at').notNull(),
});

/** SPEC §2/D1/D5: every message, stored in the transaction of the change that causes it, with its delivery state. */
export const outboxTable = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: text('message_id').notNull().unique(), // a UUID: the message's id on the outbox page (and its Idempotency-Key, SPEC D2)
    createdAt: integer('created_at').notNull(),
    channel: text('channel', { enum: ['email', 'sms', 'voice'] }).notNull(),
    recipient: text('recipient').notNull(), // email address or phone digits
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    code: text('code'), // only on messages that carry a code
    // SPEC D1: delivery. pending → sending (leased) → delivered | failed | dropped; a lapsed lease is claimed again
    state: text('state', { enum: ['pending', 'sending', 'delivered', 'failed', 'dropped'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: integer('lease_until'),
    nextAttemptAt: integer('next_attempt_at').notNull().default(0),
    lastError: text('last_error'),
    finishedAt: integer('finished_at'), // when it reached its final state (delivered, failed, dropped); pruned 7 days later
    challengeId: integer('challenge_id'), // a code message's challenge: dropped when that code was replaced, used or expired
    expiresAt: integer('expires_at'), // a code message's code expiry: its text and code are blanked then
  },
  (t) => [index('outbox_created_idx').on(t.createdAt), index('outbox_due_idx').on(t.state, t.nextAttemptAt), index('outbox_channel_finished_idx').on(t.channel, t.finishedAt), index('outbox_challenge_idx').on(t.challengeId)],
);
