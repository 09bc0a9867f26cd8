// The table-level inspection API of the contract on SQLite: what tests and checks read and set up, never used by flows.
import { eq, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Inspection, TableName, TableRows } from '../contract.js';
import type { Db } from './client.js';
import * as schema from './schema.js';

const tables = {
  holder: schema.holderTable,
  phone: schema.phoneTable,
  card: schema.cardTable,
  credential: schema.credentialTable,
  account: schema.accountTable,
  account_card: schema.accountCardTable,
  session: schema.sessionTable,
  flow: schema.flowTable,
  challenge: schema.challengeTable,
  code_failure: schema.codeFailureTable,
  code_budget: schema.codeBudgetTable,
  code_failure_time: schema.codeFailureTimeTable,
  address_submission: schema.addressSubmissionTable,
  sign_in_attempt: schema.signInAttemptTable,
  address_throttle: schema.addressThrottleTable,
  audit_log: schema.auditTable,
  notice: schema.noticeTable,
  flow_summary: schema.flowSummaryTable,
  outbox: schema.outboxTable,
} satisfies Record<TableName, SQLiteTable>;

// The contract's row types are exactly the schema's: a column added to one and not the other fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check<T extends true> = T;
export type RowTypesMatch = Check<Same<{ [T in TableName]: (typeof tables)[T]['$inferSelect'] }, TableRows>>;

export function sqliteInspection(db: Db): Inspection {
  const table = (name: TableName) => tables[name] as SQLiteTable & { id?: unknown };
  return {
    async rows<T extends TableName>(name: T) {
      return db.select().from(table(name)).orderBy(sql`rowid`).all() as TableRows[T][];
    },
    async count(name) {
      return db.select({ n: sql<number>`count(*)` }).from(table(name)).get()?.n ?? 0;
    },
    async insert<T extends TableName>(name: T, row: Partial<TableRows[T]>) {
      return db.insert(table(name)).values(row as never).returning().get() as TableRows[T];
    },
    async update(name, id, patch) {
      const t = tables[name];
      db.update(t).set(patch as never).where(eq(t.id, id)).run();
    },
    async clear(name) {
      db.delete(table(name)).run();
    },
    async integrity() {
      return (db.$client.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join(';');
    },
    async brokenForeignKeys() {
      return (db.$client.pragma('foreign_key_check') as unknown[]).length;
    },
    async forgetLatestMigration() {
      db.$client.exec('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)');
    },
  };
}
