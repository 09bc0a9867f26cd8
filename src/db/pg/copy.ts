// SPEC Z4 (npm run db:copy): every row of a SQLite portal written into an empty PostgreSQL database in one transaction,
// keeping the ids, then each id counter moved past the highest id copied.
import { count, getTableName, sql } from 'drizzle-orm';
import type { TableName, TableRows } from '../contract.js';
import { first, inTransaction, type Db } from './client.js';
import { pgTables } from './inspection.js';

const BATCH = 500;

/** The tables that already hold rows (a copy goes only into an empty database). */
export async function nonEmptyTables(db: Db): Promise<TableName[]> {
  const full: TableName[] = [];
  for (const [name, table] of Object.entries(pgTables) as [TableName, (typeof pgTables)[TableName]][]) {
    if (((await first(db.select({ n: count() }).from(table)))?.n ?? 0) > 0) full.push(name);
  }
  return full;
}

/** Writes `read(table)`'s rows of every table, parents before children, in one transaction; returns how many rows each table got. */
export async function copyInto(db: Db, read: <T extends TableName>(table: T) => Promise<TableRows[T][]>): Promise<Record<TableName, number>> {
  const rows = {} as { [T in TableName]: TableRows[T][] };
  for (const name of Object.keys(pgTables) as TableName[]) (rows as Record<TableName, unknown[]>)[name] = await read(name);
  return inTransaction(db, async (tx) => {
    const counts = {} as Record<TableName, number>;
    for (const [name, table] of Object.entries(pgTables) as [TableName, (typeof pgTables)[TableName]][]) {
      const all = rows[name] as object[];
      for (let i = 0; i < all.length; i += BATCH) await tx.insert(table).values(all.slice(i, i + BATCH) as never);
      if ('id' in table) {
        const t = getTableName(table);
        await tx.execute(sql`SELECT setval(pg_get_serial_sequence(${t}, 'id'), coalesce((SELECT max(id) FROM ${sql.identifier(t)}), 0) + 1, false)`);
      }
      counts[name] = all.length;
    }
    return counts;
  });
}
