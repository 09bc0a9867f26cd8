// Who is signed in or midway through a flow: sessions, multi-step flows and the one-time codes sent for them (SPEC M6a).
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accountTable, cardTable, credentialTable, holderTable } from './people.js';

/** A signed-in session; only the keyed hash of its cookie token is stored. */
export const sessionTable = sqliteTable(
  'session',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    accountId: integer('account_id').notNull().references(() => accountTable.id),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [index('session_account_idx').on(t.accountId)],
);

/** A multi-step flow (migration, reset, registration, settings change), keyed by a hashed cookie token. */
export const flowTable = sqliteTable('flow', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tokenHash: text('token_hash').notNull().unique(),
  kind: text('kind').notNull(),
  step: text('step').notNull(),
  holderId: integer('holder_id').references(() => holderTable.id),
  cardId: integer('card_id').references(() => cardTable.id),
  credentialId: integer('credential_id').references(() => credentialTable.id),
  accountId: integer('account_id').references(() => accountTable.id),
  email: text('email'), // the My ID being set up or changed
  data: text('data').notNull().default('{}'), // JSON: the flow's other facts
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  endedAt: integer('ended_at'),
});

/** A one-time code sent for a flow to one destination for one purpose (SPEC M6a). */
export const challengeTable = sqliteTable(
  'challenge',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    flowId: integer('flow_id').notNull().references(() => flowTable.id),
    purpose: text('purpose').notNull(), // e.g. 'email', 'phone'
    channel: text('channel', { enum: ['email', 'sms', 'voice'] }).notNull(),
    destinationHash: text('destination_hash').notNull(),
    // SPEC S5: the requesting client's network (IPv4 address or IPv6 /64), for the per-destination-and-requester cap
    requester: text('requester'),
    codeHash: text('code_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    replacedAt: integer('replaced_at'),
    // SPEC D4: its message failed for good; such a send counts toward no cap of S5, only the failed-send cap
    deliveryFailedAt: integer('delivery_failed_at'),
  },
  (t) => [
    index('challenge_flow_idx').on(t.flowId, t.purpose),
    index('challenge_destination_idx').on(t.destinationHash, t.createdAt),
    index('challenge_flow_created_idx').on(t.flowId, t.createdAt),
  ],
);
