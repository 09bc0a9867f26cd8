// The people and what they hold (SPEC §1): holders, their phones and cards, the legacy and initial IDs, member accounts and the cards linked to them.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A card holder: one person, grouped in the import by holder_key. */
export const holderTable = sqliteTable('holder', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  holderKey: text('holder_key').notNull().unique(),
  name: text('name').notNull(),
  nameKana: text('name_kana').notNull().default(''),
  nameRoman: text('name_roman').notNull().default(''),
  birthdate: text('birthdate').notNull(), // YYYY-MM-DD
});

/** A registered phone of a holder; kind follows the number (SPEC §1: 060/070/080/090 = mobile). */
export const phoneTable = sqliteTable(
  'phone',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    holderId: integer('holder_id').notNull().references(() => holderTable.id),
    number: text('number').notNull(), // digits only
    kind: text('kind', { enum: ['mobile', 'landline'] }).notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('phone_holder_idx').on(t.holderId), uniqueIndex('phone_holder_number_uq').on(t.holderId, t.number)],
);

/** A card. The number is kept only as a keyed hash plus its last four digits. */
export const cardTable = sqliteTable(
  'card',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
export const credentialTable = sqliteTable(
  'credential',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cardId: integer('card_id').notNull().references(() => cardTable.id),
    kind: text('kind', { enum: ['legacy', 'initial'] }).notNull(),
    loginId: text('login_id').notNull().unique(), // normalised lower case, unique across both kinds
    passwordHash: text('password_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at'), // initial IDs only
    retiredAt: integer('retired_at'),
  },
  (t) => [index('credential_card_idx').on(t.cardId)],
);

/** A member account: the My ID (email) and its password. Closed accounts keep their row. */
export const accountTable = sqliteTable(
  'account',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    holderId: integer('holder_id').notNull().references(() => holderTable.id),
    email: text('email').notNull(), // normalised lower case
    passwordHash: text('password_hash').notNull(),
    termsVersion: text('terms_version').notNull(),
    createdAt: integer('created_at').notNull(),
    passwordChangedAt: integer('password_changed_at').notNull(),
    lastSignInAt: integer('last_sign_in_at'),
    previousSignInAt: integer('previous_sign_in_at'),
    closedAt: integer('closed_at'),
  },
  (t) => [
    // SPEC §1: a My ID is unique among accounts that are not closed
    uniqueIndex('account_open_email_uq').on(t.email).where(sql`closed_at IS NULL`),
    index('account_holder_idx').on(t.holderId),
  ],
);

/** Which account a card belongs to (a card belongs to at most one). */
export const accountCardTable = sqliteTable(
  'account_card',
  {
    accountId: integer('account_id').notNull().references(() => accountTable.id),
    cardId: integer('card_id').notNull().references(() => cardTable.id).unique(),
    linkedAt: integer('linked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.cardId] })],
);
