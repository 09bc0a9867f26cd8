// The table-level inspection API of the contract on PostgreSQL: what tests and checks read and set up, never used by flows.
import { asc, count, eq, getTableName, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Inspection, TableName, TableRows } from '../contract.js';
import { first, type Db } from './client.js';
import * as schema from './schema.js';

/** Every table, parents before children (the order a copy writes them in). */
export const pgTables = {
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
} satisfies Record<TableName, PgTable>;
const tables = pgTables;

// The contract's row types are exactly the schema's: a column added to one and not the other fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check<T extends true> = T;
export type RowTypesMatch = Check<Same<{ [T in TableName]: (typeof tables)[T]['$inferSelect'] }, TableRows>>;

/** Insertion order: the id where there is one; the tables keyed otherwise have no such order on PostgreSQL, so their time column stands in. */
const insertionOrder: Record<TableName, SQL> = {
  ...(Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, 'id' in t ? asc(t.id as never) : sql`1`])) as Record<TableName, SQL>),
  account_card: sql`${schema.accountCardTable.linkedAt}, ${schema.accountCardTable.cardId}`,
  code_failure: sql`${schema.codeFailureTable.updatedAt}`,
  code_budget: sql`${schema.codeBudgetTable.updatedAt}`,
  sign_in_attempt: sql`${schema.signInAttemptTable.updatedAt}`,
  address_throttle: sql`${schema.addressThrottleTable.windowStartedAt}`,
};

/** Rows whose foreign key points at no row, over every foreign key of the schema (PostgreSQL enforces them; this checks it did). */
async function brokenForeignKeys(db: Db): Promise<number> {
  let broken = 0;
  for (const table of Object.values(tables)) {
    for (const fk of getTableConfig(table).foreignKeys) {
      const ref = fk.reference();
      const [column] = ref.columns;
      const [target] = ref.foreignColumns;
      const rows = await db.execute<{ n: number }>(
        sql`SELECT count(*) AS n FROM ${table} c WHERE c.${sql.identifier(column.name)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${sql.identifier(getTableName(ref.foreignTable))} p WHERE p.${sql.identifier(target.name)} = c.${sql.identifier(column.name)})`,
      );
      broken += Number(rows.rows[0]?.n ?? 0);
    }
  }
  return broken;
}

export function pgInspection(db: Db): Inspection {
  const table = (name: TableName) => tables[name] as PgTable;
  return {
    async rows<T extends TableName>(name: T) {
      return (await db.select().from(table(name)).orderBy(insertionOrder[name])) as TableRows[T][];
    },
    async count(name) {
      return (await first(db.select({ n: count() }).from(table(name))))?.n ?? 0;
    },
    async insert<T extends TableName>(name: T, row: Partial<TableRows[T]>) {
      const [stored] = await db.insert(table(name)).values(row as never).returning();
      return stored as TableRows[T];
    },
    async update(name, id, patch) {
      const t = tables[name];
      await db.update(t).set(patch as never).where(eq(t.id, id));
    },
    async clear(name) {
      await db.delete(table(name));
    },
    async integrity() {
      // PostgreSQL keeps its own pages consistent (checksums, WAL); what a test can check is that it answers and keys hold
      await db.execute(sql`SELECT 1`);
      return 'ok';
    },
    brokenForeignKeys: () => brokenForeignKeys(db),
    async forgetLatestMigration() {
      await db.execute(sql`DELETE FROM drizzle.__drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM drizzle.__drizzle_migrations)`);
    },
  };
}
